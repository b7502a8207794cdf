import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../core/clock.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { asBrowser, sessionFor, testAccount, type Credentials } from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

describe.each(testDialects)("personal access tokens through the API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const clock = new TestClock();
  let manager: Credentials;
  let managerId: string;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t, { clock });
    const account = await testAccount(t.db, { role: "plan_manager" });
    managerId = account.id;
    manager = await sessionFor(t.db, account);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const create = async (scope: "read" | "write", expiresInDays = 30) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: asBrowser(manager),
      payload: { name: `${scope} token`, scope, expiresInDays },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ token: { id: string }; secret: string }>();
  };
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const owner = async () => (await testAccount(t.db, { role: "action_owner" })).id;
  const assign = async (secret: string, accountId: string) =>
    app.inject({
      method: "PUT",
      url: `/api/v1/plans/kadoma/actions/5/owners/${accountId}`,
      headers: bearer(secret),
    });

  it("shows the secret once: the list never holds it", async () => {
    const { token, secret } = await create("read");
    const list = await app.inject({
      method: "GET",
      url: "/api/v1/account/tokens",
      headers: { cookie: manager.cookie },
    });
    expect(list.json<{ tokens: { id: string }[] }>().tokens.map((x) => x.id)).toContain(token.id);
    expect(list.body).not.toContain(secret);
  });

  it("a read token reads what its account may read, and cannot change anything", async () => {
    const { secret } = await create("read");
    const owners = await app.inject({
      method: "GET",
      url: "/api/v1/plans/kadoma/owners",
      headers: bearer(secret),
    });
    expect(owners.statusCode).toBe(200);
    const refused = await assign(secret, await owner());
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: {
        code: "forbidden",
        message: "this access token has the read scope: it cannot change anything",
      },
    });
  });

  it("a write token changes what its account may change, without a CSRF token", async () => {
    const { secret } = await create("write");
    expect((await assign(secret, await owner())).statusCode).toBe(200);
    // but never more than its account's role allows
    const accounts = await app.inject({ method: "GET", url: "/api/v1/accounts", headers: bearer(secret) });
    expect(accounts.statusCode).toBe(403);
  });

  it("cannot create more tokens or change the password (that needs a person at a browser)", async () => {
    const { secret } = await create("write");
    const more = await app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: bearer(secret),
      payload: { name: "more", scope: "write", expiresInDays: 1 },
    });
    expect([more.statusCode, more.json<{ error: { message: string } }>().error.message]).toEqual([
      403,
      "this needs a signed-in session; an access token cannot do it",
    ]);
  });

  it("stops working at its expiry, with a 401 that says why, on public routes too", async () => {
    const { secret } = await create("read", 2);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/plans", headers: bearer(secret) })).statusCode,
    ).toBe(200);
    clock.advance(2 * DAY);
    const expired = await app.inject({ method: "GET", url: "/api/v1/plans", headers: bearer(secret) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { message: "the access token has expired" } });
  });

  it("stops working when revoked", async () => {
    const { token, secret } = await create("write");
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/v1/account/tokens/${token.id}`,
      headers: asBrowser(manager),
    });
    expect(revoke.json()).toMatchObject({ token: { status: "revoked" } });
    const after = await assign(secret, await owner());
    expect([after.statusCode, after.json<{ error: { message: string } }>().error.message]).toEqual([
      401,
      "the access token was revoked",
    ]);
  });

  it("refuses a malformed Authorization header, and a made-up token", async () => {
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer shinko_pat_madeup"]) {
      const res = await app.inject({ method: "GET", url: "/api/v1/account", headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it("lets an administrator list and revoke another account's tokens", async () => {
    const { token, secret } = await create("read");
    const admin = await sessionFor(t.db, await testAccount(t.db, { role: "admin" }));
    const list = await app.inject({
      method: "GET",
      url: `/api/v1/accounts/${managerId}/tokens`,
      headers: asBrowser(admin),
    });
    expect(list.json<{ tokens: { id: string }[] }>().tokens.map((x) => x.id)).toContain(token.id);
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/v1/accounts/${managerId}/tokens/${token.id}`,
      headers: asBrowser(admin),
    });
    expect(revoke.statusCode).toBe(200);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/plans", headers: bearer(secret) })).statusCode,
    ).toBe(401);
  });

  it("refuses bad token requests naming the field", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: asBrowser(manager),
      payload: { name: "x", scope: "everything", expiresInDays: 1000 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual([
      "body.scope",
      "body.expiresInDays",
    ]);
  });
});
