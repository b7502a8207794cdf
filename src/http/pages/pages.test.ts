import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/databases.js";
import { kadoma, smallPlan } from "../../test/fixtures.js";
import { startPagesApp, XSS, xssPlan, type PagesApp } from "./testing/page-fixtures.js";

const html = { accept: "text/html" };

describe.each(testDialects)("pages on %s", (dialect) => {
  let t: PagesApp;
  beforeAll(async () => {
    const small = smallPlan();
    // A measure with no action yet, and a strategy with no measure: the table keeps their rows.
    small.strategies.push({ code: "2", name: "空の戦略", subtitle: "" });
    small.measures.push({ code: "1-2", strategy: "1", name: "空の施策", page: null });
    t = await startPagesApp(dialect, [kadoma(), xssPlan(), small]);
  });
  afterAll(async () => t.close());

  const get = (url: string, headers: Record<string, string> = html) =>
    t.app.inject({ method: "GET", url, headers });

  it("answers every page with HTML in Japanese, under a CSP that allows no inline script", async () => {
    for (const url of [
      "/",
      "/plans/kadoma",
      "/plans/kadoma/table",
      "/plans/kadoma/roadmap",
      "/plans/kadoma/actions/1",
      "/plans/kadoma/search?q=万博",
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.body).toMatch(/^<!DOCTYPE html><html lang="ja">/);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      // Every script is a file from this origin.
      expect(res.body).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)[^>]*>/);
    }
  });

  it("lists the plans on the home page with a way into each", async () => {
    const res = await get("/");
    expect(res.body).toContain('href="/plans/kadoma"');
    expect(res.body).toContain("「門真市ものづくり産業振興計画アクションプラン」を見る");
  });

  it("shows the overview's figures and the fiscal year both ways", async () => {
    const body = (await get("/plans/kadoma")).body;
    expect(body).toContain("令和6年度〜令和10年度（2024〜2028年度）");
    expect(body).toContain("令和7年2月28日");
    // FY 2025 on the fixed clock: 今年度の予定
    expect(body).toContain("今年度の予定：令和7年度（2025年度）");
    expect(body).toMatch(/data-count="priority"[^>]*>.*?29</s);
  });

  it("counts on the overview agree with what the search finds", async () => {
    const body = (await get("/plans/kadoma")).body;
    const counts = [
      ...body.matchAll(/<a href="(\/plans\/kadoma\/search[^"]*)" data-count="[a-zA-Z]+">(\d+)件<\/a>/g),
    ].map((m) => ({ href: m[1]!, n: m[2]! }));
    // 15 measures × 4 counts and 3 strategy totals × 4 counts
    expect(counts).toHaveLength(72);
    const figures = [
      ...body.matchAll(
        /<a href="([^"]+)" data-count="\w+"><span class="figures__label">[^<]*<\/span><span class="figures__value">(\d+)</g,
      ),
    ].map((m) => ({ href: m[1]!, n: m[2]! }));
    expect(figures.map((f) => f.n)).toEqual(["45", "29", "9", "4"]);
    for (const { href, n } of [...counts, ...figures]) {
      const search = await get(href.replaceAll("&amp;", "&"));
      expect(search.body, href).toContain(`data-total="${n}"`);
    }
  });

  it("lays the official table out with 45 actions, spanning strategy, measure and schedule cells", async () => {
    const body = (await get("/plans/kadoma/table")).body;
    expect(body.match(/<tr id="a\d+" data-action="\d+">/g)).toHaveLength(45);
    expect(body.match(/class="c-strategy" rowspan="12"/g)).toHaveLength(1);
    expect(body).toContain('class="c-measure" rowspan="2"');
    // Action 3: 検討・実施 from R7 to R10, one cell spanning four years.
    expect(body).toMatch(
      /<td colspan="4" class="c-sched tentative now" headers="[^"]*\btr_a3">検討・実施<\/td>/,
    );
    expect(body.match(/>◎</g)).toHaveLength(29);
    expect(body.match(/>再掲<\/a>/g)).toHaveLength(4);
    expect(body).toContain("令和6年度実績（※令和7年2月28日時点）");
  });

  it("keeps a measure without actions and a strategy without measures in the table", async () => {
    const body = (await get("/plans/testshi/table")).body;
    expect(body.match(/<tr data-action="\d+"|<tr id="a\d+"/g)).toHaveLength(2);
    expect(body).toContain("② 空の施策");
    expect(body).toContain("(2) 空の戦略");
    expect((await get("/plans/testshi/roadmap")).statusCode).toBe(200);
    expect((await get("/plans/testshi")).statusCode).toBe(200);
  });

  it("draws one roadmap bar per schedule span and marks the current fiscal year", async () => {
    const body = (await get("/plans/kadoma/roadmap")).body;
    expect(body.match(/class="rm-bar /g)).toHaveLength(59);
    expect(body).toMatch(
      /class="rm-year now c-3 s-1"><span class="rm-year__era">令和7年度<\/span><span class="rm-year__western">2025<\/span>/,
    );
    expect(body).toContain("平成30年度から実施");
    expect(body).toContain("令和7年度開始"); // action 12 starts inside the plan
  });

  it("shows everything about an action, with the relisting both ways", async () => {
    const one = (await get("/plans/kadoma/actions/1")).body;
    expect(one).toContain("【令和6年度 13件認定(投資額計約4.26億円)】");
    expect(one).toContain("現状（令和5年度末時点まで）");
    expect(one).toContain('href="/plans/kadoma/actions/24"');
    expect(one).toContain('rel="next"');
    // 指標: read from the records, with the clause it came from.
    expect(one).toMatch(/<caption id="indicator-0" class="visually-hidden">先端設備等導入計画の認定件数/);
    expect(one).toMatch(
      /<td>17件<\/td><td>—<\/td><td>—<\/td><td class="indicator__evidence">【令和5年度 17件認定/,
    );
    expect(one).toMatch(/<th scope="row">令和6年度<\/th><td>—<\/td><td>13件<\/td>/);
    const forty = (await get("/plans/kadoma/actions/40")).body;
    expect(forty).toContain('href="/plans/kadoma/actions/11"');
    expect(forty).toContain("この項目（名称）は、原資料の別の箇所から復元しました。");
  });

  it("shows an action's evaluation in the plan's own scales", async () => {
    const body = (await get("/plans/xss/actions/1")).body;
    expect(body).toMatch(
      /<span class="grade" data-grade="A"><svg[^>]*><rect [^>]*fill="#197a4b"><\/rect><\/svg>A<\/span><span class="evaluation__meaning">計画どおり、または計画以上に進んでいる<\/span><\/td><td><span class="direction">継続<\/span>/,
    );
  });

  it("searches two-character words and combines filters like the API", async () => {
    const page = (await get("/plans/kadoma/search?q=万博")).body;
    expect(page).toContain('data-total="6"');
    expect(page).toContain("<mark>万博</mark>");
    const api = await get("/api/v1/plans/kadoma/actions?q=万博&strategy=3", {});
    const filtered = (await get("/plans/kadoma/search?q=万博&strategy=3&priority=&lang=ja")).body;
    expect(filtered).toContain(`data-total="${api.json<{ total: number }>().total}"`);
    const relisted = (await get("/plans/kadoma/search?relisted=true")).body;
    expect([...relisted.matchAll(/data-action="(\d+)"/g)].map((m) => m[1])).toEqual(["24", "31", "40", "42"]);
  });

  it("refuses a bad filter with 400, naming the field on the page", async () => {
    const res = await get("/plans/kadoma/search?fiscalYear=令和0年度");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("「予定のある年度」の値を読み取れません。");
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("switches to English with ?lang=en and remembers it in a cookie, on the same URL", async () => {
    const res = await get("/plans/kadoma?lang=en");
    expect(res.body).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(res.body).toContain("FY2024–FY2028 (令和6年度〜令和10年度)");
    expect(res.headers["set-cookie"]).toMatch(/^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);
    const next = await get("/plans/kadoma/roadmap", { ...html, cookie: "lang=en" });
    expect(next.body).toContain("<h1>Roadmap</h1>");
    expect(next.headers.vary).toContain("Cookie");
  });

  it("answers unknown pages with a 404 page, and API clients with JSON", async () => {
    for (const url of [
      "/plans/nowhere",
      "/plans/Bad_Id",
      "/plans/kadoma/actions/46",
      "/plans/kadoma/actions/abc",
      "/nope",
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain("<h1>ページが見つかりません</h1>");
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await get("/plans/kadoma/actions/46")).body).toContain(
      "アクション「46」はこの計画にありません。",
    );
    const api = await get("/nope", { accept: "application/json" });
    expect(api.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("serves the bundles with long caching, and keeps the table page under 300 KB with no web fonts", async () => {
    const page = await get("/plans/kadoma/table");
    const assets = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    let total = Buffer.byteLength(page.body);
    for (const url of assets) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toContain("immutable");
      expect(res.body).not.toMatch(/@font-face|\.woff2?\b/);
      total += Buffer.byteLength(res.body);
    }
    console.info(`table page: ${Buffer.byteLength(page.body)} B HTML, ${total} B with CSS and JS`);
    expect(total).toBeLessThan(300 * 1024);
  });

  it("writes every untrusted text as text on every page", async () => {
    const pages = [
      "/",
      "/plans/xss",
      "/plans/xss/table",
      "/plans/xss/roadmap",
      "/plans/xss/actions/1",
      "/plans/xss/actions/24",
      `/plans/xss/search?q=${encodeURIComponent("<script>")}`,
      `/plans/xss/search?q=${encodeURIComponent(XSS.img)}&tag=${encodeURIComponent(XSS.img)}`,
    ];
    for (const url of pages) {
      const body = (await get(url)).body;
      // No tag is opened by the data: "<" is always written as &lt; (">" and quotes in text are inert).
      expect(body, url).not.toContain(XSS.script);
      expect(body, url).not.toContain("<img");
      expect(body, url).toMatch(/&lt;script>alert\(1\)&lt;\/script>|&lt;img src=x onerror=alert\(1\)>/);
    }
  });
});
