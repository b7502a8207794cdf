import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../core/access/action-owners.js";
import { COMPANY_MEMBER, ROLES, type AccountRole } from "../core/access/roles.js";
import type { Account } from "../core/accounts/account.model.js";
import { createAccessToken } from "../core/accounts/token.service.js";
import { importPlan } from "../core/plan/plan.service.js";
import { asBrowser, sessionFor, testAccount, type Credentials } from "../test/accounts.js";
import { testApp } from "../test/app.js";
import { testCompanyMember } from "../test/company-members.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { seedTestFirms } from "../test/companies.js";
import { kadoma } from "../test/fixtures.js";
import { routeInventory } from "./app.js";
import { ACCOUNT_PAGE_ROUTES } from "./authorization/account-pages.table.js";
import { ACCOUNT_ROUTES } from "./authorization/accounts.table.js";
import { COMPANY_PAGE_ROUTES } from "./authorization/companies-pages.table.js";
import { COMPANY_ROUTES } from "./authorization/companies.table.js";
import { acting, Fixtures, REVIEW_YEAR } from "./authorization/fixtures.js";
import { FIRM_PROFILE_ROUTES } from "./authorization/firm-profiles.table.js";
import { INDICATOR_SOURCE_ROUTES } from "./authorization/indicator-sources.table.js";
import { PAGE_ROUTES } from "./authorization/pages.table.js";
import { PLAN_ROUTES } from "./authorization/plans.table.js";
import { REVIEW_PAGE_ROUTES } from "./authorization/review-pages.table.js";
import { REVIEW_ROUTES } from "./authorization/reviews.table.js";
import { WHO, type Table } from "./authorization/table.js";

/**
 * The authorization table: for every route the app answers (taken from the app itself, so a new
 * route or page without an entry fails), the status each kind of caller gets for a well-formed
 * request. Callers: the public, a signed-in account of each role (session cookie + CSRF token),
 * and an administrator's personal access tokens with read and with write scope (derived: a read
 * token may only GET; session-only routes refuse tokens; otherwise a token gets what its
 * account gets).
 */
const TABLE: Table = {
  ...PLAN_ROUTES,
  ...PAGE_ROUTES,
  ...REVIEW_ROUTES,
  ...ACCOUNT_ROUTES,
  ...ACCOUNT_PAGE_ROUTES,
  ...REVIEW_PAGE_ROUTES,
  ...INDICATOR_SOURCE_ROUTES,
  ...COMPANY_ROUTES,
  ...COMPANY_PAGE_ROUTES,
  ...FIRM_PROFILE_ROUTES,
};

/** Form posts carry the CSRF token in the body (as pages send it), API calls in the header. */
function withCsrf(options: InjectOptions, csrf: string | undefined): InjectOptions {
  const type = (options.headers as Record<string, string> | undefined)?.["content-type"];
  if (!csrf || type !== "application/x-www-form-urlencoded") return options;
  const body = new URLSearchParams(typeof options.payload === "string" ? options.payload : "");
  body.set("_csrf", csrf);
  return { ...options, payload: body.toString() };
}

