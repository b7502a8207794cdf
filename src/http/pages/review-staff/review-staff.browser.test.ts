import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import { systemActor } from "../../../core/audit/audit.js";
import { findReview } from "../../../core/review/review.repository.js";
import { testAccount, TEST_PASSWORD } from "../../../test/accounts.js";
import { axeViolations, CHROMIUM, DESKTOP, launchChromium, PHONE, screenshot } from "../testing/browser.js";
import { fixedClock, startPagesApp, type PagesApp } from "../testing/page-fixtures.js";

const MANAGER = "kanri@city.example";
const OWNER = "tanto@city.example";

describe.skipIf(!CHROMIUM)("the review's staff pages in Chromium", () => {
  let t: PagesApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, ...options });
    contexts.push(context);
    return context.newPage();
  };
  /** Goes to a staff page, signing in on the way (the sign-in page sends the browser back). */
  const signedIn = async (page: Page, email: string, path: string) => {
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(path)}`);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "ログインする" }).click();
    await page.waitForURL(`${base}${path}`);
  };
  const noViolations = async (page: Page, what: string) =>
    expect(await axeViolations(page), what).toEqual([]);
  const notice = (page: Page) => page.locator("p.notice[role=status]").innerText();

  beforeAll(async () => {
    [t, browser] = await Promise.all([startPagesApp("sqlite"), launchChromium()]);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await testAccount(t.db.db, { role: "plan_manager", email: MANAGER, displayName: "産業振興課 計画管理" });
    const owner = await testAccount(t.db.db, {
      role: "action_owner",
      email: OWNER,
      displayName: "産業振興課 担当",
    });
    for (const actionNumber of [13, 16]) {
      await assignActionOwner(
        t.db.db,
        { planId: "kadoma", actionNumber, accountId: owner.id },
        { actor: systemActor("test"), clock: fixedClock },
      );
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it("walks a whole cycle by clicking, without JavaScript: open FY 2025, copy forward, write, submit, approve, publish", async () => {
    const page = await open({ javaScriptEnabled: false });
    // The way in: the footer's staff link, sign-in, then the plan's review from "my account".
    await page.goto(`${base}/plans/kadoma`);
    await page.getByRole("link", { name: "職員の方（ログイン）" }).click();
    await page.getByLabel("メールアドレス").fill(MANAGER);
    await page.getByLabel("パスワード").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "ログインする" }).click();
    await page.waitForURL(/\/account$/);
    await page.getByRole("region", { name: "年度の振り返り" }).getByRole("link").click();
    await page.waitForURL(/\/plans\/kadoma\/reviews$/);
    expect(await page.getByText("まだ振り返りを始めた年度はありません。").isVisible()).toBe(true);
    await page.getByLabel("年度", { exact: true }).selectOption({ label: "令和7年度（2025年度）" });
    await page.getByLabel("実績の時点（基準日）").fill("2026-02-28");
    await page.getByLabel("提出の締切").fill("2026-03-15");
    await page.getByRole("button", { name: "振り返りを始める" }).click();
    await page.waitForURL(/\/plans\/kadoma\/reviews\/2025\?done=opened$/);
    expect(await notice(page)).toBe("令和7年度（2025年度）の振り返りを始めました。");
    expect(await page.locator("[data-progress=updated]").innerText()).toBe("0 / 45件");

    await page.getByRole("button", { name: "前年度から空欄を埋める" }).click();
    expect(await notice(page)).toMatch(/^\d+件のアクションの空欄を前年度から埋めました。$/);

    await page.getByRole("link", { name: "No.13 を記入する" }).click();
    await page.waitForURL(/\/reviews\/2025\/actions\/13$/);
    await page.getByLabel("実績", { exact: true }).fill("・会員大会・定例会を開催。【加入企業数 104社】");
    await page.locator("#grade-B").check();
    await page.getByLabel("今後の方向性").selectOption("continue");
    await page.getByLabel("「ものづくり企業ネットワークの加入企業数」の目標値").fill("105");
    await page.getByLabel("「ものづくり企業ネットワークの加入企業数」の実績値").fill("104");
    await page.getByRole("button", { name: "保存して提出する" }).click();
    await page.waitForURL(/done=submitted$/);
    expect(await notice(page)).toBe("提出しました。計画管理者の確認を待っています。");
    await page.getByRole("button", { name: "承認する" }).click();
    await page.waitForURL(/done=approved$/);

    await page.getByRole("link", { name: "アクションの一覧に戻る" }).click();
    expect(await page.locator("[data-progress=approved]").innerText()).toBe("1 / 45件");
    await page.getByRole("button", { name: "承認済みの1件を公開する" }).click();
    // A confirmation step, without JavaScript, before anything is published.
    await page.waitForURL(/confirm=publish$/);
    expect(await page.getByRole("heading", { name: "承認済みの1件を公開しますか" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "1件を公開する" }).click();
    await page.waitForURL(/done=published&n=1$/);
    expect(await notice(page)).toBe("1件を公開しました。");

    const visitor = await open();
    await visitor.goto(`${base}/plans/kadoma/actions/13`);
    const body = await visitor.locator("main").innerText();
    expect(body).toContain("加入企業数 104社");
    expect(body).toMatch(/令和7年度[\s\S]*105社[\s\S]*104社/);
  });

  it("refuses the second of two conflicting saves, shows the first person's change and keeps the typed text", async () => {
    const form = "/plans/kadoma/reviews/2025/actions/16";
    const [first, second] = await Promise.all([open(), open()]);
    await signedIn(first, MANAGER, form);
    await signedIn(second, OWNER, form);
    await first.getByLabel("実績", { exact: true }).fill("管理者が書いた実績【150社掲載】");
    await second.getByLabel("実績", { exact: true }).fill("担当者が書いた実績【152社掲載】");
    await second.getByLabel("分析", { exact: true }).fill("担当者の分析");
    await first.getByRole("button", { name: "下書きを保存" }).click();
    await first.waitForURL(/done=saved$/);
    await second.getByRole("button", { name: "下書きを保存" }).click();
    const alert = second.getByRole("alert");
    await alert.waitFor();
    const said = await alert.innerText();
    expect(said).toContain("ほかの人が先に保存したため、保存しませんでした");
    expect(said).toContain("産業振興課 計画管理（計画管理者） さんが 令和7年6月1日 12:00 に保存しています");
    const row = second.locator("tr[data-field=results]");
    expect(await row.locator("td").nth(0).innerText()).toBe("管理者が書いた実績【150社掲載】");
    expect(await row.locator("td").nth(1).innerText()).toBe("担当者が書いた実績【152社掲載】");
    expect(await second.getByLabel("実績", { exact: true }).inputValue()).toBe(
      "担当者が書いた実績【152社掲載】",
    );
    expect(await second.getByLabel("分析", { exact: true }).inputValue()).toBe("担当者の分析");
    expect((await findReview(t.db.db, "kadoma", 2025, 16))!.content.results).toBe(
      "管理者が書いた実績【150社掲載】",
    );
    await noViolations(second, "the refused save");
    await screenshot(second, "review-conflict-desktop");

    await second.getByRole("button", { name: "自分の入力で保存する" }).click();
    await second.waitForURL(/done=saved$/);
    expect(await notice(second)).toBe("下書きを保存しました。");
    const saved = (await findReview(t.db.db, "kadoma", 2025, 16))!;
    expect(saved.content.results).toBe("担当者が書いた実績【152社掲載】");
    expect(saved.updatedBy).toBe(OWNER);
  });

  it("restores an old version from the history page after a confirmation", async () => {
    const page = await open();
    await signedIn(page, MANAGER, "/plans/kadoma/actions/13/history");
    await page.getByRole("link", { name: "第1版に戻す" }).click();
    await page.waitForURL(/\/restore\?version=1$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("第1版に戻す");
    await noViolations(page, "restore confirmation");
    await screenshot(page, "restore-desktop");
    await page.getByRole("button", { name: "この版に戻す" }).click();
    await page.waitForURL(/\/history\?from=2&to=3&restored=1#diff$/);
    expect(await notice(page)).toBe("第1版の内容に戻しました（第3版）。");
  });

  it("shows every staff page without an accessibility violation, on a desktop and a phone", async () => {
    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const page = await open({ viewport });
      await signedIn(page, MANAGER, "/plans/kadoma/reviews");
      /** Visits a page: it answers 200 with the heading a person expects, passes axe, fits the screen. */
      const visit = async (path: string, name: string, heading: string | RegExp, shot = true) => {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status(), name).toBe(200);
        expect(await page.locator("h1").innerText(), name).toMatch(heading);
        await noViolations(page, `${name} on a ${device}`);
        if (shot) await screenshot(page, `${name}-${device}`);
        // Nothing pushes the page sideways; wide tables scroll in their own region.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
          viewport.width,
        );
      };
      await visit("/plans/kadoma/reviews", "review-cycles", "年度の振り返り（進行管理）");
      await visit("/plans/kadoma/reviews/2025", "review-cycle", /^令和7年度.*の振り返り$/);
      expect(await page.locator("[data-progress=updated]").innerText()).toMatch(/^\d+ \/ 45件$/);
      await visit(
        "/plans/kadoma/reviews/2025?show=lacking",
        "review-cycle-lacking",
        /^令和7年度.*の振り返り$/,
        false,
      );
      await visit("/plans/kadoma/reviews/2025/actions/23", "review-form", /^No\.23 令和7年度.*の振り返り$/);
      // A refused save: the error summary links to the field, which is marked.
      await page.getByLabel("「合同企業就職説明会・面接会の総来場者数」の実績値").fill("九十");
      await page.getByRole("button", { name: "下書きを保存" }).click();
      const link = page.getByRole("alert").getByRole("link", { name: /数値で入力してください/ });
      await link.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^actual-/);
      await noViolations(page, `the refused form on a ${device}`);
      // Without focus, so the screenshot is the same on every run (no caret, no focus ring).
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `review-form-error-${device}`);
      await visit(
        "/plans/kadoma/reviews/2025/actions/13",
        "review-published",
        /^No\.13 令和7年度.*の振り返り$/,
        false,
      );
      await visit("/plans/kadoma/actions/20/restore?version=1", "restore-confirm", "第1版に戻す", false);
      await visit("/plans/kadoma/indicator-proposals", "proposals", "指標の候補（本文から読み取った数値）");
      await page
        .getByRole("link", { name: /^確認する/ })
        .first()
        .click();
      await noViolations(page, `a proposal on a ${device}`);
      await screenshot(page, `proposal-${device}`);
    }
  });
});
