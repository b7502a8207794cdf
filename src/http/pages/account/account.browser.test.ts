import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import { createSetupToken } from "../../../core/accounts/setup.service.js";
import { recordAudit, systemActor } from "../../../core/audit/audit.js";
import { testAccount, TEST_PASSWORD } from "../../../test/accounts.js";
import { axeViolations, CHROMIUM, DESKTOP, launchChromium, PHONE, screenshot } from "../testing/browser.js";
import { fixedClock, startPagesApp, XSS, type PagesApp } from "../testing/page-fixtures.js";

async function listen(t: PagesApp): Promise<string> {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

describe.skipIf(!CHROMIUM)("the account pages in Chromium", () => {
  let t: PagesApp;
  let empty: PagesApp;
  let base: string;
  let emptyBase: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, ...options });
    contexts.push(context);
    return context.newPage();
  };
  const signIn = async (page: Page, email: string, password = TEST_PASSWORD) => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログインする" }).click();
  };
  const noViolations = async (page: Page, what: string) =>
    expect(await axeViolations(page), what).toEqual([]);

  beforeAll(async () => {
    [t, empty, browser] = await Promise.all([
      startPagesApp("sqlite"),
      startPagesApp("sqlite", []),
      launchChromium(),
    ]);
    [base, emptyBase] = await Promise.all([listen(t), listen(empty)]);
    await testAccount(t.db.db, {
      role: "admin",
      email: "kanri@city.example",
      displayName: "産業振興課 管理者",
    });
    const owner = await testAccount(t.db.db, {
      role: "action_owner",
      email: "tanto@city.example",
      displayName: `${XSS.script} 担当`,
    });
    await assignActionOwner(
      t.db.db,
      { planId: "kadoma", actionNumber: 1, accountId: owner.id },
      { actor: systemActor("test"), clock: fixedClock },
    );
    await recordAudit(
      t.db.db,
      { kind: "sign_in.failed", actor: systemActor(XSS.img), ip: "192.0.2.1", details: { note: XSS.script } },
      fixedClock,
    );
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
    await empty?.close();
  });

  it("signs in, shows every account page without an accessibility violation, on a desktop and a phone", async () => {
    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const page = await open({ viewport });
      await page.goto(`${base}/plans/kadoma`);
      await page.getByRole("link", { name: "職員の方（ログイン）" }).click();
      await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
      await noViolations(page, `sign-in on a ${device}`);
      await screenshot(page, `sign-in-${device}`);
      await page.getByLabel("メールアドレス").fill("kanri@city.example");
      await page.getByLabel("パスワード").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "ログインする" }).click();
      await page.waitForURL(/\/account$/);
      expect(await page.locator(".account-bar__who").innerText()).toBe(
        "産業振興課 管理者（管理者）でログイン中",
      );
      await noViolations(page, `my account on a ${device}`);
      await screenshot(page, `account-${device}`);

      await page.getByRole("link", { name: "アカウント管理" }).click();
      await page.waitForURL(/\/admin\/accounts$/);
      const rows = page.getByRole("table", { name: "アカウントの一覧" }).locator("tbody tr");
      expect(await rows.count()).toBe(2);
      await noViolations(page, `accounts on a ${device}`);
      await screenshot(page, `admin-accounts-${device}`);
      await page.getByRole("link", { name: "tanto@city.example" }).click();
      expect(await page.getByLabel("表示名").inputValue()).toBe(`${XSS.script} 担当`);
      expect(await page.getByRole("link", { name: "kadoma No.1" }).isVisible()).toBe(true);
      await noViolations(page, `an account on a ${device}`);

      await page.getByRole("link", { name: "監査ログ" }).click();
      await page.waitForURL(/\/admin\/audit$/);
      expect(await page.getByRole("table", { name: "監査ログ（新しい順）" }).innerText()).toContain(XSS.img);
      await noViolations(page, `audit log on a ${device}`);
      // Filtered to entries without random ids, so the screenshot is the same on every run.
      const filtered = await page.goto(`${base}/admin/audit?kind=sign_in.failed`);
      expect(filtered?.status()).toBe(200);
      expect(await page.locator("#audit-count").innerText()).toMatch(/^[1-9]\d*件の記録$/);
      await screenshot(page, `audit-${device}`);
      // Nothing pushes the page sideways; wide tables scroll in their own region.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
    }
  });

  it("creates a token shown once, then signs out", async () => {
    const page = await open();
    await signIn(page, "tanto@city.example");
    await page.waitForURL(/\/account$/);
    await page.getByLabel("名前").fill("統計システム連携");
    await page.getByLabel("範囲").selectOption("read");
    await page.getByRole("button", { name: "トークンを作成する" }).click();
    const secret = await page.getByLabel("トークン「統計システム連携」", { exact: true }).inputValue();
    expect(secret).toMatch(/^shinko_pat_/);
    await noViolations(page, "the new token");
    await page.goto(`${base}/account`);
    expect(await page.locator("body").innerText()).not.toContain(secret);
    expect(
      await page.getByRole("button", { name: "トークン「統計システム連携」を失効させる" }).isVisible(),
    ).toBe(true);
    await page.getByRole("button", { name: "ログアウト", exact: true }).click();
    await page.waitForURL(/\/sign-in\?done=signed-out$/);
    expect(await page.getByRole("status").innerText()).toBe("ログアウトしました。");
    await page.goto(`${base}/account`);
    await page.waitForURL(/\/sign-in\?next=/);
  });

  it("shows a refused sign-in next to the form, without an accessibility violation", async () => {
    const page = await open();
    await signIn(page, "kanri@city.example", "this is not it");
    expect(await page.getByRole("alert").innerText()).toBe("メールアドレスまたはパスワードが違います。");
    expect(await page.getByLabel("メールアドレス").inputValue()).toBe("kanri@city.example");
    await noViolations(page, "refused sign-in");
  });

  it("works with JavaScript turned off: sign in, filter the audit log, sign out", async () => {
    const page = await open({ javaScriptEnabled: false });
    await signIn(page, "kanri@city.example");
    await page.waitForURL(/\/account$/);
    await page.getByRole("link", { name: "監査ログ" }).click();
    await page.getByLabel("種類").fill("sign_in.*");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/kind=sign_in/);
    expect(await page.locator("#audit-count").innerText()).toMatch(/^\d+件の記録$/);
    await page.getByRole("button", { name: "ログアウト", exact: true }).click();
    await page.waitForURL(/\/sign-in\?done=signed-out$/);
  });

  it("registers the first administrator with the setup link", async () => {
    const setup = await createSetupToken(empty.db.db);
    const page = await open();
    await page.goto(`${emptyBase}/setup?token=${setup!.token}`);
    await noViolations(page, "setup");
    await screenshot(page, "setup-desktop");
    await page.getByLabel("メールアドレス").fill("first@city.example");
    await page.getByLabel("表示名").fill("門真 一郎");
    await page.getByLabel("パスワード", { exact: true }).fill("kadoma city passphrase");
    await page.getByLabel("パスワード（確認）").fill("kadoma city passphrase");
    await page.getByRole("button", { name: "登録する" }).click();
    await page.waitForURL(/\/account$/);
    expect(await page.locator(".account-bar__who").innerText()).toBe("門真 一郎（管理者）でログイン中");
  });
});
