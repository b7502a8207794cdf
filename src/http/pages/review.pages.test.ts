import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlan } from "../../core/plan/plan.service.js";
import { indicatorReport } from "../../core/indicators/report.js";
import { testDialects } from "../../test/databases.js";
import { messages } from "./i18n/i18n.js";
import { XSS, xssPlan, type PagesApp } from "./testing/page-fixtures.js";
import { startReviewedApp } from "./testing/review-fixtures.js";
import type { ChartSpec } from "./view/indicator-chart.js";

const html = { accept: "text/html" };

/** The chart specs of a page, by the aria-label of their figure. */
function charts(body: string): Map<string, ChartSpec> {
  const decode = (s: string) => s.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&amp;", "&");
  const out = new Map<string, ChartSpec>();
  for (const m of body.matchAll(
    /<div class="chart[^"]*" role="img" aria-label="([^"]*)" data-chart="([^"]*)" hidden>/g,
  )) {
    out.set(decode(m[1]!), JSON.parse(decode(m[2]!)) as ChartSpec);
  }
  return out;
}

const text = (body: string) => body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe.each(testDialects)("the yearly review's public pages on %s", (dialect) => {
  let t: PagesApp;
  let x: PagesApp;
  beforeAll(async () => {
    [t, x] = await Promise.all([startReviewedApp(dialect), startReviewedApp(dialect, xssPlan())]);
  });
  afterAll(async () => {
    await t?.close();
    await x?.close();
  });
  const get = (url: string, headers: Record<string, string> = html) =>
    t.app.inject({ method: "GET", url, headers });

  it("rates every indicator of FY 2025 and rolls the ratings up with the formula beside each figure", async () => {
    const res = await get("/plans/kadoma/indicators?fiscalYear=2025");
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["content-security-policy"])).not.toContain("unsafe-inline");
    const body = res.body;
    expect(body).toContain("<h1>指標の達成状況：令和7年度（2025年度）</h1>");
    // The chart script is a file from this origin, loaded only where charts are.
    expect(body).toMatch(/<script src="\/assets\/charts-[0-9a-f]{10}\.js" defer><\/script>/);
    expect(body).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)[^>]*>/);
    expect(body).toContain('<dd class="summary__value" data-progress="plan">88.8%</dd>');
    const report = indicatorReport(await getPlan(t.db.db, "kadoma"), 2025);
    // The page writes the core's formula, through the catalogue.
    expect(body).toContain(`<dd class="formula">${report.plan.formula}</dd>`);
    expect(report.plan.formula).toBe("Σ min(実績値 ÷ 目標値, 100%) ÷ 5（目標と実績のある指標の数） = 88.8%");
    const counts = Object.fromEntries(
      [...body.matchAll(/<li data-count="(\w+)">.*?<span class="rating-counts__n">(\d+)件<\/span>/g)].map(
        (m): [string, number] => [m[1]!, Number(m[2])],
      ),
    );
    expect(counts).toEqual({ on_track: 1, slightly_behind: 3, behind: 1, no_target: 29, no_actual: 0 });
    // Measure 2-1 (actions 13 …): two rated indicators, 89.5 %, its formula on the same row.
    expect(text(body)).toMatch(
      /① [^›]*?（P56） 2件 0件 2件 0件 0件 0件 89.5% Σ min\(実績値 ÷ 目標値, 100%\) ÷ 2（目標と実績のある指標の数） = 89.5%/,
    );
    expect(text(body)).toContain("(3) 基盤・集積強化");
  });

  it("shows an indicator without a target as 目標未設定, never 0 %", async () => {
    const body = (await get("/plans/kadoma/indicators?fiscalYear=2025")).body;
    const card = body.slice(body.indexOf('data-indicator="1/1"'), body.indexOf('data-indicator="1/2"'));
    expect(text(card)).toMatch(/目標値 — 実績値 — 達成率 — 評価 － 目標未設定/);
    expect(body).not.toMatch(/>0%</);
    const thirteen = body.slice(body.indexOf('data-indicator="13/1"'), body.indexOf('data-indicator="13/2"'));
    expect(text(thirteen)).toMatch(/目標値 105社 実績値 104社 達成率 99% 評価 △ やや遅れ/);
  });

  it("charts each indicator's baseline, actuals and targets by fiscal year, with the same figures in a table", async () => {
    const body = (await get("/plans/kadoma/actions/13")).body;
    expect(body).toMatch(/<script src="\/assets\/charts-/);
    const spec = charts(body).get(
      "ものづくり企業ネットワークの加入企業数の年度ごとの目標値と実績値のグラフ。同じ値を次の表に示しています。",
    );
    expect(spec).toEqual({
      kind: "indicator",
      categories: ["令和5年度", "令和6年度", "令和7年度"],
      series: [
        { name: "基準値", role: "baseline", values: [99, null, null] },
        { name: "実績値", role: "actual", values: [null, 101, 104] },
        { name: "目標値", role: "target", values: [null, null, 105] },
      ],
      unit: "社",
    });
    expect(text(body)).toMatch(/令和7年度 105社 104社 99% △ やや遅れ/);
    expect(text(body)).toMatch(/基準値（令和5年度） — 99社 — —/);
    // The evaluation in the plan's scale: its label, colour and meaning.
    expect(body).toMatch(/<rect [^>]*fill="#0055ad"><\/rect><\/svg>B<\/span>/);
    expect(text(body)).toContain("令和7年度 B 概ね計画どおり進んでいる 継続 現在の内容で継続する");
    expect(body).toContain('<a href="/plans/kadoma/actions/13/history">このアクションの変更履歴</a>');
    // An action without indicators loads no chart script.
    expect((await get("/plans/kadoma/actions/2")).body).not.toContain("/assets/charts-");
  });

  it("chooses the fiscal year, and refuses one it cannot read with 400 and the field marked", async () => {
    const reiwa6 = await get(`/plans/kadoma/indicators?fiscalYear=${encodeURIComponent("令和6年度")}`);
    expect(reiwa6.body).toContain("<h1>指標の達成状況：令和6年度（2024年度）</h1>");
    expect(reiwa6.body).toContain('<option value="2024" selected>');
    expect(reiwa6.body).toContain('data-progress="plan">算出なし</dd>');
    const bad = await get("/plans/kadoma/indicators?fiscalYear=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain("年度を読み取れません。");
    expect((await get("/plans/nowhere/indicators")).statusCode).toBe(404);
  });

  it("speaks English on the same URL, with the formula translated", async () => {
    const body = (await get("/plans/kadoma/indicators?fiscalYear=2025&lang=en")).body;
    expect(body).toContain("<h1>Indicator progress: FY2025 (令和7年度)</h1>");
    expect(body).toContain(
      "Σ min(actual ÷ target, 100%) ÷ 5 (indicators with a target and an actual) = 88.8%",
    );
    expect(body).toContain("Slightly behind");
    expect(messages("en").rating.no_target).toBe("No target set");
  });

  it("lists an action's versions and shows what changed between two, in words", async () => {
    const res = await get("/plans/kadoma/actions/13/history");
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toMatch(
      /第2版 令和8年3月20日 15:00 職員 年度の振り返りを公開 現状・実績、指標、評価/,
    );
    expect(body).toMatch(/第1版 令和7年3月10日 10:00 システム データの取り込み 作成/);
    // The public history names roles, never a staff member's e-mail address.
    expect(body).not.toContain("manager@city.example");
    // By default, the latest change: version 1 → 2.
    expect(body).toContain("第1版から第2版への違い");
    expect(res.body).toMatch(
      /<li class="diff diff--added" data-kind="added" data-path="records\[fiscalYear=2025,kind=result\]"><p class="diff__head"><span class="diff__kind">追加<\/span><span class="diff__path">現状・実績 › 令和7年度の実績<\/span>/,
    );
    expect(body).toContain("指標「ものづくり企業ネットワークの加入企業数」 › 年度ごとの値 › 令和7年度");
    expect(body).toMatch(/年度 令和7年度 目標値 105 実績値 104/);
    expect(body).toContain("評価 › 令和7年度");
    // Grades and directions by the plan's labels, not their codes.
    expect(body).toMatch(/評価 B 今後の方向性 継続 分析/);
    expect(body).toContain("・会員大会・定例会を開催。【加入企業数 104社】");

    const back = text((await get("/plans/kadoma/actions/13/history?from=2&to=1")).body);
    expect(back).toContain("第2版から第1版への違い");
    expect(back).toMatch(/削除 現状・実績 › 令和7年度の実績/);
    const same = text((await get("/plans/kadoma/actions/1/history")).body);
    expect(same).toContain("第1版 令和7年3月10日");
    expect(same).not.toContain("違いを表示する");

    const bad = await get("/plans/kadoma/actions/13/history?from=9&to=1");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("比べる版を選び直してください。");
    expect((await get("/plans/kadoma/actions/46/history")).statusCode).toBe(404);
  });

  it("compares the plan between two fiscal years or two dates: added, removed, changed", async () => {
    const res = await get("/plans/kadoma/compare?from=2024&to=2025");
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toContain("令和6年度末時点と令和7年度末時点の比較");
    expect(body).toMatch(/追加されたアクション 0件 削除されたアクション 0件 変更されたアクション 3件/);
    expect(
      [...res.body.matchAll(/<details class="compare-action" data-action="(\d+)">/g)].map((m) => m[1]),
    ).toEqual(["13", "16", "23"]);
    expect(body).toContain("掲載企業の追加。【令和7年度末現在 150社掲載】");
    // The default compares the end of last fiscal year with today.
    const byDefault = await get("/plans/kadoma/compare");
    expect(byDefault.body).toContain('value="2024"');
    expect(byDefault.body).toContain('value="2026-03-25"');
    expect(text(byDefault.body)).toContain("変更されたアクション 3件");
    // Before the import the plan did not exist: the page says so.
    const early = text((await get("/plans/kadoma/compare?from=2024-03-31&to=2025-03-10")).body);
    expect(early).toContain("令和6年3月31日時点には、この計画はまだ登録されていませんでした。");
    expect(early).toMatch(/追加されたアクション 45件/);
    const nothing = text((await get("/plans/kadoma/compare?from=2025-04-01&to=2025-12-31")).body);
    expect(nothing).toContain("2つの時点の計画に違いはありません。");
  });

  it("refuses a moment it cannot read with 400, naming the field", async () => {
    const res = await get(`/plans/kadoma/compare?from=${encodeURIComponent("令和0年度")}&to=2025-02-30`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("「比較元の時点」を読み取れません。");
    expect(res.body).toContain("「比較先の時点」を読み取れません。");
    expect(res.body.match(/aria-invalid="true"/g)).toHaveLength(2);
  });

  it("writes untrusted text as text on the review pages", async () => {
    for (const url of [
      "/plans/xss/indicators?fiscalYear=2024",
      "/plans/xss/actions/1",
      "/plans/xss/actions/1/history",
      "/plans/xss/compare?from=2024-03-31&to=2026-03-25",
    ]) {
      const res = await x.app.inject({ method: "GET", url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(XSS.script);
      expect(res.body, url).not.toContain("<img");
      expect(res.body, url).toMatch(/&lt;script>alert\(1\)&lt;\/script>|&lt;img src=x onerror=alert\(1\)>/);
    }
  });
});
