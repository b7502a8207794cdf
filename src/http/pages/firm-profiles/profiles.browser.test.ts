import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.model.js";
import { testAccount, TEST_PASSWORD } from "../../../test/accounts.js";
import { seedTestFirms } from "../../../test/companies.js";
import { testCompanyMember } from "../../../test/company-members.js";
import { axeViolations, CHROMIUM, DESKTOP, launchChromium, PHONE, screenshot } from "../testing/browser.js";
import { startPagesApp, type PagesApp } from "../testing/page-fixtures.js";

const enc = encodeURIComponent;

/**
 * The portal and the firms' own profiles in Chromium with JavaScript off: facets and ranges in t
 * and kN, the company and process pages, and a firm's edit going through the city's approval;
 * axe-core on every page; screenshots at 1280 px and 390 px in docs/screenshots/.
 */
describe.skipIf(!CHROMIUM)(
  "the portal and firm profiles in Chromium without JavaScript",
  { timeout: 120_000 },
  () => {
    let t: PagesApp;
    let base: string;
    let browser: Browser;
    let member: Account;
    let manager: Account;
    const contexts: BrowserContext[] = [];
    const open = async (viewport = DESKTOP) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, javaScriptEnabled: false });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context.newPage();
    };
    const signIn = async (page: Page, email: string) => {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("メールアドレス").fill(email);
      await page.getByLabel("パスワード").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "ログインする" }).click();
    };
    /**
     * axe-core, the sideways-scroll check and the screenshot need script in the page, which these
     * contexts turn off: the same URL is opened again with the same cookies in a context with script.
     */
    const check = async (noScript: Page, name: string) => {
      const context = await browser.newContext({
        viewport: noScript.viewportSize()!,
        deviceScaleFactor: 1,
        storageState: await noScript.context().storageState(),
      });
      try {
        const page = await context.newPage();
        await page.goto(noScript.url());
        expect(await axeViolations(page), name).toEqual([]);
        // Nothing wider than the screen but the tables' own scrolling regions.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
        await screenshot(page, name);
      } finally {
        await context.close();
      }
    };

    beforeAll(async () => {
      [t, browser] = await Promise.all([startPagesApp("sqlite"), launchChromium()]);
      await seedTestFirms(t.db.db);
      member = await testCompanyMember(t.db.db, "welder");
      manager = await testAccount(t.db.db, { role: "plan_manager", displayName: "産業振興課 計画管理者" });
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await t?.close();
    });

    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      it(`searches with a facet and a range in t and in kN, and opens company and process pages (${device})`, async () => {
        const page = await open(viewport);
        await page.goto(`${base}/companies/kadoma`);
        // The process facet is long, so it starts folded: open it as a person would.
        const facet = page.locator("details", { has: page.locator("summary", { hasText: /^加工$/ }) });
        if ((await facet.getAttribute("open")) === null) await facet.locator("summary").click();
        await page.locator("label", { hasText: /^プレス加工（/ }).click();
        await page.locator("#pressForceKnMin").fill("200t");
        await page.getByRole("button", { name: "検索する" }).click();
        await expect.poll(() => page.locator("#results-title").textContent()).toBe("2社が見つかりました");
        await check(page, `portal-search-${device}`);
        await page.locator("#pressForceKnMin").fill("2000kN");
        await page.getByRole("button", { name: "検索する" }).click();
        await expect.poll(() => page.locator("#results-title").textContent()).toBe("1社が見つかりました");
        expect(page.url()).toContain(`pressForceKnMin=2000kN`);

        await page.getByRole("link", { name: "大和鍛圧（架空）" }).click();
        await expect.poll(() => page.locator("h1").textContent()).toBe("大和鍛圧（架空）");
        await check(page, `portal-company-${device}`);

        await page.goto(`${base}/companies/kadoma/processes/${enc("切削加工")}`);
        expect(await page.getByRole("link", { name: "精密マシニング（架空）" }).count()).toBe(1);
        await check(page, `portal-process-${device}`);

        await page.goto(`${base}/companies/kadoma/firms/press-kn/claim`);
        await check(page, `claim-${device}`);
      });
    }

    it("takes a firm's edit through the city's approval before the public sees it", async () => {
      const firm = await open(PHONE);
      await signIn(firm, member.email);
      await firm.waitForURL(`${base}/my-company`);
      await check(firm, "my-company-phone");
      await firm.locator("#pf-products").fill("ブラウザから出した新製品");
      await firm.locator("#eq-0-kind").selectOption("プレス機");
      await firm.locator("#eq-0-specs").fill("加圧能力 300t、ベッド幅 1,800mm");
      await firm.getByRole("button", { name: "変更を市に送信する" }).click();
      await firm.waitForURL(`${base}/my-company?done=submitted`);
      expect(await firm.getByText("市が確認しています").count()).toBeGreaterThan(0);

      const visitor = await open(DESKTOP);
      await visitor.goto(`${base}/companies/kadoma/firms/welder`);
      expect(await visitor.getByText("ブラウザから出した新製品").count()).toBe(0);

      const city = await open(DESKTOP);
      await signIn(city, manager.email);
      await city.goto(`${base}/staff/company-changes`);
      await check(city, "staff-changes-desktop");
      await city.getByRole("link", { name: "溶接工房みなみ（架空）" }).click();
      expect(await city.getByText("ブラウザから出した新製品").count()).toBeGreaterThan(0);
      await check(city, "staff-change-desktop");
      await city.getByRole("button", { name: "承認して公開する" }).click();
      await city.waitForURL(/done=approved/);

      await visitor.reload();
      expect(await visitor.getByText("ブラウザから出した新製品").count()).toBe(1);
      await visitor.goto(`${base}/companies/kadoma?pressForceKnMin=${enc("300t")}`);
      expect(await visitor.getByRole("link", { name: "溶接工房みなみ（架空）" }).count()).toBe(1);
    });

    it("shows the staff company pages on a desktop and a phone", async () => {
      for (const [device, viewport] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        const city = await open(viewport);
        await signIn(city, manager.email);
        await city.goto(`${base}/staff/companies`);
        await check(city, `staff-companies-${device}`);
        await city.goto(`${base}/staff/companies/welder`);
        await check(city, `staff-company-${device}`);
        await city.goto(`${base}/staff/company-claims`);
        await check(city, `staff-claims-${device}`);
      }
    });
  },
);
