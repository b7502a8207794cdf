import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE } from "../../core/clock.js";
import { listAudit } from "../../core/audit/audit.query.js";
import {
  asBrowser,
  sessionCookieFrom,
  sessionFor,
  signInThroughApi,
  testAccount,
  TEST_PASSWORD,
} from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";

describe.each(testDialects)("sessions through the API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    app = await testApp(t, { clock, env: { SESSION_IDLE_MINUTES: "30" } });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const me = (headers: Record<string, string>) =>
    app.inject({ method: "GET", url: "/api/v1/session", headers });

  it("signs in with a session cookie that scripts cannot read and other sites do not send", async () => {
    const account = await testAccount(t.db, { role: "action_owner" });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: account.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(
      /^shinko_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/,
    );
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json<{ account: { email: string; role: string }; csrfToken: string }>();
    expect(body.account).toMatchObject({ email: account.email, role: "action_owner" });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const who = await me({ cookie: `shinko_session=${sessionCookieFrom(res.headers["set-cookie"])}` });
    expect(who.json()).toMatchObject({
      via: "session",
      account: { id: account.id },
      csrfToken: body.csrfToken,
    });
  });

  it("behind a trusted TLS proxy, marks the cookie Secure with the __Host- prefix and sends HSTS", async () => {
    const proxied = await testApp(t, { env: { TRUST_PROXY: "true" } });
    try {
      const account = await testAccount(t.db);
      const res = await proxied.inject({
        method: "POST",
        url: "/api/v1/session",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: account.email, password: TEST_PASSWORD },
      });
      expect(String(res.headers["set-cookie"])).toMatch(
        /^__Host-shinko_session=[^;]+; Path=\/; .*HttpOnly; SameSite=Lax; Secure$/,
      );
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY, the same header proves nothing.
    const direct = await app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(direct.headers["strict-transport-security"]).toBeUndefined();
  });

  it("gives a new session id at sign-in and ends the one the browser had (no fixation)", async () => {
    const account = await testAccount(t.db);
    const before = await sessionFor(t.db, account);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: asBrowser(before),
      payload: { email: account.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const after = sessionCookieFrom(res.headers["set-cookie"]);
    expect(`shinko_session=${after}`).not.toBe(before.cookie);
    expect((await me({ cookie: before.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: `shinko_session=${after}` })).statusCode).toBe(200);
  });

  it("ignores a session id the server never issued", async () => {
    const res = await me({ cookie: "shinko_session=attacker-chosen-value-1234567890" });
    expect(res.statusCode).toBe(401);
  });

  describe("CSRF", () => {
    it("refuses a change without the token, or with another session's token, and accepts the right one", async () => {
      const account = await testAccount(t.db);
      const mine = await sessionFor(t.db, account);
      const other = await sessionFor(t.db, await testAccount(t.db));
      const change = (headers: Record<string, string>) =>
        app.inject({
          method: "POST",
          url: "/api/v1/account/tokens",
          headers,
          payload: { name: "csrf", scope: "read", expiresInDays: 1 },
        });
      const missing = await change({ cookie: mine.cookie });
      expect(missing.statusCode).toBe(403);
      const refused = missing.json<{ error: { code: string; message: string } }>().error;
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toContain("CSRF");
      expect((await change({ cookie: mine.cookie, "x-csrf-token": other.csrf })).statusCode).toBe(403);
      expect((await change({ cookie: mine.cookie, "x-csrf-token": "" })).statusCode).toBe(403);
      expect((await listTokens(mine)).length).toBe(0);
      expect((await change(asBrowser(mine))).statusCode).toBe(201);
      expect((await listTokens(mine)).length).toBe(1);
    });

    it("accepts the token as the _csrf field of a JSON body too (what forms send)", async () => {
      const creds = await sessionFor(t.db, await testAccount(t.db));
      const res = await app.inject({
        method: "DELETE",
        url: "/api/v1/session",
        headers: { cookie: creds.cookie, "content-type": "application/json" },
        payload: JSON.stringify({ _csrf: creds.csrf }),
      });
      expect(res.statusCode).toBe(204);
    });

    it("refuses a change coming from another site even with a valid token", async () => {
      const creds = await sessionFor(t.db, await testAccount(t.db));
      const res = await app.inject({
        method: "DELETE",
        url: "/api/v1/session",
        headers: { ...asBrowser(creds), origin: "https://evil.example" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { message: "cross-site request refused" } });
      const fetched = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        headers: { "sec-fetch-site": "cross-site" },
        payload: { email: "x@city.example", password: TEST_PASSWORD },
      });
      expect(fetched.statusCode).toBe(403);
      const sameOrigin = await app.inject({
        method: "DELETE",
        url: "/api/v1/session",
        headers: { ...asBrowser(creds), origin: "http://localhost:80", host: "localhost:80" },
      });
      expect(sameOrigin.statusCode).toBe(204);
    });

    const listTokens = async (creds: { cookie: string }) =>
      (
        await app.inject({ method: "GET", url: "/api/v1/account/tokens", headers: { cookie: creds.cookie } })
      ).json<{ tokens: unknown[] }>().tokens;
  });

  it("signs out: the cookie is cleared and the session no longer works", async () => {
    const creds = await sessionFor(t.db, await testAccount(t.db));
    const res = await app.inject({ method: "DELETE", url: "/api/v1/session", headers: asBrowser(creds) });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers["set-cookie"])).toMatch(/^shinko_session=; Path=\/; Max-Age=0; HttpOnly/);
    expect((await me({ cookie: creds.cookie })).statusCode).toBe(401);
  });

  it("signs out everywhere: every session of the account ends, other accounts keep theirs", async () => {
    const account = await testAccount(t.db);
    const [a, b, c] = [
      await sessionFor(t.db, account),
      await sessionFor(t.db, account),
      await sessionFor(t.db, account),
    ];
    const bystander = await sessionFor(t.db, await testAccount(t.db));
    const res = await app.inject({
      method: "DELETE",
      url: "/api/v1/account/sessions",
      headers: asBrowser(a),
    });
    expect(res.json()).toEqual({ ended: 3 });
    for (const s of [a, b, c]) expect((await me({ cookie: s.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: bystander.cookie })).statusCode).toBe(200);
  });

  it("ends a session left idle longer than SESSION_IDLE_MINUTES", async () => {
    const creds = await signInThroughApi(app, (await testAccount(t.db)).email);
    clock.advance(20 * MINUTE);
    expect((await me({ cookie: creds.cookie })).statusCode).toBe(200);
    clock.advance(31 * MINUTE);
    expect((await me({ cookie: creds.cookie })).statusCode).toBe(401);
  });

  it("rate-limits sign-in: the sixth try after five wrong passwords gets 429 with Retry-After", async () => {
    const account = await testAccount(t.db);
    const attempt = (password: string) =>
      app.inject({ method: "POST", url: "/api/v1/session", payload: { email: account.email, password } });
    for (let i = 0; i < 5; i++) {
      const res = await attempt(`wrong password ${i}`);
      expect([res.statusCode, res.json<{ error: { message: string } }>().error.message]).toEqual([
        401,
        "the e-mail address or the password is wrong",
      ]);
    }
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("900");
    expect(locked.headers["set-cookie"]).toBeUndefined();
    clock.advance(16 * MINUTE);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("changes the password: needs the current one, ends other sessions, starts a fresh one", async () => {
    const account = await testAccount(t.db);
    const here = await sessionFor(t.db, account);
    const elsewhere = await sessionFor(t.db, account);
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: "PUT",
        url: "/api/v1/account/password",
        headers: asBrowser(here),
        payload: { currentPassword, newPassword },
      });
    const wrong = await change("not my password", "a new long passphrase");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { issues: [{ path: "currentPassword" }] } });
    const weak = await change(TEST_PASSWORD, "short");
    expect(weak.json()).toMatchObject({ error: { issues: [{ path: "newPassword" }] } });
    const ok = await change(TEST_PASSWORD, "a new long passphrase");
    expect(ok.statusCode).toBe(200);
    const fresh = sessionCookieFrom(ok.headers["set-cookie"]);
    expect((await me({ cookie: here.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: elsewhere.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: `shinko_session=${fresh}` })).json()).toMatchObject({
      csrfToken: ok.json<{ csrfToken: string }>().csrfToken,
    });
    await signInThroughApi(app, account.email, "a new long passphrase");
  });

  it("after a reset by an administrator, allows nothing but the password change until it is done", async () => {
    const account = await testAccount(t.db, { mustChangePassword: true });
    const creds = await signInThroughApi(app, account.email);
    const tokens = await app.inject({
      method: "GET",
      url: "/api/v1/account/tokens",
      headers: asBrowser(creds),
    });
    expect(tokens.statusCode).toBe(403);
    expect(tokens.json<{ error: { message: string } }>().error.message).toContain("change it first");
    expect((await me({ cookie: creds.cookie })).json()).toMatchObject({
      account: { mustChangePassword: true },
    });
    const changed = await app.inject({
      method: "PUT",
      url: "/api/v1/account/password",
      headers: asBrowser(creds),
      payload: { currentPassword: TEST_PASSWORD, newPassword: "now my very own" },
    });
    expect(changed.statusCode).toBe(200);
    const fresh = `shinko_session=${sessionCookieFrom(changed.headers["set-cookie"])}`;
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/account/tokens", headers: { cookie: fresh } }))
        .statusCode,
    ).toBe(200);
  });

  it("lists my sessions, marking this one, without their secrets", async () => {
    const account = await testAccount(t.db);
    const a = await sessionFor(t.db, account);
    await sessionFor(t.db, account);
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/account/sessions",
      headers: { cookie: a.cookie },
    });
    const sessions = res.json<{ sessions: { current: boolean }[] }>().sessions;
    expect(sessions.map((s) => s.current).sort()).toEqual([false, true]);
    expect(res.body).not.toContain(a.cookie.split("=")[1]);
  });

  it("audits sign-out and sign-out everywhere", async () => {
    const account = await testAccount(t.db);
    const a = await sessionFor(t.db, account);
    await app.inject({ method: "DELETE", url: "/api/v1/session", headers: asBrowser(a) });
    const b = await sessionFor(t.db, account);
    await app.inject({ method: "DELETE", url: "/api/v1/account/sessions", headers: asBrowser(b) });
    const { entries } = await listAudit(t.db, { actor: account.id });
    expect(entries.map((e) => e.kind)).toEqual(["sign_out.everywhere", "sign_out.session"]);
  });
});
