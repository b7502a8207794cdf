import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  CHROMIUM,
  DESKTOP,
  launchChromium,
  PDFTOTEXT,
  PHONE,
  screenshot,
} from "./testing/browser.js";
import { startPagesApp, type PagesApp } from "./testing/page-fixtures.js";

/** Where a cell is drawn, relative to the table's scroll box. */
async function boxOf(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const box = document.querySelector(".table-scroll--sticky")!.getBoundingClientRect();
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { top: r.top - box.top, left: r.left - box.left, right: r.right - box.left };
  }, selector);
}

/**
 * Each data cell's `headers` against the table's grid: the header cells above it (every header
 * row's cells over its columns) and its row's header when that is left of it.
 */
function headerMismatches(page: Page) {
  return page.evaluate(() => {
    const table = document.querySelector("table.plan-table") as HTMLTableElement;
    const taken: boolean[][] = [];
    const placed: { cell: HTMLTableCellElement; row: number; col: number }[] = [];
    Array.from(table.rows).forEach((tr, r) => {
      let c = 0;
      for (const cell of Array.from(tr.cells)) {
        while (taken[r]?.[c]) c++;
        for (let i = r; i < r + cell.rowSpan; i++) {
          for (let j = c; j < c + cell.colSpan; j++) (taken[i] ??= [])[j] = true;
        }
        placed.push({ cell, row: r, col: c });
        c += cell.colSpan;
      }
    });
    const headRows = table.tHead!.rows.length;
    const problems: string[] = [];
    let checked = 0;
    for (const { cell, row, col } of placed) {
      if (cell.tagName !== "TD") continue;
      const cols = new Set(Array.from({ length: cell.colSpan }, (_, i) => col + i));
      const expected = new Set<string>();
      for (const h of placed) {
        if (h.cell.tagName !== "TH") continue;
        const overColumns = Array.from({ length: h.cell.colSpan }, (_, i) => h.col + i).some((j) =>
          cols.has(j),
        );
        if (h.row < headRows && overColumns) expected.add(h.cell.id);
        if (h.row >= headRows && h.row === row && h.col < col) expected.add(h.cell.id);
      }
      const actual = (cell.getAttribute("headers") ?? "").split(/\s+/).filter(Boolean);
      const same = actual.length === expected.size && actual.every((id) => expected.has(id));
      if (!same) problems.push(`row ${row} col ${col}: ${actual.join(" ")} ≠ ${[...expected].join(" ")}`);
      checked++;
    }
    const ths = placed.filter((p) => p.cell.tagName === "TH");
    return { checked, problems, thWithoutId: ths.filter((p) => !p.cell.id).length };
  });
}

