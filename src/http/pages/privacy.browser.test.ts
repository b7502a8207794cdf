import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount, TEST_PASSWORD } from "../../test/accounts.js";
import { CHROMIUM, DESKTOP, launchChromium } from "./testing/browser.js";
import { startPagesApp, type PagesApp } from "./testing/page-fixtures.js";

const EMAIL = "suzuki.hanako@city.kadoma.example";
const ANY_EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/** Every public page and API answer about the edited action and its plan. */
const PUBLIC = [
  "/",
  "/plans/kadoma",
  "/plans/kadoma/table",
  "/plans/kadoma/roadmap",
  "/plans/kadoma/actions/5",
  "/plans/kadoma/actions/5/history",
  "/plans/kadoma/actions/5/history?from=1&to=2",
  "/plans/kadoma/search?q=%E6%94%B9%E8%A8%82",
  "/plans/kadoma/indicators",
  "/plans/kadoma/compare?from=2020",
  "/api/v1/plans",
  "/api/v1/plans/kadoma",
  "/api/v1/plans/kadoma/actions",
  "/api/v1/plans/kadoma/actions/5",
  "/api/v1/plans/kadoma/actions/5/history",
  "/api/v1/plans/kadoma/actions/5/versions/1",
  "/api/v1/plans/kadoma/actions/5/versions/2",
  "/api/v1/plans/kadoma/actions/5/diff?from=1&to=2",
  "/api/v1/plans/kadoma/compare?from=2020&to=2099-12-31",
  "/api/v1/plans/kadoma/export.csv",
  "/api/v1/plans/kadoma/export.json",
  "/api/v1/search?q=%E6%94%B9%E8%A8%82",
];

/**
 * A member of staff signs in, edits an action and signs out, in Chromium; then nothing the
 * public can open about that action or its plan holds an e-mail address: not the page as the
 * browser shows it, not its HTML, not an API answer.
 */
describe.skipIf(!CHROMIUM)("no e-mail address in public, in Chromium", () => {
  let t: PagesApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startPagesApp("sqlite"), launchChromium()]);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await testAccount(t.db.db, { role: "plan_manager", email: EMAIL, displayName: "産業振興課 鈴木" });
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it("after a staff edit and sign-out, every public page and answer names no one by address", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("メールアドレス").fill(EMAIL);
    await page.getByLabel("パスワード").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "ログインする" }).click();
    await page.waitForURL(`${base}/account`);

    // The edit, with the browser's own session and CSRF token.
    const { csrfToken } = (await (await page.request.get(`${base}/api/v1/session`)).json()) as {
      csrfToken: string;
    };
    const edit = await page.request.get(`${base}/api/v1/plans/kadoma/actions/5/edit`);
    const { action, version } = (await edit.json()) as { action: { name: string }; version: number };
    const saved = await page.request.put(`${base}/api/v1/plans/kadoma/actions/5`, {
      headers: { "x-csrf-token": csrfToken },
      data: { baseVersion: version, action: { ...action, name: `${action.name}（改訂）` } },
    });
    expect(saved.status()).toBe(200);

    // Signed in, the history names the editor (by display name, not address).
    await page.goto(`${base}/plans/kadoma/actions/5/history`);
    await expect
      .poll(() => page.locator(".versions-table__actor").first().innerText())
      .toBe("産業振興課 鈴木（計画管理者）");

    await page.goto(`${base}/account`);
    await page.getByRole("button", { name: "ログアウト", exact: true }).click();
    await page.waitForURL(/\/sign-in\?done=signed-out$/);
    expect((await context.cookies()).filter((c) => c.name.includes("shinko_session") && c.value)).toEqual([]);

    for (const path of PUBLIC) {
      if (path.startsWith("/api/")) {
        const res = await page.request.get(`${base}${path}`);
        expect(res.status(), path).toBe(200);
        expect(await res.text(), path).not.toMatch(ANY_EMAIL);
        continue;
      }
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await page.locator("body").innerText(), path).not.toMatch(ANY_EMAIL);
      expect(await page.content(), path).not.toMatch(ANY_EMAIL);
    }
    await page.goto(`${base}/plans/kadoma/actions/5/history`);
    expect(await page.locator(".versions-table__actor").first().innerText()).toBe("計画管理者");
    expect(await page.locator("h1").innerText()).toContain("5");
    await context.close();
  }, 120_000);
});
