import type { LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import type { Account } from "../../../core/accounts/account.model.js";
import { systemActor } from "../../../core/audit/audit.js";
import { listProposals } from "../../../core/indicators/proposals.service.js";
import { getPlan } from "../../../core/plan/plan.service.js";
import { findReview } from "../../../core/review/review.repository.js";
import { sessionFor, testAccount, type Credentials } from "../../../test/accounts.js";
import { testDialects } from "../../../test/databases.js";
import { fixedClock, startPagesApp, XSS, type PagesApp } from "../testing/page-fixtures.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const FY = 2025;

/** The text a person reads on the page (tags removed, entities of the escaping undone). */
const text = (res: LightMyRequestResponse) =>
  res.body
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** The value of a hidden or text input of a page. */
const inputValue = (res: LightMyRequestResponse, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(res.body)?.[1];

// Each test starts from its own app and database with Kadoma's plan and three accounts, and takes
// the review as far as it needs through the helpers below: none depends on what another left
// behind (vitest --sequence.shuffle runs them in any order).
describe.each(testDialects)("the review's staff pages on %s", (dialect) => {
  let t: PagesApp;
  let manager: Credentials;
  let owner: Credentials;
  let viewer: Credentials;
  let ownerAccount: Account;

  const get = (url: string, who?: Credentials) =>
    t.app.inject({
      method: "GET",
      url,
      headers: { accept: "text/html", ...(who ? { cookie: who.cookie } : {}) },
    });
  const post = (url: string, who: Credentials, fields: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { ...FORM, cookie: who.cookie },
      payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString(),
    });
  const review = (n: number) => findReview(t.db.db, "kadoma", FY, n);
  const form = `/plans/kadoma/reviews/${FY}/actions/13`;
  /** The fields of the review form of action 13 as a person fills them in. */
  const filled = (baseVersion: number, over: Record<string, string> = {}) => ({
    baseVersion: String(baseVersion),
    results: "・会員大会・定例会を開催。【加入企業数 104社】",
    challenges: "参加率の向上\n新規加入の勧誘",
    grade: "B",
    direction: "continue",
    analysis: "加入企業は増えた。",
    "target-1": "105",
    "actual-1": "104",
    "target-2": "",
    "actual-2": "",
    intent: "save",
    ...over,
  });

  /** Opens FY 2025 through the form, as a plan manager does. */
  const openYear = async () => {
    const res = await post("/plans/kadoma/reviews", manager, {
      fiscalYear: String(FY),
      asOf: "2026-02-28",
      deadline: "2026-03-15",
    });
    expect(res.statusCode).toBe(303);
  };
  /** Opens the year; action 13's owner fills in and submits the review; the manager approves it. */
  const approve13 = async () => {
    await openYear();
    const submitted = await post(form, owner, filled((await review(13))!.version, { intent: "submit" }));
    expect(submitted.statusCode).toBe(303);
    const approved = await post(`${form}/approve`, manager, {
      baseVersion: String((await review(13))!.version),
    });
    expect(approved.statusCode).toBe(303);
  };
  /** …and publishes it: action 13 is at version 2, with 加入企業数 104社 in its FY 2025 results. */
  const publish13 = async () => {
    await approve13();
    const published = await post(`/plans/kadoma/reviews/${FY}/publish`, manager, { confirmed: "yes" });
    expect(published.statusCode).toBe(303);
  };

  beforeEach(async () => {
    t = await startPagesApp(dialect);
    const db = t.db.db;
    manager = await sessionFor(
      db,
      await testAccount(db, { role: "plan_manager", email: "kanri@city.example", displayName: "計画 管理" }),
    );
    ownerAccount = await testAccount(db, {
      role: "action_owner",
      email: "tanto@city.example",
      displayName: `${XSS.script} 担当`,
    });
    owner = await sessionFor(db, ownerAccount);
    viewer = await sessionFor(db, await testAccount(db, { role: "viewer" }));
    await assignActionOwner(
      db,
      { planId: "kadoma", actionNumber: 13, accountId: ownerAccount.id },
      {
        actor: systemActor("test"),
        clock: fixedClock,
      },
    );
  });
  afterEach(async () => {
    await t?.close();
  });

  it("sends a visitor to sign in, and refuses a viewer's change", async () => {
    const res = await get("/plans/kadoma/reviews");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/sign-in?next=%2Fplans%2Fkadoma%2Freviews");
    const page = await get("/plans/kadoma/reviews", viewer);
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).not.toContain('action="/plans/kadoma/reviews"');
    const refused = await post("/plans/kadoma/reviews", viewer, {
      fiscalYear: "2025",
      asOf: "2026-02-28",
      deadline: "2026-03-15",
    });
    expect(refused.statusCode).toBe(403);
    expect(text(refused)).toContain("このページは「計画管理者」以上の権限が必要です。");
  });

  it("opens FY 2025 from the form, naming a wrong field and keeping what was typed", async () => {
    const bad = await post("/plans/kadoma/reviews", manager, {
      fiscalYear: "2025",
      asOf: "2027-12-01",
      deadline: "2026-03-15",
    });
    expect(bad.statusCode).toBe(400);
    // The core's refusal, told in Japanese through the catalogue.
    expect(bad.body).toMatch(
      /<a href="#asOf">令和7年度（2025-04-01〜2026-03-31）か、その後6か月以内の日付にしてください。/,
    );
    expect(bad.body).toContain('aria-invalid="true" aria-describedby="asOf-hint asOf-error"');
    expect(inputValue(bad, "deadline")).toBe("2026-03-15");
    // The clock reads 1 June 2025: a deadline before it is refused, naming the field.
    const past = await post("/plans/kadoma/reviews", manager, {
      fiscalYear: "2025",
      asOf: "2026-02-28",
      deadline: "2025-05-31",
    });
    expect(past.statusCode).toBe(400);
    expect(past.body).toMatch(
      /<a href="#deadline">提出の締切に過去の日付は指定できません（今日は令和7年6月1日です）/,
    );
    const res = await post("/plans/kadoma/reviews", manager, {
      fiscalYear: "2025",
      asOf: "2026-02-28",
      deadline: "2026-03-15",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/plans/kadoma/reviews/${FY}?done=opened`);
    const cycle = await get(res.headers.location!, manager);
    expect(text(cycle)).toContain("令和7年度（2025年度）の振り返りを始めました。");
    expect(text(cycle)).toContain("実績の時点：令和8年2月28日 締切：令和8年3月15日");
    expect(cycle.body).toContain('data-progress="updated">0 / 45件');
    expect(cycle.body).toContain('<td data-count="not_started">45</td>');
    const list = await get("/plans/kadoma/reviews", viewer);
    expect(text(list)).toContain("令和7年度（2025年度）の振り返り 令和8年2月28日 令和8年3月15日 受付中");
    // A year is opened once; the form offers only the others.
    expect(list.body).not.toContain('<option value="2025"');
  });

  it("copies forward only blanks and keeps the review lacking an update", async () => {
    await openYear();
    const res = await post(`/plans/kadoma/reviews/${FY}/copy-forward`, owner);
    expect(res.statusCode).toBe(303);
    // The owner's copy forward touches only the owner's action.
    expect(res.headers.location).toBe(`/plans/kadoma/reviews/${FY}?done=copied&n=1`);
    const r13 = (await review(13))!;
    expect(r13.content.results).toContain("101社が加入");
    expect(r13.status).toBe("not_started");
    expect((await review(12))!.content.results).toBe("");
    const mine = await get(`/plans/kadoma/reviews/${FY}?show=mine`, owner);
    expect(text(mine)).toContain("45件中 1件を表示");
    expect(mine.body).toContain('data-action="13" data-status="not_started"');
    // The owner's name is shown as text, never as markup.
    expect(mine.body).toContain("&lt;script>alert(1)&lt;/script> 担当");
    expect(mine.body).not.toContain(XSS.script);
  });

  it("names an unreadable number by its field and loses nothing", async () => {
    await openYear();
    const version = (await review(13))!.version;
    const res = await post(form, owner, filled(version, { "actual-1": "百四", analysis: "残す文章" }));
    expect(res.statusCode).toBe(400);
    // The summary names the field, then says what is wrong.
    expect(res.body).toMatch(/<a href="#actual-1">「[^」<]+」の実績値：数値で入力してください/);
    expect(res.body).toMatch(/id="actual-1"[^>]*value="百四" aria-invalid="true"/);
    expect(res.body).toContain(">残す文章</textarea>");
    expect((await review(13))!.version).toBe(version);
    // Submitting without results: refused at the field, and the save before it undone.
    const empty = await post(
      form,
      owner,
      filled(version, { results: " ", analysis: "残す文章", intent: "submit" }),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<a href="#results">実績：提出する前に実績を書いてください。/);
    expect(empty.body).toContain(">残す文章</textarea>");
    expect(await review(13)).toMatchObject({ version, status: "not_started" });
  });

  it("refuses a save on top of someone else's, shows their change beside yours, then saves deliberately", async () => {
    await openYear();
    const start = (await review(13))!.version;
    const page = await get(form, owner);
    expect(inputValue(page, "baseVersion")).toBe(String(start));
    expect(text(page)).toContain("計画どおり、または計画以上に進んでいる");
    const first = await post(form, manager, filled(start, { results: "管理者の実績 104社" }));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${form}?done=saved`);
    const second = await post(
      form,
      owner,
      filled(start, { results: "担当者の実績 105社", analysis: "担当者の分析" }),
    );
    expect(second.statusCode).toBe(409);
    const words = text(second);
    expect(words).toContain("ほかの人が先に保存したため、保存しませんでした");
    expect(words).toContain("計画 管理（計画管理者） さんが 令和7年6月1日 12:00 に保存しています");
    expect(words).not.toContain("kanri@city.example");
    expect(words).toMatch(/実績 違いあり 管理者の実績 104社 担当者の実績 105社/);
    expect(words).toMatch(/分析 違いあり 加入企業は増えた。 担当者の分析/);
    expect(words).toMatch(/「ものづくり企業ネットワークの加入企業数」の実績値 104 同じ/);
    expect(second.body).toContain(">担当者の実績 105社</textarea>");
    expect(inputValue(second, "baseVersion")).toBe(String(start + 1));
    expect((await review(13))!.content.results).toBe("管理者の実績 104社");
    const again = await post(form, owner, filled(start + 1, { results: "担当者の実績 105社" }));
    expect(again.statusCode).toBe(303);
    expect((await review(13))!.content.results).toBe("担当者の実績 105社");
  });

  it("keeps drafts off the public pages", async () => {
    await openYear();
    const saved = await post(
      form,
      owner,
      filled((await review(13))!.version, { results: "担当者の実績 105社" }),
    );
    expect(saved.statusCode).toBe(303);
    expect((await review(13))!.content.results).toBe("担当者の実績 105社");
    const res = await get("/plans/kadoma/actions/13");
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("担当者の実績 105社");
  });

  it("submits, refuses a return without a reason, returns, approves and publishes", async () => {
    await openYear();
    let r = (await review(13))!;
    const submitted = await post(
      form,
      owner,
      filled(r.version, { results: "担当者の実績 105社", intent: "submit" }),
    );
    expect(submitted.statusCode).toBe(303);
    expect((await review(13))!.status).toBe("submitted");
    const owners = await get(`${form}?done=submitted`, owner);
    expect(text(owners)).toContain("この振り返りは「提出済み」のため、今は編集できません。");
    expect(owners.body).not.toContain(`action="${form}/approve"`);
    r = (await review(13))!;
    const noReason = await post(`${form}/return`, manager, { baseVersion: String(r.version), comment: " " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(
      /<a href="#comment">差し戻しの理由（担当者に伝えること）：差し戻しの理由を書いてください。/,
    );
    const returned = await post(`${form}/return`, manager, {
      baseVersion: String(r.version),
      comment: "根拠を追記",
    });
    expect(returned.statusCode).toBe(303);
    const back = await get(form, owner);
    expect(text(back)).toContain("差し戻しの理由 根拠を追記");
    r = (await review(13))!;
    expect((await post(form, owner, filled(r.version, { intent: "submit" }))).statusCode).toBe(303);
    r = (await review(13))!;
    const stale = await post(`${form}/approve`, manager, { baseVersion: String(r.version - 1) });
    expect(stale.statusCode).toBe(409);
    expect(text(stale)).toContain("ほかの人がこの振り返りを変更しました");
    expect((await post(`${form}/approve`, manager, { baseVersion: String(r.version) })).statusCode).toBe(303);
    const cycle = await get(`/plans/kadoma/reviews/${FY}`, manager);
    expect(cycle.body).toContain('data-progress="approved">1 / 45件');
    expect(text(cycle)).toContain("承認済みの1件を公開する");
    // Publishing asks first, without JavaScript: a page with the real button, nothing published yet.
    const ask = await get(`/plans/kadoma/reviews/${FY}?confirm=publish`, manager);
    expect(text(ask)).toContain("承認済みの1件を公開しますか");
    expect(ask.body).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    const unconfirmed = await post(`/plans/kadoma/reviews/${FY}/publish`, manager);
    expect(unconfirmed.statusCode).toBe(200);
    expect(text(unconfirmed)).toContain("承認済みの1件を公開しますか");
    expect((await review(13))!.status).toBe("approved");
    const published = await post(`/plans/kadoma/reviews/${FY}/publish`, manager, { confirmed: "yes" });
    expect(published.headers.location).toBe(`/plans/kadoma/reviews/${FY}?done=published&n=1`);
    const nothing = await post(`/plans/kadoma/reviews/${FY}/publish`, manager, { confirmed: "yes" });
    expect(nothing.statusCode).toBe(409);
    expect(text(nothing)).toContain("公開できる承認済みの振り返りはありません。");
    const action = await get("/plans/kadoma/actions/13");
    expect(text(action)).toContain("加入企業数 104社");
    const doc = await getPlan(t.db.db, "kadoma");
    const indicator = doc.actions.find((a) => a.number === 13)!.indicators[0]!;
    expect(indicator.values.find((v) => v.fiscalYear === FY)).toMatchObject({ target: 105, actual: 104 });
  });

  it("offers plan managers a confirmed restore of an old version, from the history page", async () => {
    await publish13();
    expect(text(await get("/plans/kadoma/actions/13"))).toContain("加入企業数 104社");
    const history = "/plans/kadoma/actions/13/history";
    expect((await get(history)).body).not.toContain("/restore?version=");
    expect((await get(history, owner)).body).not.toContain("/restore?version=");
    const managers = await get(history, manager);
    expect(managers.body).toContain('href="/plans/kadoma/actions/13/restore?version=1">第1版に戻す</a>');
    const confirm = await get("/plans/kadoma/actions/13/restore?version=1", manager);
    expect(confirm.statusCode).toBe(200);
    expect(text(confirm)).toContain("第2版から第1版への違い");
    expect(inputValue(confirm, "baseVersion")).toBe("2");
    expect((await get("/plans/kadoma/actions/13/restore?version=1", owner)).statusCode).toBe(403);
    const stale = await post("/plans/kadoma/actions/13/restore", manager, { version: "1", baseVersion: "1" });
    expect(stale.statusCode).toBe(409);
    expect(text(stale)).toContain("このページを開いた後にアクションが変更されました");
    const done = await post("/plans/kadoma/actions/13/restore", manager, { version: "1", baseVersion: "2" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${history}?from=2&to=3&restored=1#diff`);
    expect(text(await get(done.headers.location!, manager))).toContain("第1版の内容に戻しました（第3版）。");
    expect(text(await get("/plans/kadoma/actions/13"))).not.toContain("加入企業数 104社");
  });

  it("lets a plan manager accept, correct and reject indicator proposals", async () => {
    const list = await get("/plans/kadoma/indicator-proposals", manager);
    expect(list.statusCode).toBe(200);
    expect((await get("/plans/kadoma/indicator-proposals", owner)).statusCode).toBe(403);
    const [first, second] = (await listProposals(t.db.db, "kadoma")).filter((p) => p.status === "proposed");
    expect(list.body).toContain(`data-proposal="${first!.id}"`);
    const url = `/plans/kadoma/indicator-proposals/${encodeURIComponent(first!.id)}`;
    const detail = await get(url, manager);
    expect(text(detail)).toContain(first!.excerpt);
    const missing = await post(`${url}/accept`, manager, {
      as: "actual",
      indicatorCode: "",
      value: "12",
      fiscalYear: "令和6年度",
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/<a href="#name">新しい指標の名前を書いてください。/);
    expect(inputValue(missing, "value")).toBe("12");
    const accepted = await post(`${url}/accept`, manager, {
      as: "actual",
      indicatorCode: "",
      name: "表の確認件数",
      kind: "activity",
      value: "12",
      fiscalYear: "令和6年度",
    });
    expect(accepted.statusCode).toBe(303);
    expect(text(await get(accepted.headers.location!, manager))).toContain(
      "採用して指標「表の確認件数」に加えました。",
    );
    const doc = await getPlan(t.db.db, "kadoma");
    const made = doc.actions
      .find((a) => a.number === first!.actionNumber)!
      .indicators.find((i) => i.name === "表の確認件数")!;
    expect(made.values).toEqual([expect.objectContaining({ fiscalYear: 2024, actual: 12 })]);
    const rejectUrl = `/plans/kadoma/indicator-proposals/${encodeURIComponent(second!.id)}/reject`;
    // The form carries the version the page showed.
    expect(
      inputValue(
        await get(`/plans/kadoma/indicator-proposals/${encodeURIComponent(second!.id)}`, manager),
        "baseVersion",
      ),
    ).toBe("0");
    const rejected = await post(rejectUrl, manager, { note: "日付", baseVersion: "0" });
    expect(rejected.statusCode).toBe(303);
    const after = (await listProposals(t.db.db, "kadoma")).find((p) => p.id === second!.id)!;
    expect(after).toMatchObject({ status: "rejected", note: "日付", version: 1 });
    // A second manager who opened the page before that decision: refused, the first note kept.
    const stale = await post(rejectUrl, manager, { note: "重複", baseVersion: "0" });
    expect(stale.statusCode).toBe(400);
    expect(text(stale)).toContain("このページを開いた後に、ほかの人がこの候補を判断しました。");
    expect((await listProposals(t.db.db, "kadoma")).find((p) => p.id === second!.id)).toMatchObject({
      note: "日付",
      version: 1,
    });
  });

  it("closes the cycle: the form turns read-only", async () => {
    await openYear();
    expect((await get(form, owner)).body).toContain("<textarea");
    expect((await post(`/plans/kadoma/reviews/${FY}/close`, manager)).statusCode).toBe(303);
    const page = await get(`/plans/kadoma/reviews/${FY}/actions/12`, manager);
    expect(text(page)).toContain("この年度の振り返りは締め切られています。");
    expect(page.body).not.toContain("<textarea");
  });

  it("answers in English with ?lang=en", async () => {
    await openYear();
    const page = await get(`/plans/kadoma/reviews/${FY}?lang=en`, manager);
    expect(text(page)).toContain("Review of FY2025 (令和7年度)");
    expect(text(page)).toContain("Updated");
  });
});
