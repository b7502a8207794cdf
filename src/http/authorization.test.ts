import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../core/access/action-owners.js";
import { ROLES, type Role } from "../core/access/roles.js";
import type { Account } from "../core/accounts/account.model.js";
import { createAccessToken } from "../core/accounts/token.service.js";
import { systemActor } from "../core/audit/audit.js";
import { importPlan } from "../core/plan/plan.service.js";
import { asBrowser, sessionFor, testAccount, TEST_PASSWORD, type Credentials } from "../test/accounts.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { kadoma } from "../test/fixtures.js";
import { routeInventory } from "./app.js";

/**
 * The authorization table: for every route the app answers (taken from the app itself, so a new
 * route without an entry fails), the status each kind of caller gets for a well-formed request.
 * Callers: the public, a signed-in account of each role (session cookie + CSRF token), and an
 * administrator's personal access tokens with read and with write scope.
 */
type Who = "public" | Role;
const WHO: readonly Who[] = ["public", ...ROLES];

interface Context {
  t: TestDatabase;
  /** The account making the request (null for the public). */
  caller: Account | null;
  /** A fresh account to act upon. */
  target(role?: Role): Promise<Account>;
}

interface Case {
  request(ctx: Context): Promise<InjectOptions> | InjectOptions;
  expect: Record<Who, number>;
  /** The request ends or replaces the caller's sessions: use a fresh account for each call. */
  freshCaller?: boolean;
  /** A signed-in session is needed: access tokens get 403 even with write scope. */
  sessionOnly?: boolean;
}

const everyone = (status: number): Record<Who, number> =>
  Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;

/** `status` from the role up, 403 below it, 401 for the public. */
const needs = (role: Role, status: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? 401 : ROLES.indexOf(w) >= ROLES.indexOf(role) ? status : 403]),
  ) as Record<Who, number>;

const get = (url: string) => () => ({ method: "GET" as const, url });
const acting = { actor: systemActor("authorization test") };
let mails = 0;
const uniqueEmail = () => `made${++mails}-${Date.now()}@city.example`;

