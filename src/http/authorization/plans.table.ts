import { DEFAULT_SCALES } from "../../core/review/scales.js";
import { everyone, get, needs, type Table } from "./table.js";

/** The plan, its actions, history, indicators, scales and search; the service routes. */
export const PLAN_ROUTES: Table = {
  "GET /api/v1/plans": { request: get("/api/v1/plans"), expect: everyone(200) },
  "GET /api/v1/plans/:planId": { request: get("/api/v1/plans/kadoma"), expect: everyone(200) },
  "GET /api/v1/plans/:planId/actions": {
    request: get("/api/v1/plans/kadoma/actions?q=DX"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/actions/:number": {
    request: get("/api/v1/plans/kadoma/actions/12"),
    expect: everyone(200),
  },
  "GET /api/v1/search": { request: get("/api/v1/search?q=%E6%BA%B6%E6%8E%A5"), expect: everyone(200) },

  // An action owner edits the actions assigned to them (this one is); authorization.test.ts
  // checks the 403 for an action that is not.
  "GET /api/v1/plans/:planId/actions/:number/edit": {
    request: async ({ fixtures, caller }) =>
      get(`/api/v1/plans/${await fixtures.ownedAction(caller)}/actions/1/edit`)(),
    expect: needs("action_owner", 200),
  },
  "PUT /api/v1/plans/:planId/actions/:number": {
    request: async ({ fixtures, caller }) => {
      const planId = await fixtures.ownedAction(caller);
      const { action, version } = await fixtures.actionForEdit(planId, 1);
      return {
        method: "PUT",
        url: `/api/v1/plans/${planId}/actions/1`,
        payload: { baseVersion: version, action: { ...action, name: `${action.name}・` } },
      };
    },
    expect: needs("action_owner", 200),
  },

  "GET /api/v1/plans/:planId/actions/:number/history": {
    request: get("/api/v1/plans/kadoma/actions/20/history"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/actions/:number/versions/:version": {
    request: get("/api/v1/plans/kadoma/actions/20/versions/1"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/actions/:number/diff": {
    request: get("/api/v1/plans/kadoma/actions/20/diff?from=1&to=2"),
    expect: everyone(200),
  },
  "POST /api/v1/plans/:planId/actions/:number/restore": {
    request: async ({ fixtures }) => {
      const { version } = await fixtures.editedAction("kadoma", 21);
      return {
        method: "POST",
        url: "/api/v1/plans/kadoma/actions/21/restore",
        payload: { version: 1, baseVersion: version },
      };
    },
    expect: needs("plan_manager", 200),
  },
  "GET /api/v1/plans/:planId/compare": {
    request: get("/api/v1/plans/kadoma/compare?from=2020&to=2099-12-31"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/changes": {
    request: get("/api/v1/plans/kadoma/changes"),
    expect: needs("viewer", 200),
  },

  "GET /api/v1/plans/:planId/indicators": {
    request: get("/api/v1/plans/kadoma/indicators"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/indicator-proposals": {
    request: get("/api/v1/plans/kadoma/indicator-proposals?status=proposed"),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/indicator-proposals/:id/accept": {
    request: async ({ fixtures, caller }) => ({
      method: "POST",
      url: `/api/v1/plans/kadoma/indicator-proposals/${encodeURIComponent(await fixtures.proposal(caller))}/accept`,
      payload: { as: "actual", name: "表の指標", kind: "activity" },
    }),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/indicator-proposals/:id/reject": {
    request: async ({ fixtures, caller }) => ({
      method: "POST",
      url: `/api/v1/plans/kadoma/indicator-proposals/${encodeURIComponent(await fixtures.proposal(caller))}/reject`,
      payload: { note: "not a count", baseVersion: 0 },
    }),
    expect: needs("plan_manager", 204),
  },
  "GET /api/v1/plans/:planId/scales": { request: get("/api/v1/plans/kadoma/scales"), expect: everyone(200) },
  "PUT /api/v1/plans/:planId/scales": {
    request: async ({ fixtures }) => {
      const planId = await fixtures.plan();
      const grades = DEFAULT_SCALES.grades.map((g, i) => (i === 0 ? { ...g, label: `${g.label}（表）` } : g));
      return {
        method: "PUT",
        url: `/api/v1/plans/${planId}/scales`,
        payload: { baseVersion: await fixtures.planVersion(planId), scales: { ...DEFAULT_SCALES, grades } },
      };
    },
    expect: needs("plan_manager", 200),
  },

  "GET /api/v1/plans/:planId/export.:format": {
    request: get("/api/v1/plans/kadoma/export.csv"),
    expect: everyone(200),
  },
  "GET /api/v1/plans/:planId/export": {
    request: get("/api/v1/plans/kadoma/export?format=json"),
    expect: everyone(200),
  },
  "POST /api/v1/plans/:planId/import/preview": {
    request: async ({ fixtures }) => fixtures.csvUpload(await fixtures.plan(), "preview"),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/plans/:planId/import": {
    request: async ({ fixtures }) => fixtures.csvUpload(await fixtures.plan(), "import"),
    expect: needs("plan_manager", 200),
  },

  "GET /api/v1/openapi.json": { request: get("/api/v1/openapi.json"), expect: everyone(200) },
  "GET /api/v1/schemas/shinko-plan-1.json": {
    request: get("/api/v1/schemas/shinko-plan-1.json"),
    expect: everyone(200),
  },
  "GET /health": { request: get("/health"), expect: everyone(200) },
  "GET /ready": { request: get("/ready"), expect: everyone(200) },
};