describe.skipIf(!CHROMIUM)("the official table and the action page in Chromium", () => {
  let app: PagesApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startPagesApp("sqlite"), launchChromium()]);
    await app.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [device, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    it(`keeps the header rows and the number and name columns in view while the table scrolls (${device})`, async () => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const response = await page.goto(`${base}/plans/kadoma/table`);
      expect(response?.status()).toBe(200);
      expect(await axeViolations(page, { bestPractice: true })).toEqual([]);
      // The page itself never scrolls sideways: the table does, in its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );

      const scroller = page.locator(".table-scroll--sticky");
      await scroller.scrollIntoViewIfNeeded();
      const size = await scroller.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
        scrollHeight: el.scrollHeight,
        clientHeight: el.clientHeight,
      }));
      expect(size.scrollWidth).toBeGreaterThan(size.clientWidth);
      expect(size.scrollHeight).toBeGreaterThan(size.clientHeight);
      // Down to action 20 and to the far right: the challenges column, the last one.
      await scroller.evaluate((el) => {
        const row = el.querySelector<HTMLElement>("tr#a20")!;
        el.scrollTop = row.offsetTop - el.querySelector("thead")!.offsetHeight;
        el.scrollLeft = el.scrollWidth;
      });
      const challenges = await boxOf(page, "thead th.c-challenges");
      expect(challenges.right).toBeLessThanOrEqual(size.clientWidth + 1);
      expect(challenges.top).toBe(0);
      expect((await boxOf(page, "thead th.c-num")).left).toBe(0);
      const num = await boxOf(page, "tr#a20 td.c-num");
      const name = await boxOf(page, "tr#a20 th.c-name");
      expect(num.left).toBe(0);
      expect(name.left).toBeCloseTo(num.right, 0);
      // What is drawn there is the number and the name, not a cell scrolled under them.
      const hit = await page.evaluate(() => {
        const box = document.querySelector(".table-scroll--sticky")!.getBoundingClientRect();
        const name = document.querySelector("tr#a20 th.c-name")!.getBoundingClientRect();
        const at = (x: number, y: number) => document.elementFromPoint(x, y)?.closest("td, th");
        return {
          num: at(box.left + 5, name.top + 5)?.textContent,
          name: at(name.left + 5, name.top + 5)?.id,
          header: at(name.left + 5, box.top + 5)?.tagName,
        };
      });
      expect(hit).toEqual({ num: "20", name: "tr_a20", header: "TH" });
      await screenshot(page, `table-scrolled-${device}`, 1200);
      await context.close();
    });
  }

  it("explains the schedule cells' fills beside the table, and prints the explanation", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/plans/kadoma/table`);
    const legend = page.locator(".page-head .legend");
    expect(await legend.innerText()).toContain("斜線＝検討・見直し・未定・予定など、まだ決まっていない予定");
    const fill = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundImage);
    // The sample is drawn as the table's hatched cells are.
    expect(await fill(".legend-sample.tentative")).toMatch(/repeating-linear-gradient/);
    expect(await fill(".legend-sample.tentative")).toBe(await fill("tbody td.c-sched.tentative"));
    await page.emulateMedia({ media: "print" });
    expect(await legend.isVisible()).toBe(true);
    await page.close();
  });

  it("names each data cell's headers (WCAG H43): two header rows, groups and the row's name", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/plans/kadoma/table`);
    const { checked, problems, thWithoutId } = await headerMismatches(page);
    expect(problems).toEqual([]);
    expect(thWithoutId).toBe(0);
    expect(checked).toBeGreaterThan(45 * 10);
    // Action 1's 2024–2025 cell: under スケジュール, both years, and in action 1's row.
    const cell = page.locator("tr#a1 td.c-sched").first();
    expect((await cell.getAttribute("headers"))?.split(" ").sort()).toEqual([
      "tc_fy2024",
      "tc_schedule",
      "tr_a1",
    ]);
    await page.close();
  });

  it.skipIf(!PDFTOTEXT)(
    "prints on A3 landscape with page numbers, the strategy and measure on continuation pages, and no 今年度 mark",
    async () => {
      const page = await browser.newPage({ viewport: DESKTOP });
      await page.goto(`${base}/plans/kadoma/table`);
      await page.emulateMedia({ media: "print" });
      // On screen the table highlights the current year; on paper it is the city's document.
      expect(await page.locator("thead th.now .now-mark").isVisible()).toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const dir = mkdtempSync(join(tmpdir(), "shinko-print-"));
      writeFileSync(join(dir, "table.pdf"), pdf);
      const pageText = (n: number) =>
        execFileSync(PDFTOTEXT, ["-f", String(n), "-l", String(n), join(dir, "table.pdf"), "-"], {
          encoding: "utf8",
        });
      const info = execFileSync("pdfinfo", [join(dir, "table.pdf")], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(info).toMatch(/Page size:\s+119\d\.\d+ x 84\d\.\d+ pts \(A3\)/);
      const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
      texts.forEach((text, i) => {
        expect(text.replace(/\s/g, ""), `page ${i + 1}`).toContain(`${i + 1}/${pages}`);
        expect(text, `page ${i + 1}`).not.toContain("今年度");
      });
      // Page 2 starts inside strategy (1): its name is there although its cell began on page 1.
      const page2 = texts[1]!.replace(/\s/g, "");
      expect(page2).toContain("(1)イノベーション");
      expect(page2).toMatch(/[②③④]/);
      // Every page names a strategy, whichever page its cell began on.
      const strategies = await page
        .locator("td.c-strategy")
        .evaluateAll((cells) => cells.map((c) => c.firstChild!.textContent!.replace(/\s/g, "")));
      expect(strategies[0]).toBe("(1)イノベーション");
      for (const [i, text] of texts.entries()) {
        const flat = text.replace(/\s/g, "");
        expect(
          strategies.some((s) => flat.includes(s)),
          `page ${i + 1}`,
        ).toBe(true);
      }
      await page.close();
    },
  );

  it("gives every landmark on an action page its own name (axe landmark-unique)", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    for (const n of [1, 40]) {
      const response = await page.goto(`${base}/plans/kadoma/actions/${n}`);
      expect(response?.status()).toBe(200);
      expect(await page.getByRole("region", { name: "スケジュール", exact: true }).count()).toBe(1);
      expect(await axeViolations(page, { bestPractice: true }), `action ${n}`).toEqual([]);
    }
    await page.goto(`${base}/plans/kadoma/indicators`);
    expect(await axeViolations(page, { bestPractice: true }), "indicators").toEqual([]);
    await page.close();
  });
});
