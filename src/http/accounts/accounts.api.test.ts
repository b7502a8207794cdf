import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../core/plan/plan.service.js";
import {
  asBrowser,
  sessionFor,
  signInThroughApi,
  testAccount,
  type Credentials,
} from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

describe.each(testDialects)("account administration through the API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Credentials;
  let manager: Credentials;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
    admin = await sessionFor(t.db, await testAccount(t.db, { role: "admin" }));
    manager = await sessionFor(t.db, await testAccount(t.db, { role: "plan_manager" }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const call = (
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    payload?: object,
    as = admin,
  ) => app.inject({ method, url, headers: asBrowser(as), ...(payload ? { payload } : {}) });

  it("creates an account whose owner must pick a new password at first sign-in", async () => {
    const res = await call("POST", "/api/v1/accounts", {
      email: "Yamada@City.Example",
      displayName: "山田 花子",
      role: "action_owner",
      password: "first password 2025",
    });
    expect(res.statusCode).toBe(201);
    const { account } = res.json<{ account: { id: string; email: string; mustChangePassword: boolean } }>();
    expect(account).toMatchObject({ email: "yamada@city.example", mustChangePassword: true });
    expect(res.body).not.toContain("first password 2025");
    const creds = await signInThroughApi(app, "yamada@city.example", "first password 2025");
    expect((await call("GET", "/api/v1/account/tokens", undefined, creds)).statusCode).toBe(403);
  });

  it("refuses a duplicate e-mail with 409 and a weak password with 400, naming the field", async () => {
    const existing = await testAccount(t.db);
    const dup = await call("POST", "/api/v1/accounts", {
      email: existing.email,
      role: "viewer",
      password: "first password 2025",
    });
    expect(dup.statusCode).toBe(409);
    const weak = await call("POST", "/api/v1/accounts", {
      email: "new@city.example",
      role: "viewer",
      password: "abc",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      error: { issues: [{ path: "password", message: "must be at least 12 characters" }] },
    });
  });

  it("changes a role, and the change applies to the account's live session at once", async () => {
    const account = await testAccount(t.db, { role: "viewer" });
    const creds = await sessionFor(t.db, account);
    expect((await call("GET", "/api/v1/plans/kadoma/owners", undefined, creds)).statusCode).toBe(403);
    await call("PATCH", `/api/v1/accounts/${account.id}`, { role: "plan_manager" });
    expect((await call("GET", "/api/v1/plans/kadoma/owners", undefined, creds)).statusCode).toBe(200);
  });

  it("disables an account: its session ends at once, and it cannot sign in (answered like a wrong password)", async () => {
    const account = await testAccount(t.db);
    const creds = await sessionFor(t.db, account);
    const res = await call("PATCH", `/api/v1/accounts/${account.id}`, { disabled: true });
    expect(res.json()).toMatchObject({ account: { disabled: true } });
    expect((await call("GET", "/api/v1/account", undefined, creds)).statusCode).toBe(401);
    // A disabled account is not told apart from a wrong password: that would confirm the address.
    await expect(signInThroughApi(app, account.email)).rejects.toThrow(
      "401 {\"error\":{\"code\":\"unauthorized\",\"message\":\"the e-mail address or the password is wrong\"",
    );
  });

  it("keeps the last administrator: 409 when the only one would lose the role", async () => {
    const scratch = await openTestDatabase(dialect);
    const scratchApp = await testApp(scratch);
    try {
      const only = await testAccount(scratch.db, { role: "admin" });
      const creds = await sessionFor(scratch.db, only);
      const res = await scratchApp.inject({
        method: "PATCH",
        url: `/api/v1/accounts/${only.id}`,
        headers: asBrowser(creds),
        payload: { role: "viewer" },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ error: { message: string } }>().error.message).toContain("only active administrator");
    } finally {
      await scratchApp.close();
      await scratch.close();
    }
  });

  it("resets a password: old sessions end, the new password works once changed", async () => {
    const account = await testAccount(t.db);
    const creds = await sessionFor(t.db, account);
    const res = await call("POST", `/api/v1/accounts/${account.id}/password-reset`, {
      newPassword: "reset by admin 2025",
    });
    expect(res.json()).toMatchObject({ account: { mustChangePassword: true } });
    expect((await call("GET", "/api/v1/account", undefined, creds)).statusCode).toBe(401);
    const fresh = await signInThroughApi(app, account.email, "reset by admin 2025");
    expect((await call("GET", "/api/v1/account", undefined, fresh)).json()).toMatchObject({
      account: { mustChangePassword: true },
    });
  });

  it("answers 404 for an unknown account and 400 for something that is not an id", async () => {
    expect((await call("GET", "/api/v1/accounts/6f1f3c2a-1d1e-4c4e-9d8a-0b5b8f0a1c2d")).statusCode).toBe(404);
    const bad = await call("GET", "/api/v1/accounts/1%20or%201=1");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { issues: [{ path: "path.accountId" }] } });
  });

  describe("action owners", () => {
    it("assigns an owner to an action, shows it in their account, and removes it", async () => {
      const owner = await testAccount(t.db, { role: "action_owner" });
      const ownerCreds = await sessionFor(t.db, owner);
      const put = await call("PUT", `/api/v1/plans/kadoma/actions/12/owners/${owner.id}`, undefined, manager);
      expect(put.json()).toMatchObject({ owner: { planId: "kadoma", actionNumber: 12, email: owner.email } });
      const again = await call(
        "PUT",
        `/api/v1/plans/kadoma/actions/12/owners/${owner.id}`,
        undefined,
        manager,
      );
      expect(again.statusCode).toBe(200);
      const mine = await call("GET", "/api/v1/account", undefined, ownerCreds);
      expect(
        mine.json<{ ownedActions: { actionNumber: number }[] }>().ownedActions.map((a) => a.actionNumber),
      ).toEqual([12]);
      const list = await call("GET", "/api/v1/plans/kadoma/owners", undefined, manager);
      expect(
        list.json<{ owners: { accountId: string }[] }>().owners.filter((o) => o.accountId === owner.id),
      ).toHaveLength(1);
      expect(
        (await call("DELETE", `/api/v1/plans/kadoma/actions/12/owners/${owner.id}`, undefined, manager))
          .statusCode,
      ).toBe(204);
      expect(
        (await call("DELETE", `/api/v1/plans/kadoma/actions/12/owners/${owner.id}`, undefined, manager))
          .statusCode,
      ).toBe(404);
    });

    it("keeps assignments when the plan is imported again", async () => {
      const owner = await testAccount(t.db, { role: "action_owner" });
      await call("PUT", `/api/v1/plans/kadoma/actions/30/owners/${owner.id}`, undefined, manager);
      await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
      const list = await call("GET", "/api/v1/plans/kadoma/owners", undefined, manager);
      expect(list.json<{ owners: { accountId: string; actionNumber: number }[] }>().owners).toContainEqual(
        expect.objectContaining({ accountId: owner.id, actionNumber: 30 }),
      );
    });

    it("refuses a viewer as owner (409), an unknown action or plan (404)", async () => {
      const viewer = await testAccount(t.db, { role: "viewer" });
      const owner = await testAccount(t.db, { role: "action_owner" });
      expect(
        (await call("PUT", `/api/v1/plans/kadoma/actions/1/owners/${viewer.id}`, undefined, manager))
          .statusCode,
      ).toBe(409);
      expect(
        (await call("PUT", `/api/v1/plans/kadoma/actions/99/owners/${owner.id}`, undefined, manager))
          .statusCode,
      ).toBe(404);
      expect(
        (await call("PUT", `/api/v1/plans/nosuch/actions/1/owners/${owner.id}`, undefined, manager))
          .statusCode,
      ).toBe(404);
      expect((await call("GET", "/api/v1/plans/nosuch/owners", undefined, manager)).statusCode).toBe(404);
    });
  });
});
