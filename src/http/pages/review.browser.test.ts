import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, CHROMIUM, DESKTOP, launchChromium, PHONE, screenshot } from "./testing/browser.js";
import type { PagesApp } from "./testing/page-fixtures.js";
import { startReviewedApp } from "./testing/review-fixtures.js";

interface PageCase {
  name: string;
  path: string;
  check: (page: Page) => Promise<void>;
}

/** Waits until every chart near the top of the page is drawn, and gives the first one's SVG text. */
async function drawnChartText(page: Page, index = 0): Promise<string> {
  const chart = page.locator(".chart").nth(index);
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => chart.getAttribute("data-drawn")).toBe("true");
  return chart.locator("svg").innerHTML();
}

/** Charts are drawn as they come near the screen; printing draws them all (so does this, for a screenshot). */
async function drawEveryChart(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await expect.poll(() => page.locator(".chart:not([data-drawn])").count()).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

const PAGES: PageCase[] = [
  {
    name: "indicators",
    path: "/plans/kadoma/indicators?fiscalYear=2025",
    check: async (page) => {
      expect(await page.locator("h1").innerText()).toBe("指標の達成状況：令和7年度（2025年度）");
      expect(await page.locator("[data-progress=plan]").innerText()).toBe("88.8%");
      // The roll-up chart draws the plan's strategies and measures with their mean achievement.
      const svg = await drawnChartText(page, 0);
      expect(svg).toContain("89.5%");
      const card = page.locator('[data-indicator="13/1"]');
      expect(
        await card
          .getByRole("table")
          .getByRole("row", { name: /令和7年度/ })
          .innerText(),
      ).toMatch(/105社\s+104社\s+99%\s+△\s*やや遅れ/);
    },
  },
  {
    name: "action-indicators",
    path: "/plans/kadoma/actions/13",
    check: async (page) => {
      const svg = await drawnChartText(page, 0);
      // Bars labelled with their values, the target line's legend, era years on the axis.
      expect(svg).toContain("104社");
      expect(svg).toContain("目標値");
      expect(svg).toContain("令和7年度");
      const evaluation = page.getByRole("region", { name: "評価と今後の方向性" });
      expect(await evaluation.getByRole("row", { name: /令和7年度/ }).innerText()).toMatch(
        /B\s*概ね計画どおり/,
      );
    },
  },
  {
    name: "history",
    path: "/plans/kadoma/actions/13/history",
    check: async (page) => {
      expect(await page.locator("tbody tr").count()).toBe(2);
      expect(await page.getByRole("heading", { name: "第1版から第2版への違い" }).isVisible()).toBe(true);
      expect(await page.locator(".diff--added").first().innerText()).toMatch(
        /^追加\s*現状・実績 › 令和7年度の実績/,
      );
    },
  },
  {
    name: "compare",
    path: "/plans/kadoma/compare?from=2024&to=2025",
    check: async (page) => {
      expect(await page.locator(".compare-figures").innerText()).toMatch(/変更されたアクション\s*3件/);
      await page.getByText("No.16 ", { exact: false }).first().click();
      expect(await page.locator('[data-action="16"] .diff').first().isVisible()).toBe(true);
    },
  },
];

describe.skipIf(!CHROMIUM)("the review pages in Chromium", () => {
  let t: PagesApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, ...options });
    contexts.push(context);
    const page = await context.newPage();
    // Chromium logs every CSP refusal to the console: none may happen.
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    page.on("pageerror", (e) => refused.push(e.message));
    return { page, refused };
  };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startReviewedApp("sqlite"), launchChromium()]);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it("shows each page with its charts drawn under the CSP, with no accessibility violation, on a desktop and a phone", async () => {
    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, refused } = await open({ viewport });
      for (const c of PAGES) {
        const response = await page.goto(base + c.path);
        expect(response?.status(), c.path).toBe(200);
        await c.check(page);
        expect(await axeViolations(page), `${c.path} on a ${device}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), c.path).toBeLessThanOrEqual(
          viewport.width,
        );
        await drawEveryChart(page);
        await screenshot(page, `${c.name}-${device}`, 4000);
      }
      expect(refused).toEqual([]);
    }
  });

  it("shows the figures without JavaScript: the tables, with the charts left out", async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await page.goto(`${base}/plans/kadoma/indicators?fiscalYear=2025`);
    expect(await page.locator(".chart").first().isVisible()).toBe(false);
    expect(await page.getByRole("table", { name: /基本戦略・具体的施策ごと/ }).isVisible()).toBe(true);
    await page.getByLabel("表示する年度").selectOption("2024");
    await page.getByRole("button", { name: "表示する" }).click();
    await page.waitForURL(/fiscalYear=2024/);
    expect(await page.locator("h1").innerText()).toBe("指標の達成状況：令和6年度（2024年度）");
    await page.goto(`${base}/plans/kadoma/actions/13`);
    const table = page.getByRole("table", { name: /ものづくり企業ネットワークの加入企業数/ });
    expect(await table.getByRole("row", { name: /令和7年度/ }).innerText()).toMatch(/105社\s+104社\s+99%/);
    await page.goto(`${base}/plans/kadoma/actions/13/history`);
    await page.getByLabel("比較元の版").selectOption("2");
    await page.getByLabel("比較先の版").selectOption("1");
    await page.getByRole("button", { name: "違いを表示する" }).click();
    await page.waitForURL(/from=2&to=1/);
    expect(await page.locator("#diff h2").innerText()).toBe("第2版から第1版への違い");
  });

  it("compares two moments with the keyboard alone", async () => {
    const { page } = await open();
    await page.goto(`${base}/plans/kadoma/compare`);
    await page.getByLabel("比較元の時点").focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("令和6年度");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("令和7年度");
    await page.keyboard.press("Enter");
    await page.waitForURL(/to=/);
    expect(new URL(page.url()).searchParams.get("from")).toBe("令和6年度");
    const summary = page.locator('[data-action="13"] > summary');
    for (let i = 0; i < 40; i++) {
      if (await summary.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    expect(await page.locator('[data-action="13"]').getAttribute("open")).toBe("");
    expect(await page.locator('[data-action="13"] .diff').first().isVisible()).toBe(true);
  });

  it("reads the indicator page in English", async () => {
    const { page, refused } = await open();
    await page.goto(`${base}/plans/kadoma/indicators?fiscalYear=2025&lang=en`);
    expect(await page.locator("h1").innerText()).toBe("Indicator progress: FY2025 (令和7年度)");
    await drawnChartText(page, 0);
    expect(await axeViolations(page)).toEqual([]);
    await drawEveryChart(page);
    await screenshot(page, "indicators-desktop-en", 4000);
    expect(refused).toEqual([]);
  });
});