const TABLE: Record<string, Case> = {
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
  "GET /api/v1/openapi.json": { request: get("/api/v1/openapi.json"), expect: everyone(200) },
  "GET /health": { request: get("/health"), expect: everyone(200) },
  "GET /ready": { request: get("/ready"), expect: everyone(200) },

  // Setup is closed once an account exists, for everyone.
  "POST /api/v1/setup": {
    request: () => ({
      method: "POST",
      url: "/api/v1/setup",
      payload: { token: "a".repeat(43), email: uniqueEmail(), password: TEST_PASSWORD },
    }),
    expect: everyone(403),
  },
  "POST /api/v1/session": {
    request: async (ctx) => ({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: (await ctx.target()).email, password: TEST_PASSWORD },
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
    request: async (ctx) => {
      const owner = ctx.caller ?? (await ctx.target());
      const { token } = await createAccessToken(
        ctx.t.db,
        owner.id,
        { name: "x", scope: "read", expiresInDays: 1 },
        acting,
      );
      return { method: "DELETE", url: `/api/v1/account/tokens/${token.id}` };
    },
    expect: needs("viewer", 200),
  },

  "GET /api/v1/accounts": { request: get("/api/v1/accounts"), expect: needs("admin", 200) },
  "POST /api/v1/accounts": {
    request: () => ({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { email: uniqueEmail(), role: "viewer", password: "first password 2025" },
    }),
    expect: needs("admin", 201),
  },
  "GET /api/v1/accounts/:accountId": {
    request: async (ctx) => get(`/api/v1/accounts/${(await ctx.target()).id}`)(),
    expect: needs("admin", 200),
  },
  "PATCH /api/v1/accounts/:accountId": {
    request: async (ctx) => ({
      method: "PATCH",
      url: `/api/v1/accounts/${(await ctx.target()).id}`,
      payload: { role: "action_owner" },
    }),
    expect: needs("admin", 200),
  },
  "POST /api/v1/accounts/:accountId/password-reset": {
    request: async (ctx) => ({
      method: "POST",
      url: `/api/v1/accounts/${(await ctx.target()).id}/password-reset`,
      payload: { newPassword: "temporary password 99" },
    }),
    expect: needs("admin", 200),
  },
  "GET /api/v1/accounts/:accountId/tokens": {
    request: async (ctx) => get(`/api/v1/accounts/${(await ctx.target()).id}/tokens`)(),
    expect: needs("admin", 200),
  },
  "DELETE /api/v1/accounts/:accountId/tokens/:tokenId": {
    request: async (ctx) => {
      const owner = await ctx.target();
      const { token } = await createAccessToken(
        ctx.t.db,
        owner.id,
        { name: "x", scope: "read", expiresInDays: 1 },
        acting,
      );
      return { method: "DELETE", url: `/api/v1/accounts/${owner.id}/tokens/${token.id}` };
    },
    expect: needs("admin", 200),
  },

  "GET /api/v1/plans/:planId/owners": {
    request: get("/api/v1/plans/kadoma/owners"),
    expect: needs("plan_manager", 200),
  },
  "PUT /api/v1/plans/:planId/actions/:number/owners/:accountId": {
    request: async (ctx) => ({
      method: "PUT",
      url: `/api/v1/plans/kadoma/actions/12/owners/${(await ctx.target("action_owner")).id}`,
    }),
    expect: needs("plan_manager", 200),
  },
  "DELETE /api/v1/plans/:planId/actions/:number/owners/:accountId": {
    request: async (ctx) => {
      const owner = await ctx.target("action_owner");
      await assignActionOwner(ctx.t.db, { planId: "kadoma", actionNumber: 12, accountId: owner.id }, acting);
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

describe.each(testDialects)("authorization table on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const callers = new Map<Role, { account: Account; credentials: Credentials }>();

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
    for (const role of ROLES) {
      const account = await testAccount(t.db, { role });
      callers.set(role, { account, credentials: await sessionFor(t.db, account) });
    }
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const context = (caller: Account | null): Context => ({
    t,
    caller,
    target: (role = "viewer") => testAccount(t.db, { role }),
  });

  it("has an entry for every route the app answers, and for nothing else", () => {
    const routes = [...routeInventory(app)].sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(Object.keys(TABLE).sort()).toEqual(routes);
  });

  it("covers every operation of the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json<{
      paths: Record<string, Record<string, { "x-access": string }>>;
    }>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`;
        expect(TABLE[key], key).toBeDefined();
        // The document's declared access agrees with the table: the lowest role that gets through.
        const lowest = WHO.find((w) => TABLE[key]!.expect[w] < 400);
        if (operation["x-access"] !== "public" && key !== "POST /api/v1/setup") {
          expect(lowest, key).toBe(operation["x-access"]);
        }
      }
    }
  });

  describe.each(Object.entries(TABLE))("%s", (_route, entry) => {
    it.each(WHO)("as %s", async (who) => {
      let caller: Account | null = null;
      let headers: Record<string, string> = {};
      if (who !== "public") {
        const fixed = callers.get(who)!;
        caller = entry.freshCaller ? await testAccount(t.db, { role: who }) : fixed.account;
        headers = asBrowser(entry.freshCaller ? await sessionFor(t.db, caller) : fixed.credentials);
      }
      const options = await entry.request(context(caller));
      const res = await app.inject({ ...options, headers: { ...options.headers, ...headers } });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(entry.expect[who]);
    });

    it.each(["read", "write"] as const)("with an administrator's %s token", async (scope) => {
      const admin = entry.freshCaller
        ? await testAccount(t.db, { role: "admin" })
        : callers.get("admin")!.account;
      const { secret } = await createAccessToken(
        t.db,
        admin.id,
        { name: "table", scope, expiresInDays: 1 },
        acting,
      );
      const options = await entry.request(context(admin));
      const res = await app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${secret}` },
      });
      const isWrite = (options.method ?? "GET") !== "GET";
      const expected =
        (scope === "read" && isWrite) || (entry.sessionOnly ?? false) ? 403 : entry.expect.admin;
      expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
    });
  });

  it("lets an action owner see only what the role allows, whatever is assigned", async () => {
    const owner = callers.get("action_owner")!;
    await assignActionOwner(t.db, { planId: "kadoma", actionNumber: 3, accountId: owner.account.id }, acting);
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/plans/kadoma/owners",
      headers: asBrowser(owner.credentials),
    });
    expect(res.statusCode).toBe(403);
    const mine = await app.inject({
      method: "GET",
      url: "/api/v1/account",
      headers: asBrowser(owner.credentials),
    });
    expect(
      mine.json<{ ownedActions: { actionNumber: number }[] }>().ownedActions.map((a) => a.actionNumber),
    ).toContain(3);
  });
});
