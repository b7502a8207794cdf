import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import { createSetupToken } from "../../../core/accounts/setup.service.js";
import { systemActor } from "../../../core/audit/audit.js";
import { listAudit } from "../../../core/audit/audit.query.js";
import { importPlan } from "../../../core/plan/plan.service.js";
import {
  sessionCookieFrom,
  sessionFor,
  testAccount,
  TEST_PASSWORD,
  type Credentials,
} from "../../../test/accounts.js";
import { testApp } from "../../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../../test/databases.js";
import { kadoma } from "../../../test/fixtures.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** The text a person reads on the page (tags removed, entities of the escaping undone). */
const text = (res: LightMyRequestResponse) =>
  res.body
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDialects)("account pages on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const post = (url: string, fields: Record<string, string>, creds?: Credentials) =>
    app.inject({
      method: "POST",
      url,
      headers: { ...FORM, ...(creds ? { cookie: creds.cookie } : {}) },
      payload: new URLSearchParams({ ...fields, ...(creds ? { _csrf: creds.csrf } : {}) }).toString(),
    });
  const get = (url: string, creds?: Credentials) =>
    app.inject({ method: "GET", url, headers: creds ? { cookie: creds.cookie } : {} });
  /** Signs in with the form, as a browser without JavaScript would. */
  const signInWithForm = async (email: string, password = TEST_PASSWORD, next?: string) => {
    const res = await post("/sign-in", { email, password, ...(next ? { next } : {}) });
    const token = sessionCookieFrom(res.headers["set-cookie"]);
    return { res, cookie: token ? `shinko_session=${token}` : "" };
  };
  /** The CSRF token the page put in its forms. */
  const csrfOf = (res: LightMyRequestResponse) => /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? "";

  it("signs in with the form and lands on my account, with the session cookie set", async () => {
    const account = await testAccount(t.db, { role: "action_owner", displayName: "担当 花子" });
    await assignActionOwner(
      t.db,
      { planId: "kadoma", actionNumber: 12, accountId: account.id },
      { actor: systemActor("test") },
    );
    const { res, cookie } = await signInWithForm(account.email);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/account");
    expect(String(res.headers["set-cookie"])).toContain("HttpOnly; SameSite=Lax");
    const page = await app.inject({ method: "GET", url: "/account", headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(text(page)).toContain("担当 花子（アクション担当）でログイン中");
    expect(text(page)).toContain("kadoma No.12");
    expect(page.body).toContain('href="/plans/kadoma/actions/12"');
  });

  it("says the same for a wrong password and an unknown address, keeping the e-mail typed", async () => {
    const account = await testAccount(t.db);
    for (const [email, password] of [
      [account.email, "not the password"],
      ["nobody@city.example", TEST_PASSWORD],
    ] as const) {
      const res = await post("/sign-in", { email, password });
      expect(res.statusCode).toBe(401);
      expect(text(res)).toContain("メールアドレスまたはパスワードが違います。");
      expect(res.body).toContain(`value="${email}"`);
      expect(res.body).not.toContain(password === TEST_PASSWORD ? TEST_PASSWORD : "not the password");
    }
  });

  it("locks after five wrong passwords: 429 with Retry-After, even for the right one", async () => {
    const account = await testAccount(t.db);
    for (let i = 0; i < 5; i++)
      await post("/sign-in", { email: account.email, password: `wrong ${i} password` });
    const locked = await post("/sign-in", { email: account.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("900");
    expect(text(locked)).toContain("15分後にもう一度お試しください");
  });

  it("returns to the page asked for, but never to another site", async () => {
    const account = await testAccount(t.db, { role: "admin" });
    expect((await signInWithForm(account.email, TEST_PASSWORD, "/admin/audit")).res.headers.location).toBe(
      "/admin/audit",
    );
    for (const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      expect((await signInWithForm(account.email, TEST_PASSWORD, next)).res.headers.location, next).toBe(
        "/account",
      );
    }
  });

  it("sends a visitor who is not signed in to the sign-in page, and back", async () => {
    const res = await get("/admin/accounts");
    expect([res.statusCode, res.headers.location]).toEqual([303, "/sign-in?next=%2Fadmin%2Faccounts"]);
    const form = await get("/sign-in?next=%2Fadmin%2Faccounts");
    expect(form.body).toContain('name="next" value="/admin/accounts"');
  });

  it("refuses administration to other roles with a 403 page", async () => {
    const creds = await sessionFor(t.db, await testAccount(t.db, { role: "plan_manager" }));
    const res = await get("/admin/audit", creds);
    expect(res.statusCode).toBe(403);
    expect(text(res)).toContain("このページは「管理者」以上の権限が必要です。");
  });

  it("refuses a form without the CSRF token, changing nothing", async () => {
    const account = await testAccount(t.db);
    const creds = await sessionFor(t.db, account);
    const res = await app.inject({
      method: "POST",
      url: "/account/tokens",
      headers: { ...FORM, cookie: creds.cookie },
      payload: "name=x&scope=read&expiresInDays=30",
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(text(res)).toContain("ページの有効期限が切れました");
    expect((await get("/account", creds)).body).toContain("トークンはありません。");
  });

  it("refuses a form posted from another site", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { ...FORM, origin: "https://evil.example" },
      payload: "email=a%40city.example&password=x",
    });
    expect(res.statusCode).toBe(403);
    expect(text(res)).toContain("ほかのサイトからの送信は受け付けません。");
  });

  it("creates a token shown once, lists it, and revokes it", async () => {
    const creds = await sessionFor(t.db, await testAccount(t.db));
    const created = await post(
      "/account/tokens",
      { name: "統計連携", scope: "read", expiresInDays: "30" },
      creds,
    );
    expect(created.statusCode).toBe(200);
    expect(created.headers["cache-control"]).toBe("no-store");
    const secret = /value="(shinko_pat_[^"]+)"/.exec(created.body)?.[1];
    expect(secret).toBeDefined();
    const later = await get("/account", creds);
    expect(text(later)).toContain("統計連携");
    expect(later.body).not.toContain(secret!);
    const api = await app.inject({
      method: "GET",
      url: "/api/v1/account",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(api.statusCode).toBe(200);
    const tokenId = /action="\/account\/tokens\/([^/"]+)\/revoke"/.exec(later.body)?.[1];
    const revoked = await post(`/account/tokens/${tokenId}/revoke`, {}, creds);
    expect([revoked.statusCode, revoked.headers.location]).toEqual([303, "/account?done=revoked"]);
    const after = await app.inject({
      method: "GET",
      url: "/api/v1/account",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it("changes the password with the form, naming a field that is wrong", async () => {
    const account = await testAccount(t.db);
    const creds = await sessionFor(t.db, account);
    const differ = await post(
      "/account/password",
      {
        currentPassword: TEST_PASSWORD,
        newPassword: "a brand new passphrase",
        newPasswordAgain: "something else",
      },
      creds,
    );
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('<a href="#newPasswordAgain">確認用のパスワードが一致しません。</a>');
    expect(differ.body).toMatch(/id="newPasswordAgain"[^>]*aria-invalid="true"/);
    const wrong = await post(
      "/account/password",
      {
        currentPassword: "not it at all",
        newPassword: "a brand new passphrase",
        newPasswordAgain: "a brand new passphrase",
      },
      creds,
    );
    expect(wrong.body).toContain('<a href="#currentPassword">is not the current password</a>');
    const ok = await post(
      "/account/password",
      {
        currentPassword: TEST_PASSWORD,
        newPassword: "a brand new passphrase",
        newPasswordAgain: "a brand new passphrase",
      },
      creds,
    );
    expect([ok.statusCode, ok.headers.location]).toEqual([303, "/account?done=password"]);
    expect((await get("/account", creds)).statusCode).toBe(303); // the old session ended
    const fresh = `shinko_session=${sessionCookieFrom(ok.headers["set-cookie"])}`;
    const page = await app.inject({
      method: "GET",
      url: "/account?done=password",
      headers: { cookie: fresh },
    });
    expect(text(page)).toContain("パスワードを変更しました。");
  });

  it("after a reset, shows only the password form until the password is changed", async () => {
    const account = await testAccount(t.db, { mustChangePassword: true });
    const { res, cookie } = await signInWithForm(account.email, TEST_PASSWORD, "/admin/audit");
    expect(res.headers.location).toBe("/account");
    const page = await app.inject({ method: "GET", url: "/account", headers: { cookie } });
    expect(text(page)).toContain("パスワードを変更してください");
    expect(text(page)).not.toContain("APIアクセストークン");
  });

  it("signs out: the session ends and the sign-in page says so", async () => {
    const creds = await sessionFor(t.db, await testAccount(t.db));
    const res = await post("/sign-out", {}, creds);
    expect([res.statusCode, res.headers.location]).toEqual([303, "/sign-in?done=signed-out"]);
    expect(String(res.headers["set-cookie"])).toContain("Max-Age=0");
    expect((await get("/account", creds)).statusCode).toBe(303);
    expect(text(await get("/sign-in?done=signed-out"))).toContain("ログアウトしました。");
  });

  describe("administration", () => {
    it("creates an account, changes its role, resets its password, disables it: each audited", async () => {
      const admin = await testAccount(t.db, { role: "admin" });
      const creds = await sessionFor(t.db, admin);
      const weak = await post(
        "/admin/accounts",
        { email: "new@city.example", role: "viewer", password: "short" },
        creds,
      );
      expect(weak.statusCode).toBe(400);
      expect(weak.body).toContain('<a href="#new-password">must be at least 12 characters</a>');
      expect(weak.body).toContain('value="new@city.example"');
      const created = await post(
        "/admin/accounts",
        { email: "new@city.example", displayName: "新 規", role: "viewer", password: "first password 2025" },
        creds,
      );
      expect(created.statusCode).toBe(303);
      const url = created.headers.location!.split("?")[0]!;
      expect(text(await get(`${url}?done=created`, creds))).toContain("アカウントを作成しました。");
      expect((await post(url, { displayName: "新 規", role: "action_owner" }, creds)).statusCode).toBe(303);
      expect(
        (await post(`${url}/password-reset`, { newPassword: "reset password 2025" }, creds)).statusCode,
      ).toBe(303);
      expect(
        (await post(url, { displayName: "新 規", role: "action_owner", disabled: "on" }, creds)).statusCode,
      ).toBe(303);
      const page = await get(url, creds);
      expect(text(page)).toContain("無効");
      const { entries } = await listAudit(t.db, { actor: admin.id, kinds: ["account.*"] });
      expect(entries.map((e) => e.kind).reverse()).toEqual([
        "account.created",
        "account.role_changed",
        "account.password_reset",
        "account.disabled",
      ]);
    });

    it("shows the audit log filtered, with exports, and names a bad filter", async () => {
      const admin = await testAccount(t.db, { role: "admin" });
      const creds = await sessionFor(t.db, admin);
      await post("/sign-in", { email: "ghost@city.example", password: "<script>alert(1)</script>" });
      const res = await get("/admin/audit?kind=sign_in.failed&actor=ghost%40city.example", creds);
      expect(res.statusCode).toBe(200);
      expect(text(res)).toContain("1件の記録");
      expect(text(res)).toContain("ghost@city.example");
      expect(res.body).not.toContain("<script>alert(1)</script>");
      expect(res.body).toContain(
        'href="/api/v1/audit/export?kind=sign_in.failed&amp;actor=ghost%40city.example&amp;format=csv"',
      );
      const bad = await get("/admin/audit?from=yesterday", creds);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/id="from"[^>]*aria-invalid="true"/);
    });
  });

  it("creates the first administrator with the setup link, once", async () => {
    const scratch = await openTestDatabase(dialect);
    const scratchApp = await testApp(scratch);
    try {
      const setup = await createSetupToken(scratch.db);
      const page = await scratchApp.inject({ method: "GET", url: `/setup?token=${setup!.token}` });
      expect(page.statusCode).toBe(200);
      const submit = (password: string, again = password) =>
        scratchApp.inject({
          method: "POST",
          url: "/setup",
          headers: FORM,
          payload: new URLSearchParams({
            token: setup!.token,
            email: "first@city.example",
            password,
            passwordAgain: again,
          }).toString(),
        });
      expect((await submit("kadoma city pass", "kadoma city pas")).statusCode).toBe(400);
      const done = await submit("kadoma city passphrase");
      expect([done.statusCode, done.headers.location]).toEqual([303, "/account"]);
      const cookie = `shinko_session=${sessionCookieFrom(done.headers["set-cookie"])}`;
      const mine = await scratchApp.inject({ method: "GET", url: "/account", headers: { cookie } });
      expect(text(mine)).toContain("（管理者）でログイン中");
      expect(
        (await scratchApp.inject({ method: "GET", url: `/setup?token=${setup!.token}` })).statusCode,
      ).toBe(403);
    } finally {
      await scratchApp.close();
      await scratch.close();
    }
  });

  it("links every public page to the staff sign-in", async () => {
    expect((await get("/plans/kadoma")).body).toContain('<a href="/account">職員の方（ログイン）</a>');
    expect(csrfOf(await get("/sign-in"))).toBe("");
  });
});
