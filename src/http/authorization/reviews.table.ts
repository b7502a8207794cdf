import { REVIEW_YEAR } from "./fixtures.js";
import { get, needs, type Table } from "./table.js";

const kadoma = `/api/v1/plans/kadoma/reviews/${REVIEW_YEAR}`;
const onePlan = (planId: string) => `/api/v1/plans/${planId}/reviews/${REVIEW_YEAR}`;

/**
 * The yearly review. Reads use Kadoma's open review; every change gets a plan of its own with the
 * review in the state the step needs. An action owner calls on an action assigned to them
 * (review.api.test.ts shows the 403 for an action that is not theirs).
 */
export const REVIEW_ROUTES: Table = {
  "GET /api/v1/plans/:planId/reviews": {
    request: get("/api/v1/plans/kadoma/reviews"),
    expect: needs("viewer", 200),
  },
  "POST /api/v1/plans/:planId/reviews": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `/api/v1/plans/${await fixtures.plan()}/reviews`,
      payload: { fiscalYear: REVIEW_YEAR, asOf: "2026-02-28", deadline: "2099-03-15" },
    }),
    expect: needs("plan_manager", 201),
  },
  "GET /api/v1/plans/:planId/reviews/:fiscalYear": { request: get(kadoma), expect: needs("viewer", 200) },
  "GET /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number": {
    request: get(`${kadoma}/actions/1`),
    expect: needs("viewer", 200),
  },
  "GET /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/history": {
    request: get(`${kadoma}/actions/1/history`),
    expect: needs("viewer", 200),
  },
  "PUT /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("not_started", caller);
      return {
        method: "PUT",
        url: `${onePlan(planId)}/actions/1`,
        payload: {
          baseVersion: version,
          content: {
            results: "相談 12件",
            challenges: [],
            grade: null,
            direction: null,
            analysis: "",
            indicators: [],
          },
        },
      };
    },
    expect: needs("action_owner", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/submit": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("draft", caller);
      return {
        method: "POST",
        url: `${onePlan(planId)}/actions/1/submit`,
        payload: { baseVersion: version },
      };
    },
    expect: needs("action_owner", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/approve": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("submitted", caller);
      return {
        method: "POST",
        url: `${onePlan(planId)}/actions/1/approve`,
        payload: { baseVersion: version },
      };
    },
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/return": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("submitted", caller);
      return {
        method: "POST",
        url: `${onePlan(planId)}/actions/1/return`,
        payload: { baseVersion: version, comment: "件数の根拠を書いてください" },
      };
    },
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/reopen": {
    request: async ({ fixtures, caller }) => {
      const { planId, version } = await fixtures.review("approved", caller);
      return {
        method: "POST",
        url: `${onePlan(planId)}/actions/1/reopen`,
        payload: { baseVersion: version },
      };
    },
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/copy-forward": {
    request: async ({ fixtures, caller }) => {
      const { planId } = await fixtures.review("not_started", caller);
      return { method: "POST", url: `${onePlan(planId)}/copy-forward`, payload: { actions: [1] } };
    },
    expect: needs("action_owner", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/publish": {
    request: async ({ fixtures, caller }) => {
      const { planId } = await fixtures.review("approved", caller);
      return { method: "POST", url: `${onePlan(planId)}/publish`, payload: {} };
    },
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/reviews/:fiscalYear/close": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `${onePlan(await fixtures.plan({ cycle: true }))}/close`,
    }),
    expect: needs("plan_manager", 204),
  },
};
