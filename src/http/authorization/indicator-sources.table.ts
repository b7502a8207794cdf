import type { Indicator } from "../../core/indicators/indicator.schema.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { smallPlan, testAction } from "../../test/fixtures.js";
import type { Fixtures } from "./fixtures.js";
import { roleRank, type Role } from "../../core/access/roles.js";
import { everyone, form, get, needs, WHO, type Case, type Table, type Who } from "./table.js";

let plans = 0;

/** A fresh plan of Kadoma's municipality whose action 1 has one indicator, bound when asked. */
async function planWithIndicator(fixtures: Fixtures, bound: boolean): Promise<string> {
  const id = `authz-src-${++plans}`;
  const indicator: Indicator = {
    code: "1",
    name: "掲載企業数",
    unit: "社",
    kind: "outcome",
    baseline: null,
    values: [],
    source: "",
    ...(bound ? { computedFrom: { source: "companies.listed", params: {} } } : {}),
  };
  const doc = smallPlan({ id, municipalityCode: "272230" }, [testAction(1, { indicators: [indicator] })]);
  await fixtures.t.db.transaction().execute((trx) => importPlan(trx, doc));
  return id;
}

/** Staff pages take a session only: a GET without one goes to sign-in, a post gets 401. */
const page = (role: Role, ok: number, anonymous: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? anonymous : roleRank(w) >= roleRank(role) ? ok : 403]),
  ) as Record<Who, number>;
const view: Pick<Case, "expect" | "tokens"> = {
  expect: page("plan_manager", 200, 303),
  tokens: { read: 303, write: 303 },
};
const change: Pick<Case, "expect" | "tokens"> = {
  expect: page("plan_manager", 303, 401),
  tokens: { read: 403, write: 401 },
};

const binding = (planId: string) => `/api/v1/plans/${planId}/actions/1/indicators/1/source`;

/**
 * The registry of indicator sources (public: what the sources are and the values of public
 * records) and the bindings of plan indicators (read by everyone, changed by plan managers).
 */
export const INDICATOR_SOURCE_ROUTES: Table = {
  "GET /api/v1/indicator-sources": { request: get("/api/v1/indicator-sources"), expect: everyone(200) },
  "GET /api/v1/indicator-sources/:id": {
    request: get("/api/v1/indicator-sources/companies.listed"),
    expect: everyone(200),
  },
  "GET /api/v1/indicator-sources/:id/value": {
    request: get("/api/v1/indicator-sources/companies.listed/value?municipalityCode=272230"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/actions/:number/indicators/:code/source": {
    request: get("/api/v1/plans/kadoma/actions/16/indicators/1/source"),
    expect: everyone(200),
  },
  "PUT /api/v1/plans/:planId/actions/:number/indicators/:code/source": {
    request: async ({ fixtures }) => ({
      method: "PUT",
      url: binding(await planWithIndicator(fixtures, false)),
      payload: { source: "companies.listed", params: {} },
    }),
    expect: needs("plan_manager", 200),
  },
  "DELETE /api/v1/plans/:planId/actions/:number/indicators/:code/source": {
    request: async ({ fixtures }) => ({
      method: "DELETE",
      url: binding(await planWithIndicator(fixtures, true)),
    }),
    expect: needs("plan_manager", 200),
  },

  "GET /plans/:planId/actions/:number/indicators/:code/source": {
    request: get("/plans/kadoma/actions/16/indicators/1/source"),
    ...view,
  },
  "POST /plans/:planId/actions/:number/indicators/:code/source": {
    request: async ({ fixtures }) =>
      form(`/plans/${await planWithIndicator(fixtures, false)}/actions/1/indicators/1/source`, {
        source: "companies.listed",
      }),
    ...change,
  },
};
