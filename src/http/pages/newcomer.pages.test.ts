import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../core/accounts/session.service.js";
import { testAccount } from "../../test/accounts.js";
import { testDialects } from "../../test/databases.js";
import type { PagesApp } from "./testing/page-fixtures.js";
import { startPagesApp } from "./testing/page-fixtures.js";
import { startReviewedApp } from "./testing/review-fixtures.js";

const text = (body: string) =>
  body
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

// What a newcomer met first (issue 18): each as the page shows it.
describe.each(testDialects)("what a newcomer sees on %s", (dialect) => {
  let reviewed: PagesApp;
  let fresh: PagesApp;
  let staffCookie: string;
  beforeAll(async () => {
    reviewed = await startReviewedApp(dialect);
    fresh = await startPagesApp(dialect);
    const manager = await testAccount(reviewed.db.db, { role: "plan_manager" });
    const clock = { now: () => new Date("2026-03-25T03:00:00Z") };
    const session = await createSession(reviewed.db.db, manager.id, { ip: "127.0.0.1" }, undefined, clock);
    staffCookie = `shinko_session=${session.token}`;
  });
  afterAll(async () => {
    await reviewed.close();
    await fresh.close();
  });
  const get = (app: PagesApp, url: string, headers: Record<string, string> = {}) =>
    app.app.inject({ url, headers });

  it("answers wrong paths with the Japanese 404 page, also to clients that do not ask for HTML", async () => {
    for (const url of ["/plans/kadoma/", "/plans", "/admin"]) {
      for (const accept of [undefined, "*/*", "text/html"]) {
        const res = await get(fresh, url, accept ? { accept } : {});
        expect(res.statusCode, url).toBe(404);
        expect(res.headers["content-type"], url).toMatch(/^text\/html/);
        expect(text(res.body), url).toContain("ページが見つかりません");
      }
    }
    const api = await get(fresh, "/api/v1/nope");
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe("not_found");
    const json = await get(fresh, "/plans", { accept: "application/json" });
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("opens the indicators page on the latest year with targets and actuals", async () => {
    const page = await get(reviewed, "/plans/kadoma/indicators");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<option value="2025" selected/);
    expect(text(page.body)).toContain("令和7年度");
  });

  it("cites the city's document in Japanese and names the licence in the footer", async () => {
    const page = await get(fresh, "/plans/kadoma");
    const footer = page.body.slice(page.body.indexOf("<footer"));
    expect(text(footer)).toContain(
      "出典：門真市「門真市ものづくり産業振興計画アクションプラン」（令和7年2月末時点）の公表資料の表",
    );
    expect(footer).not.toMatch(/data\/sources|the city's/);
    expect(footer).toContain(
      '<a href="https://creativecommons.org/licenses/by/4.0/deed.ja" rel="license">クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）</a>',
    );
    expect(text(footer)).toContain("政府標準利用規約（第2.0版）と互換");
  });

  it("shows the as-of date of the latest published year on the home page and in the downloads' names", async () => {
    const home = await get(reviewed, "/");
    expect(home.body).toMatch(/<time datetime="2026-02-28">/i);
    expect(home.body).not.toMatch(/datetime="2025-02-28"/i);
    const csv = await get(reviewed, "/api/v1/plans/kadoma/export.csv");
    expect(csv.headers["content-disposition"]).toContain("kadoma_2026-02-28.csv");
    const before = await get(fresh, "/api/v1/plans/kadoma/export.csv");
    expect(before.headers["content-disposition"]).toContain("kadoma_2025-02-28.csv");
  });

  it("leads signed-in staff to the review from the public pages' header and footer; the public sees no such link", async () => {
    const staff = await get(reviewed, "/plans/kadoma/table", { cookie: staffCookie });
    expect(staff.statusCode).toBe(200);
    const header = staff.body.slice(staff.body.indexOf("<header"), staff.body.indexOf("</header>"));
    const footer = staff.body.slice(staff.body.indexOf("<footer"));
    expect(header).toContain('<a href="/plans/kadoma/reviews">年度の振り返り（職員）</a>');
    expect(footer).toContain('<a href="/plans/kadoma/reviews">年度の振り返り（職員）</a>');
    const home = await get(reviewed, "/", { cookie: staffCookie });
    expect(home.body).toContain('<a href="/account">アカウント</a>');
    const anonymous = await get(reviewed, "/plans/kadoma/table");
    expect(anonymous.body).not.toContain('href="/plans/kadoma/reviews"');
    expect(anonymous.body).toContain("職員の方（ログイン）");
  });

  it("in the review: untouched reviews name no editor, no publish button for 0, last year's results beside the form", async () => {
    const cycle = await get(reviewed, "/plans/kadoma/reviews/2025", { cookie: staffCookie });
    expect(cycle.statusCode).toBe(200);
    const row12 = cycle.body.slice(cycle.body.indexOf('data-action="12"'));
    expect(text(row12.slice(0, row12.indexOf("</tr>")))).toContain("未編集");
    expect(text(cycle.body)).not.toContain("承認済みの0件を公開する");
    expect(text(cycle.body)).toContain("承認済みの振り返りはまだありません。");
    const form = await get(reviewed, "/plans/kadoma/reviews/2025/actions/12", { cookie: staffCookie });
    expect(text(form.body)).toContain("前年度（令和6年度）の実績");
    expect(text(form.body)).toContain("未編集");
  });
});
