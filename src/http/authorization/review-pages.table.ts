import { roleRank, type Role } from "../../core/access/roles.js";
import { listProposals } from "../../core/indicators/proposals.service.js";
import { REVIEW_YEAR } from "./fixtures.js";
import { form, get, WHO, type Case, type Table, type Who } from "./table.js";

/**
 * The staff pages of the yearly review. Like the account pages they take a session only: a GET
 * without one goes to the sign-in page (303), a form post without one gets 401, a role too low
 * 403, and a change done redirects (303). Every change gets a plan of its own with the review in
 * the state the step needs; an action owner calls on an action assigned to them.
 */
const page = (role: Role, ok: number, anonymous: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? anonymous : roleRank(w) >= roleRank(role) ? ok : 403]),
  ) as Record<Who, number>;
const view = (role: Role): Pick<Case, "expect" | "tokens"> => ({
  expect: page(role, 200, 303),
  tokens: { read: 303, write: 303 },
});
const change = (role: Role): Pick<Case, "expect" | "tokens"> => ({
  expect: page(role, 303, 401),
  tokens: { read: 403, write: 401 },
});

const kadoma = `/plans/kadoma/reviews/${REVIEW_YEAR}`;
const cycleOf = (planId: string) => `/plans/${planId}/reviews/${REVIEW_YEAR}`;

export const REVIEW_PAGE_ROUTES: Table = {
  "GET /plans/:planId/reviews": { request: get("/plans/kadoma/reviews"), ...view("viewer") },
  "POST /plans/:planId/reviews": {
    request: async ({ fixtures }) =>
      form(`/plans/${await fixtures.plan()}/reviews`, {
        fiscalYear: String(REVIEW_YEAR),
        asOf: "2026-02-28",
        // The form refuses a deadline in the past; this table runs on the real clock.
        deadline: "2099-03-15",
      }),
    ...change("plan_manager"),
  },
  "GET /plans/:planId/reviews/:fiscalYear": { request: get(kadoma), ...view("viewer") },
  "POST /plans/:planId/reviews/:fiscalYear/copy-forward": {
    request: async ({ fixtures, caller }) =>
      form(`${cycleOf((await fixtures.review("not_started", caller)).planId)}/copy-forward`),
    ...change("action_owner"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/publish": {
    request: async ({ fixtures, caller }) =>
      form(`${cycleOf((await fixtures.review("approved", caller)).planId)}/publish`, { confirmed: "yes" }),
    ...change("plan_manager"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/close": {
    request: async ({ fixtures }) => form(`${cycleOf(await fixtures.plan({ cycle: true }))}/close`),
    ...change("plan_manager"),
  },
  "GET /plans/:planId/reviews/:fiscalYear/actions/:number": {
    request: get(`${kadoma}/actions/1`),
    ...view("viewer"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/actions/:number": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("not_started", caller);
      return form(`${cycleOf(planId)}/actions/1`, {
        baseVersion: String(version),
        results: "相談 12件",
        intent: "save",
      });
    },
    ...change("action_owner"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/actions/:number/approve": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("submitted", caller);
      return form(`${cycleOf(planId)}/actions/1/approve`, { baseVersion: String(version) });
    },
    ...change("plan_manager"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/actions/:number/return": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("submitted", caller);
      return form(`${cycleOf(planId)}/actions/1/return`, {
        baseVersion: String(version),
        comment: "件数の根拠を書いてください",
      });
    },
    ...change("plan_manager"),
  },
  "POST /plans/:planId/reviews/:fiscalYear/actions/:number/reopen": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("approved", caller);
      return form(`${cycleOf(planId)}/actions/1/reopen`, { baseVersion: String(version) });
    },
    ...change("plan_manager"),
  },
  "GET /plans/:planId/actions/:number/restore": {
    request: get("/plans/kadoma/actions/20/restore?version=1"),
    ...view("plan_manager"),
  },
  "POST /plans/:planId/actions/:number/restore": {
    request: async ({ fixtures }) => {
      const planId = await fixtures.plan();
      const { version } = await fixtures.editedAction(planId, 1);
      return form(`/plans/${planId}/actions/1/restore`, { version: "1", baseVersion: String(version) });
    },
    ...change("plan_manager"),
  },
  "GET /plans/:planId/indicator-proposals": {
    request: get("/plans/kadoma/indicator-proposals"),
    ...view("plan_manager"),
  },
  "GET /plans/:planId/indicator-proposals/:id": {
    request: async ({ fixtures }) => {
      const first = (await listProposals(fixtures.t.db, "kadoma"))[0]!;
      return get(`/plans/kadoma/indicator-proposals/${encodeURIComponent(first.id)}`)();
    },
    ...view("plan_manager"),
  },
  "POST /plans/:planId/indicator-proposals/:id/accept": {
    request: async ({ fixtures, caller }) =>
      form(
        `/plans/kadoma/indicator-proposals/${encodeURIComponent(await fixtures.proposal(caller))}/accept`,
        {
          as: "actual",
          indicatorCode: "",
          name: "表の指標",
          kind: "activity",
          value: "3",
          fiscalYear: "2024",
        },
      ),
    ...change("plan_manager"),
  },
  "POST /plans/:planId/indicator-proposals/:id/reject": {
    request: async ({ fixtures, caller }) =>
      form(
        `/plans/kadoma/indicator-proposals/${encodeURIComponent(await fixtures.proposal(caller))}/reject`,
        {
          note: "日付",
          baseVersion: "0",
        },
      ),
    ...change("plan_manager"),
  },
};
