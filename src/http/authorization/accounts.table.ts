import { assignActionOwner } from "../../core/access/action-owners.js";
import { TEST_PASSWORD } from "../../test/accounts.js";
import { acting } from "./fixtures.js";
import { everyone, get, needs, type Table } from "./table.js";

/** Setup, sessions, the own account, account administration, action owners, the audit log. */
export const ACCOUNT_ROUTES: Table = {
  // Setup is closed once an account exists, for everyone.
  "POST /api/v1/setup": {
    request: ({ fixtures }) => ({
      method: "POST",
      url: "/api/v1/setup",
      payload: { token: "a".repeat(43), email: fixtures.uniqueEmail(), password: TEST_PASSWORD },
    }),
    expect: everyone(403),
  },
  "POST /api/v1/session": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: (await fixtures.target()).email, password: TEST_PASSWORD },
    }),
    expect: everyone(200),
    // Signing in ends the session the browser had.
    freshCaller: true,
  },
  "GET /api/v1/session": { request: get("/api/v1/session"), expect: needs("viewer", 200) },
  "DELETE /api/v1/session": {
    request: () => ({ method: "DELETE", url: "/api/v1/session" }),
    expect: needs("viewer", 204),
    freshCaller: true,
    sessionOnly: true,
  },
  "GET /api/v1/account/sessions": { request: get("/api/v1/account/sessions"), expect: needs("viewer", 200) },
  "DELETE /api/v1/account/sessions": {
    request: () => ({ method: "DELETE", url: "/api/v1/account/sessions" }),
    expect: needs("viewer", 200),
    freshCaller: true,
    sessionOnly: true,
  },
  "GET /api/v1/account": { request: get("/api/v1/account"), expect: needs("viewer", 200) },
  "PUT /api/v1/account/password": {
    request: () => ({
      method: "PUT",
      url: "/api/v1/account/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "another long passphrase" },
    }),
    expect: needs("viewer", 200),
    freshCaller: true,
    sessionOnly: true,
  },
  "GET /api/v1/account/tokens": { request: get("/api/v1/account/tokens"), expect: needs("viewer", 200) },
  "POST /api/v1/account/tokens": {
    request: () => ({
      method: "POST",
      url: "/api/v1/account/tokens",
      payload: { name: "table", scope: "read", expiresInDays: 1 },
    }),
    expect: needs("viewer", 201),
    sessionOnly: true,
  },
  "DELETE /api/v1/account/tokens/:tokenId": {
    request: async ({ fixtures, caller }) => {
      const owner = caller ?? (await fixtures.target());
      return { method: "DELETE", url: `/api/v1/account/tokens/${await fixtures.tokenOf(owner.id)}` };
    },
    expect: needs("viewer", 200),
  },

  "GET /api/v1/accounts": { request: get("/api/v1/accounts"), expect: needs("admin", 200) },
  "POST /api/v1/accounts": {
    request: ({ fixtures }) => ({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { email: fixtures.uniqueEmail(), role: "viewer", password: "first password 2025" },
    }),
    expect: needs("admin", 201),
  },
  "GET /api/v1/accounts/:accountId": {
    request: async ({ fixtures }) => get(`/api/v1/accounts/${(await fixtures.target()).id}`)(),
    expect: needs("admin", 200),
  },
  "PATCH /api/v1/accounts/:accountId": {
    request: async ({ fixtures }) => ({
      method: "PATCH",
      url: `/api/v1/accounts/${(await fixtures.target()).id}`,
      payload: { role: "action_owner" },
    }),
    expect: needs("admin", 200),
  },
  "POST /api/v1/accounts/:accountId/password-reset": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `/api/v1/accounts/${(await fixtures.target()).id}/password-reset`,
      payload: { newPassword: "temporary password 99" },
    }),
    expect: needs("admin", 200),
  },
  "GET /api/v1/accounts/:accountId/tokens": {
    request: async ({ fixtures }) => get(`/api/v1/accounts/${(await fixtures.target()).id}/tokens`)(),
    expect: needs("admin", 200),
  },
  "DELETE /api/v1/accounts/:accountId/tokens/:tokenId": {
    request: async ({ fixtures }) => {
      const owner = await fixtures.target();
      return {
        method: "DELETE",
        url: `/api/v1/accounts/${owner.id}/tokens/${await fixtures.tokenOf(owner.id)}`,
      };
    },
    expect: needs("admin", 200),
  },

  "GET /api/v1/plans/:planId/owners": {
    request: get("/api/v1/plans/kadoma/owners"),
    expect: needs("plan_manager", 200),
  },
  "PUT /api/v1/plans/:planId/actions/:number/owners/:accountId": {
    request: async ({ fixtures }) => ({
      method: "PUT",
      url: `/api/v1/plans/kadoma/actions/12/owners/${(await fixtures.target("action_owner")).id}`,
    }),
    expect: needs("plan_manager", 200),
  },
  "DELETE /api/v1/plans/:planId/actions/:number/owners/:accountId": {
    request: async ({ fixtures }) => {
      const owner = await fixtures.target("action_owner");
      await assignActionOwner(
        fixtures.t.db,
        { planId: "kadoma", actionNumber: 12, accountId: owner.id },
        acting,
      );
      return { method: "DELETE", url: `/api/v1/plans/kadoma/actions/12/owners/${owner.id}` };
    },
    expect: needs("plan_manager", 204),
  },

  "GET /api/v1/audit": { request: get("/api/v1/audit?kind=sign_in.*"), expect: needs("admin", 200) },
  "GET /api/v1/audit/export": {
    request: get("/api/v1/audit/export?format=csv"),
    expect: needs("admin", 200),
  },
};
