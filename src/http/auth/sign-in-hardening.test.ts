import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../core/audit/audit.query.js";
import { systemActor } from "../../core/audit/audit.js";
import { createAccessToken } from "../../core/accounts/token.service.js";
import { asBrowser, sessionFor, testAccount, TEST_PASSWORD } from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";

/** What an attacker learns from sign-in answers: nothing about the account, few guesses. */
describe.each(testDialects)("sign-in against guessing on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    app = await testApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const signIn = (email: string, password: string, ip = "192.0.2.10") =>
    app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email, password },
      remoteAddress: ip,
    });

  it("checks at most five of thirty parallel wrong passwords, and then refuses the right one", async () => {
    const account = await testAccount(t.db);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(account.email, `parallel guess number ${i}`)),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const { entries } = await listAudit(t.db, { kinds: ["sign_in.failed"], actor: account.id });
    expect(entries.filter((e) => e.details.reason === "wrong_password")).toHaveLength(5);
    expect((await signIn(account.email, TEST_PASSWORD, "192.0.2.11")).statusCode).toBe(429);
  });

  it("answers a disabled account exactly like a wrong password, through the API and the page", async () => {
    const disabled = await testAccount(t.db, { disabled: true });
    const active = await testAccount(t.db);
    const right = await signIn(disabled.email, TEST_PASSWORD, "192.0.2.20");
    const wrong = await signIn(active.email, "not the password at all", "192.0.2.21");
    expect([right.statusCode, right.json()]).toEqual([wrong.statusCode, wrong.json()]);
    expect(right.statusCode).toBe(401);

    const page = (email: string, password: string, ip: string) =>
      app.inject({
        method: "POST",
        url: "/sign-in",
        payload: new URLSearchParams({ email, password }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        remoteAddress: ip,
      });
    const rightPage = await page(disabled.email, TEST_PASSWORD, "192.0.2.22");
    const wrongPage = await page(active.email, "not the password at all", "192.0.2.23");
    expect(rightPage.statusCode).toBe(401);
    expect(rightPage.statusCode).toBe(wrongPage.statusCode);
    const problem = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(problem(rightPage.body)).toBeDefined();
    expect(problem(rightPage.body)).toBe(problem(wrongPage.body));
  });

  it("ends the account's access tokens when its owner changes the password or an administrator resets it", async () => {
    const owner = await testAccount(t.db, { role: "plan_manager" });
    const admin = await testAccount(t.db, { role: "admin" });
    const token = async () =>
      (
        await createAccessToken(
          t.db,
          owner.id,
          { name: "連携", scope: "write", expiresInDays: 30 },
          { actor: systemActor("test") },
        )
      ).secret;
    const works = async (secret: string) =>
      (
        await app.inject({
          method: "GET",
          url: "/api/v1/session",
          headers: { authorization: `Bearer ${secret}` },
        })
      ).statusCode;

    const before = await token();
    expect(await works(before)).toBe(200);
    const browser = await sessionFor(t.db, owner);
    const other = await sessionFor(t.db, owner);
    const changed = await app.inject({
      method: "PUT",
      url: "/api/v1/account/password",
      headers: asBrowser(browser),
      payload: { currentPassword: TEST_PASSWORD, newPassword: "a new long passphrase 2026" },
    });
    expect(changed.statusCode).toBe(200);
    expect(await works(before)).toBe(401);
    // The other browser's session ended too.
    const otherAfter = await app.inject({ method: "GET", url: "/api/v1/session", headers: asBrowser(other) });
    expect(otherAfter.statusCode).toBe(401);

    const beforeReset = await token();
    expect(await works(beforeReset)).toBe(200);
    const reset = await app.inject({
      method: "POST",
      url: `/api/v1/accounts/${owner.id}/password-reset`,
      headers: asBrowser(await sessionFor(t.db, admin)),
      payload: { newPassword: "a temporary passphrase 77" },
    });
    expect(reset.statusCode).toBe(200);
    expect(await works(beforeReset)).toBe(401);
    const { entries } = await listAudit(t.db, { kinds: ["account.password_reset"], actor: admin.id });
    expect(entries[0]?.details.tokensRevoked).toBe(1);
  });
});
