import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  CHROMIUM,
  DESKTOP,
  launchChromium,
  PHONE,
  screenshot,
  SCREENSHOTS,
} from "./testing/browser.js";
import { startPagesApp, XSS, xssPlan, type PagesApp } from "./testing/page-fixtures.js";

async function listen(t: PagesApp): Promise<string> {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

interface PageCase {
  name: string;
  path: string;
  /** What a person sees on it. */
  check: (page: Page) => Promise<void>;
}

const PAGES: PageCase[] = [
  {
    name: "home",
    path: "/",
    check: async (page) => {
      await expect.poll(() => page.getByRole("link", { name: /を見る$/ }).isVisible()).toBe(true);
    },
  },
  {
    name: "overview",
    path: "/plans/kadoma",
    check: async (page) => {
      await expect.poll(() => page.locator(".figures li").first().innerText()).toMatch(/アクション\s*45/);
      expect(
        await page.getByRole("heading", { name: "今年度の予定：令和7年度（2025年度）" }).isVisible(),
      ).toBe(true);
    },
  },
  {
    name: "table",
    path: "/plans/kadoma/table",
    check: async (page) => {
      expect(await page.locator("tbody tr[data-action]").count()).toBe(45);
      expect(await page.locator("tbody tr[data-action] th").first().innerText()).toContain(
        "先端設備等導入計画",
      );
      expect(await page.getByRole("columnheader", { name: /R7年度\s*2025\s*今年度/ }).isVisible()).toBe(true);
    },
  },
  {
    name: "roadmap",
    path: "/plans/kadoma/roadmap",
    check: async (page) => {
      const bars = page.locator(".rm-bar");
      expect(await bars.count()).toBe(59);
      expect(await bars.first().isVisible()).toBe(true);
      // The bar says its label, and to a screen reader also its years.
      expect(await bars.first().innerText()).toMatch(/^令和6年度:\s*見直し検討$/);
      expect(await page.locator(".rm-axis .rm-year.now").innerText()).toMatch(/令和7年度\s*2025\s*今年度/);
    },
  },
  {
    name: "action",
    path: "/plans/kadoma/actions/1",
    check: async (page) => {
      const result = page.getByRole("region", { name: "令和6年度実績（令和7年2月28日時点）" });
      expect(await result.innerText()).toContain("【令和6年度 13件認定(投資額計約4.26億円)】");
      expect(await page.getByRole("link", { name: /次のアクション/ }).isVisible()).toBe(true);
      const indicator = page.getByRole("table", { name: /先端設備等導入計画の認定件数/ });
      expect(await indicator.getByRole("row", { name: /令和6年度/ }).innerText()).toMatch(/13件/);
    },
  },
  {
    name: "search",
    path: `/plans/kadoma/search?q=${encodeURIComponent("万博")}`,
    check: async (page) => {
      expect(await page.locator(".results__count").innerText()).toBe("6件のアクションが見つかりました");
      expect(await page.locator(".result mark").first().innerText()).toBe("万博");
    },
  },
];

describe.skipIf(!CHROMIUM)("the pages in Chromium", () => {
  let kadomaApp: PagesApp;
  let xssApp: PagesApp;
  let base: string;
  let xssBase: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, ...options });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    [kadomaApp, xssApp, browser] = await Promise.all([
      startPagesApp("sqlite"),
      startPagesApp("sqlite", [xssPlan()]),
      launchChromium(),
    ]);
    [base, xssBase] = await Promise.all([listen(kadomaApp), listen(xssApp)]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await kadomaApp?.close();
    await xssApp?.close();
  });

  it("shows every page as a person expects it, with no accessibility violation, on a desktop and a phone", async () => {
    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const page = await open({ viewport });
      const fonts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "font") fonts.push(r.url());
      });
      for (const c of PAGES) {
        const response = await page.goto(base + c.path);
        expect(response?.status(), c.path).toBe(200);
        await c.check(page);
        expect(await axeViolations(page), `${c.path} on a ${device}`).toEqual([]);
        // Nothing pushes the page sideways; the wide table scrolls inside its own region.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), c.path).toBeLessThanOrEqual(
          viewport.width,
        );
        await screenshot(page, `${c.name}-${device}`);
      }
      expect(fonts).toEqual([]);
    }
  }, 120_000); // Twelve page loads with axe: slow on a loaded machine.

  it("has an accessibility check that does find violations", async () => {
    const page = await open();
    await page.goto(`${base}/plans/kadoma`);
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
      document.querySelector("main")!.append(img);
    });
    expect((await axeViolations(page)).join()).toContain("image-alt");
  });

  it("shows the overview in English on the same URL", async () => {
    const page = await open();
    await page.goto(`${base}/plans/kadoma`);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator("h2#figures").innerText()).toBe("Key figures");
    await page.goto(`${base}/plans/kadoma/roadmap`);
    expect(await page.locator("h1").innerText()).toBe("Roadmap");
    expect(await page.locator(".rm-axis .rm-year.now").innerText()).toMatch(/FY2025\s*Reiwa 7/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "roadmap-desktop-en");
  });

  it("reaches an action from the overview with the keyboard alone", async () => {
    const page = await open();
    await page.goto(`${base}/plans/kadoma`);
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { tag: el.tagName, text: el.textContent ?? "", href: el.getAttribute("href") ?? "" };
      });
    let focused = await active();
    for (let i = 0; i < 120 && focused.tag !== "SUMMARY"; i++) {
      await page.keyboard.press("Tab");
      focused = await active();
    }
    expect(focused.text).toBe("アクションを表示（12件）");
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe("solid");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    focused = await active();
    expect(focused.href).toBe("/plans/kadoma/actions/1");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/plans\/kadoma\/actions\/1$/);
    expect(await page.locator("h1").innerText()).toBe(
      "「先端設備等導入計画」を活用した、新規設備投資促進による生産プロセス等の効率化",
    );
  });

  it("works with JavaScript turned off: the table, the search form and an action", async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${base}/plans/kadoma/table`);
    expect(await page.locator("tbody tr[data-action]").count()).toBe(45);
    await page.goto(`${base}/plans/kadoma/search`);
    await page.getByLabel("キーワード").fill("万博");
    await page.getByLabel("既存/新規").selectOption("true");
    await page.getByRole("button", { name: "検索する" }).first().click();
    await page.waitForURL(/q=%E4%B8%87%E5%8D%9A/);
    expect(await page.locator(".results__count").innerText()).toBe("1件のアクションが見つかりました");
    expect(await page.locator(".result h3").innerText()).toBe("No.30 大阪・関西万博でのPR");
    await page.goto(`${base}/plans/kadoma/actions/40`);
    await page.getByText("復元の根拠").first().click();
    expect(await page.getByText("アクション11").first().isVisible()).toBe(true);
  });

  it("filters the search results without reloading the page", async () => {
    const page = await open();
    await page.goto(`${base}/plans/kadoma/search`);
    expect(await page.locator(".results__count").innerText()).toBe("45件のアクションが見つかりました");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel("重点").selectOption("true");
    await expect
      .poll(() => page.locator(".results__count").innerText())
      .toBe("29件のアクションが見つかりました");
    await page.getByLabel("基本戦略").selectOption("2");
    await expect
      .poll(() => page.locator(".results__count").innerText())
      .toBe("7件のアクションが見つかりました");
    expect(new URL(page.url()).searchParams.get("priority")).toBe("true");
    expect(new URL(page.url()).searchParams.get("strategy")).toBe("2");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(await page.locator("#search-status").innerText()).toBe("7件のアクションが見つかりました");
  });

  it("prints the table on A3 landscape, repeating the header rows on every page", async () => {
    const page = await open();
    await page.goto(`${base}/plans/kadoma/table`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".plan-table thead").evaluate((el) => getComputedStyle(el).display)).toBe(
      "table-header-group",
    );
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    // What the first sheet looks like: the print styles on an A3 landscape page at 96 dpi.
    await page.setViewportSize({ width: 1587, height: 1123 });
    await page.screenshot({ path: `${SCREENSHOTS}table-print-a3.png` });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    // Not kept in the repository: a PDF carries its creation time, so every run would change it.
    writeFileSync(join(tmpdir(), "shinko-table-a3-landscape.pdf"), pdf);
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(20);
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
    const [, w, h] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text) ?? [];
    expect(Math.round(Number(w))).toBe(1191);
    expect(Math.round(Number(h))).toBe(842);
  });

  it("shows injected markup as text on every page and never runs it", async () => {
    // CSP bypassed on purpose: escaping alone must keep the payloads inert.
    const page = await open({ bypassCSP: true });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of [
      "/",
      "/plans/xss",
      "/plans/xss/table",
      "/plans/xss/roadmap",
      "/plans/xss/actions/1",
      `/plans/xss/search?q=${encodeURIComponent("<script>")}`,
    ]) {
      await page.goto(xssBase + path);
      const text = await page.locator("body").innerText();
      expect(text, path).toContain(XSS.script);
      if (path !== "/") expect(text, path).toContain(XSS.img);
      expect(await page.locator("img").count(), path).toBe(0);
      expect(await page.locator("script:not([src])").count(), path).toBe(0);
    }
    expect(dialogs).toEqual([]);
  });
});