describe.each(testDialects)("authorization table on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let fixtures: Fixtures;
  const callers = new Map<AccountRole, { account: Account; credentials: Credentials }>();
  /** A caller of this kind: a staff account, or a member of the table's own company. */
  const accountOf = (who: AccountRole) =>
    who === COMPANY_MEMBER
      ? testCompanyMember(t.db, fixtures.memberCompanyId)
      : testAccount(t.db, { role: who });

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    await seedTestFirms(t.db);
    app = await testApp(t);
    fixtures = new Fixtures(t, app);
    await fixtures.openReview("kadoma");
    await fixtures.editedAction("kadoma", 20); // version 2, for the history and diff reads
    for (const role of [...ROLES, COMPANY_MEMBER] as const) {
      const account = await accountOf(role);
      callers.set(role, { account, credentials: await sessionFor(t.db, account) });
    }
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("has an entry for every route the app answers, and for nothing else", () => {
    const routes = [...routeInventory(app)].sort();
    expect(routes.length).toBeGreaterThan(60);
    expect(Object.keys(TABLE).sort()).toEqual(routes);
  });

  it("covers every operation of the OpenAPI document, agreeing with its declared access", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json<{
      paths: Record<string, Record<string, { "x-access": string }>>;
    }>();
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`;
        const entry = TABLE[key];
        expect(entry, key).toBeDefined();
        // The lowest caller that gets through is the declared access (setup is closed for all).
        const lowest = WHO.find((w) => entry!.expect[w] < 400);
        if (key !== "POST /api/v1/setup") expect(lowest, key).toBe(operation["x-access"]);
      }
    }
    expect(operations).toBeGreaterThan(50);
  });

  describe.each(Object.entries(TABLE))("%s", (_route, entry) => {
    it.each(WHO)("as %s", async (who) => {
      let caller: Account | null = null;
      let headers: Record<string, string> = {};
      if (who !== "public") {
        const fixed = callers.get(who)!;
        caller = entry.freshCaller ? await accountOf(who) : fixed.account;
        headers = asBrowser(entry.freshCaller ? await sessionFor(t.db, caller) : fixed.credentials);
      }
      const options = withCsrf(await entry.request({ fixtures, caller }), headers["x-csrf-token"]);
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
      const options = await entry.request({ fixtures, caller: admin });
      const res = await app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${secret}` },
      });
      const isWrite = (options.method ?? "GET") !== "GET";
      const expected =
        entry.tokens?.[scope] ??
        ((scope === "read" && isWrite) || (entry.sessionOnly ?? false) ? 403 : entry.expect.admin);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
    });
  });

  it("lets an action owner change only the actions assigned to them", async () => {
    const owner = callers.get("action_owner")!;
    const { planId, version } = await fixtures.review("not_started", null);
    const save = () =>
      app.inject({
        method: "PUT",
        url: `/api/v1/plans/${planId}/reviews/${REVIEW_YEAR}/actions/1`,
        headers: asBrowser(owner.credentials),
        payload: {
          baseVersion: version,
          content: {
            results: "実施",
            challenges: [],
            grade: null,
            direction: null,
            analysis: "",
            indicators: [],
          },
        },
      });
    expect((await save()).statusCode).toBe(403);
    await assignActionOwner(t.db, { planId, actionNumber: 1, accountId: owner.account.id }, acting);
    expect((await save()).statusCode).toBe(200);
    const mine = await app.inject({
      method: "GET",
      url: "/api/v1/account",
      headers: asBrowser(owner.credentials),
    });
    expect(mine.json<{ ownedActions: { planId: string }[] }>().ownedActions.map((a) => a.planId)).toContain(
      planId,
    );
  });

  it("lets an action owner edit only the actions assigned to them", async () => {
    const owner = callers.get("action_owner")!;
    const planId = await fixtures.plan();
    const edit = async (number: number) => {
      const { action, version } = await fixtures.actionForEdit(planId, number);
      return app.inject({
        method: "PUT",
        url: `/api/v1/plans/${planId}/actions/${number}`,
        headers: asBrowser(owner.credentials),
        payload: { baseVersion: version, action: { ...action, name: `${action.name}（担当者が更新）` } },
      });
    };
    const read = (number: number) =>
      app.inject({
        method: "GET",
        url: `/api/v1/plans/${planId}/actions/${number}/edit`,
        headers: asBrowser(owner.credentials),
      });
    expect((await read(1)).statusCode).toBe(403);
    expect((await edit(1)).statusCode).toBe(403);
    await assignActionOwner(t.db, { planId, actionNumber: 1, accountId: owner.account.id }, acting);
    expect((await read(1)).statusCode).toBe(200);
    expect((await edit(1)).statusCode).toBe(200);
    expect((await fixtures.actionForEdit(planId, 1)).action.name).toContain("（担当者が更新）");
    expect((await read(2)).statusCode).toBe(403);
    expect((await edit(2)).statusCode).toBe(403);
  });
});
