import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium; `npm test` (scripts/test.js) installs it where it can, else says tests are skipped. */
export const CHROMIUM =
  process.env.SHINKO_CHROMIUM ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : "");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export const SCREENSHOTS = fileURLToPath(new URL("../../../../docs/screenshots/", import.meta.url));

/** Saves a screenshot of the page's top (at most `maxHeight` px of it) in docs/screenshots/. */
export async function screenshot(page: Page, name: string, maxHeight = 3000): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width } = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: `${SCREENSHOTS}${name}.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) },
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** poppler's pdftotext, to read a printed PDF's text (scripts/test.js installs it with Chromium). */
export const PDFTOTEXT = existsSync("/usr/bin/pdftotext") ? "/usr/bin/pdftotext" : "";

/**
 * Runs axe-core on the page against WCAG 2.x A and AA (what JIS X 8341-3 requires), and with
 * `bestPractice` also axe's best practices (landmark-unique and the like). Evaluated
 * through the DevTools protocol, so the page's CSP stays as it is.
 */
export async function axeViolations(
  page: Page,
  { bestPractice = false }: { bestPractice?: boolean } = {},
): Promise<string[]> {
  await page.evaluate(axeSource);
  const tags = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    ...(bestPractice ? ["best-practice"] : []),
  ];
  const violations = await page.evaluate(async (values) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values },
    });
    return result.violations;
  }, tags);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
}
