import { roleRank, type Role } from "../../core/access/roles.js";
import { TEST_PASSWORD } from "../../test/accounts.js";
import { everyone, form, get, WHO, type Case, type Table, type Who } from "./table.js";

/**
 * The account pages. Pages take a session only: a GET without one is sent to the sign-in page
 * (303), a form post without one gets 401, a role too low gets 403, and a change done redirects
 * (303). Access tokens do not sign anyone in here: a write token is treated as nobody, and a read
 * token is refused every post by the request guard.
 */
const page = (role: Role, ok: number, anonymous: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? anonymous : roleRank(w) >= roleRank(role) ? ok : 403]),
  ) as Record<Who, number>;

const view = (role: Role): Pick<Case, "expect" | "tokens"> => ({
  expect: page(role, 200, 303),
  tokens: { read: 303, write: 303 },
});
const change = (role: Role, ok = 303): Pick<Case, "expect" | "tokens"> => ({
  expect: page(role, ok, 401),
  tokens: { read: 403, write: 401 },
});

export const ACCOUNT_PAGE_ROUTES: Table = {
  "GET /sign-in": { request: get("/sign-in"), expect: everyone(200) },
  "POST /sign-in": {
    request: async ({ fixtures }) =>
      form("/sign-in", { email: (await fixtures.target()).email, password: TEST_PASSWORD }),
    expect: everyone(303),
    freshCaller: true,
    tokens: { read: 403, write: 303 },
  },
  "POST /sign-out": {
    request: () => form("/sign-out"),
    expect: everyone(303),
    freshCaller: true,
    tokens: { read: 403, write: 303 },
  },
  // Accounts exist, so no setup link works, for anyone.
  "GET /setup": { request: get(`/setup?token=${"a".repeat(43)}`), expect: everyone(403) },
  "POST /setup": {
    request: ({ fixtures }) =>
      form("/setup", {
        token: "a".repeat(43),
        email: fixtures.uniqueEmail(),
        password: TEST_PASSWORD,
        passwordAgain: TEST_PASSWORD,
      }),
    expect: everyone(403),
  },

  "GET /account": { request: get("/account"), ...view("viewer") },
  "POST /account/password": {
    request: () =>
      form("/account/password", {
        currentPassword: TEST_PASSWORD,
        newPassword: "another long passphrase",
        newPasswordAgain: "another long passphrase",
      }),
    ...change("viewer"),
    freshCaller: true,
  },
  "POST /account/tokens": {
    request: () => form("/account/tokens", { name: "table", scope: "read", expiresInDays: "30" }),
    ...change("viewer", 200),
  },
  "POST /account/tokens/:tokenId/revoke": {
    request: async ({ fixtures, caller }) => {
      const owner = caller ?? (await fixtures.target());
      return form(`/account/tokens/${await fixtures.tokenOf(owner.id)}/revoke`);
    },
    ...change("viewer"),
  },
  "POST /account/sign-out-everywhere": {
    request: () => form("/account/sign-out-everywhere"),
    ...change("viewer"),
    freshCaller: true,
  },

  "GET /admin/accounts": { request: get("/admin/accounts"), ...view("admin") },
  "POST /admin/accounts": {
    request: ({ fixtures }) =>
      form("/admin/accounts", {
        email: fixtures.uniqueEmail(),
        role: "viewer",
        password: "first password 2025",
      }),
    ...change("admin"),
  },
  "GET /admin/accounts/:accountId": {
    request: async ({ fixtures }) => get(`/admin/accounts/${(await fixtures.target()).id}`)(),
    ...view("admin"),
  },
  "POST /admin/accounts/:accountId": {
    request: async ({ fixtures }) =>
      form(`/admin/accounts/${(await fixtures.target()).id}`, {
        displayName: "表の利用者",
        role: "action_owner",
      }),
    ...change("admin"),
  },
  "POST /admin/accounts/:accountId/password-reset": {
    request: async ({ fixtures }) =>
      form(`/admin/accounts/${(await fixtures.target()).id}/password-reset`, {
        newPassword: "temporary password 77",
      }),
    ...change("admin"),
  },
  "POST /admin/accounts/:accountId/tokens/:tokenId/revoke": {
    request: async ({ fixtures }) => {
      const owner = await fixtures.target();
      return form(`/admin/accounts/${owner.id}/tokens/${await fixtures.tokenOf(owner.id)}/revoke`);
    },
    ...change("admin"),
  },
  "GET /admin/audit": { request: get("/admin/audit?kind=sign_in.*"), ...view("admin") },
};
