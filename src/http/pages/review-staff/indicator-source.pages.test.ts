import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import { systemActor } from "../../../core/audit/audit.js";
import type { Clock } from "../../../core/clock.js";
import { createCompany } from "../../../core/companies/company.service.js";
import { openCycle } from "../../../core/review/cycle.service.js";
import { publishReviews } from "../../../core/review/publish.js";
import { findReview } from "../../../core/review/review.repository.js";
import { approveReview, submitReview } from "../../../core/review/review.service.js";
import { sessionFor, testAccount, type Credentials } from "../../../test/accounts.js";
import { testDialects } from "../../../test/databases.js";
import { fixedClock, startPagesApp, type PagesApp } from "../testing/page-fixtures.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const URL16 = "/plans/kadoma/reviews/2025/actions/16";
/** Firms entered a month before the pages' clock (1 June 2025), so they count at that date. */
const MAY: Clock = { now: () => new Date("2025-05-01T00:00:00Z") };
const REASON = "市の掲載台帳では150社（登録データへの移行中）";

const text = (res: LightMyRequestResponse) =>
  res.body
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDialects)(
  "a computed actual on the review form and the indicators page on %s",
  (dialect) => {
    let t: PagesApp;
    let manager: Credentials;
    let owner: Credentials;
    const get = (url: string, who?: Credentials) =>
      t.app.inject({
        method: "GET",
        url,
        headers: { accept: "text/html", ...(who ? { cookie: who.cookie } : {}) },
      });
    const post = (url: string, who: Credentials, fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { ...FORM, cookie: who.cookie },
        payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString(),
      });
    const review = async () => (await findReview(t.db.db, "kadoma", 2025, 16))!;
    const fields = async (over: Record<string, string>) => ({
      baseVersion: String((await review()).version),
      results: "・掲載企業の追加。",
      challenges: "",
      grade: "",
      direction: "",
      analysis: "",
      "target-1": "140",
      "actual-1": "",
      intent: "save",
      ...over,
    });
    const addFirm = (id: string) =>
      t.db.db
        .transaction()
        .execute((trx) =>
          createCompany(trx, "272230", { id, name: `${id}製作所（架空）`, town: "宮野町" }, { clock: MAY }),
        );

    beforeAll(async () => {
      t = await startPagesApp(dialect);
      const db = t.db.db;
      manager = await sessionFor(
        db,
        await testAccount(db, { role: "plan_manager", email: "kanri@city.example" }),
      );
      const ownerAccount = await testAccount(db, { role: "action_owner", email: "tanto@city.example" });
      owner = await sessionFor(db, ownerAccount);
      const actor = { id: "kanri", role: "plan_manager" as const, name: "kanri@city.example" };
      await db
        .transaction()
        .execute((trx) =>
          openCycle(
            trx,
            "kadoma",
            { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
            { actor, clock: fixedClock },
          ),
        );
      await assignActionOwner(
        db,
        { planId: "kadoma", actionNumber: 16, accountId: ownerAccount.id },
        { actor: systemActor("test"), clock: fixedClock },
      );
    });
    afterAll(async () => t?.close());

    it("shows the count from an empty registry labelled as such, then the count once firms are entered", async () => {
      const empty = await get(URL16, owner);
      expect(empty.statusCode).toBe(200);
      expect(text(empty)).toContain("登録データからの算出値 0社（令和7年6月1日時点） 対象の記録 0件");
      expect(text(empty)).toContain(
        "登録データにまだ記録がありません。この0は「ない」ではなく「まだ登録していない」",
      );
      await addFirm("alpha");
      await addFirm("beta");
      const page = await get(URL16, owner);
      expect(text(page)).toContain("登録データからの算出値 2社（令和7年6月1日時点） 対象の記録 2件");
      expect(text(page)).not.toContain("登録データにまだ記録がありません");
      expect(page.body).toContain('<a href="/companies">算出の元になった記録を見る</a>');
      expect(text(page)).toContain("算出値 2社 を実績値として採用する");
    });

    it("stores the accepted count as the actual, with its as-of date", async () => {
      const res = await post(URL16, owner, await fields({ "source-1": "accepted", "actual-1": "999" }));
      expect(res.statusCode).toBe(303);
      const saved = (await review()).content.indicators[0]!;
      expect(saved).toMatchObject({
        code: "1",
        target: 140,
        actual: 2,
        fromSource: {
          decision: "accepted",
          computed: { source: "companies.listed", value: 2, asOf: "2025-06-01" },
        },
      });
      const page = await get(URL16, owner);
      expect(page.body).toMatch(/id="source-1-accepted"[^>]*checked/);
      expect(page.body).toMatch(/name="actual-1"[^>]*value="2"/);
    });

    it("refuses an override without a reason, naming the field; keeps the reason after a reload", async () => {
      const refused = await post(URL16, owner, await fields({ "source-1": "overridden", "actual-1": "150" }));
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('href="#reason-1"');
      expect(refused.body).toMatch(/id="reason-1"[^>]*aria-invalid="true"/);
      expect(refused.body).toMatch(/name="actual-1"[^>]*value="150"/);
      expect((await review()).content.indicators[0]!.actual).toBe(2);

      const saved = await post(
        URL16,
        owner,
        await fields({ "source-1": "overridden", "actual-1": "150", "reason-1": REASON }),
      );
      expect(saved.statusCode).toBe(303);
      expect((await review()).content.indicators[0]).toMatchObject({
        actual: 150,
        fromSource: { decision: "overridden", reason: REASON, computed: { value: 2 } },
      });
      const reloaded = await get(URL16, owner);
      expect(reloaded.body).toMatch(/id="source-1-overridden"[^>]*checked/);
      expect(text(reloaded)).toContain(REASON);
      const audit = await t.db.db
        .selectFrom("audit_log")
        .select(["kind", "details"])
        .where("kind", "like", "indicator_source.%")
        .orderBy("at")
        .execute();
      expect(audit.map((a) => a.kind)).toEqual(["indicator_source.accepted", "indicator_source.overridden"]);
      expect(audit[1]!.details).toContain(REASON);
    });

    it("shows the public the published figure and the live count, never the override's reason", async () => {
      const db = t.db.db;
      const actor = { id: "kanri", role: "plan_manager" as const, name: "kanri@city.example" };
      const ctx = { actor, clock: fixedClock };
      await db
        .transaction()
        .execute(async (trx) =>
          submitReview(trx, "kadoma", 2025, 16, (await findReview(trx, "kadoma", 2025, 16))!.version, ctx),
        );
      await db
        .transaction()
        .execute(async (trx) =>
          approveReview(trx, "kadoma", 2025, 16, (await findReview(trx, "kadoma", 2025, 16))!.version, ctx),
        );
      await db.transaction().execute((trx) => publishReviews(trx, "kadoma", 2025, ctx));
      // Staff read the decision on the published review, with its reason.
      expect(text(await get(URL16, manager))).toContain(REASON);

      const url = "/plans/kadoma/indicators?fiscalYear=2025";
      const card = (body: string) =>
        body.slice(body.indexOf('data-indicator="16/1"'), body.indexOf('data-indicator="17/'));
      const before = await get(url);
      expect(text({ body: card(before.body) } as LightMyRequestResponse)).toMatch(/実績値 150社/);
      expect(text({ body: card(before.body) } as LightMyRequestResponse)).toContain(
        "令和7年度の登録データからの算出値 2社（令和7年6月1日時点）",
      );
      expect(before.body).not.toContain(REASON);
      // The anonymous page is cached, but a new firm changes it.
      await addFirm("gamma");
      const after = await get(url);
      expect(text({ body: card(after.body) } as LightMyRequestResponse)).toContain(
        "3社（令和7年6月1日時点）",
      );

      // FY 2024 keeps the city's 136; the registry had nothing at its end, and says so.
      const fy2024 = card((await get("/plans/kadoma/indicators?fiscalYear=2024")).body);
      const words = text({ body: fy2024 } as LightMyRequestResponse);
      expect(words).toMatch(/実績値 136社/);
      expect(words).toContain("令和6年度の登録データからの算出値 0社（令和7年3月31日時点）");
      expect(words).toContain("登録データにまだ記録がありません");
    });
  },
);

describe.each(testDialects)("the binding page on %s", (dialect) => {
  let t: PagesApp;
  let manager: Credentials;
  const page = "/plans/kadoma/actions/28/indicators/1/source";
  const post = (fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: page,
      headers: { ...FORM, cookie: manager.cookie },
      payload: new URLSearchParams({ ...fields, _csrf: manager.csrf }).toString(),
    });

  beforeAll(async () => {
    t = await startPagesApp(dialect);
    manager = await sessionFor(t.db.db, await testAccount(t.db.db, { role: "plan_manager" }));
  });
  afterAll(async () => t?.close());

  it("binds an indicator to a source with its condition, names a condition the records do not know, and unbinds", async () => {
    const form = await t.app.inject({ method: "GET", url: page, headers: { cookie: manager.cookie } });
    expect(form.statusCode).toBe(200);
    expect(text(form)).toContain("工程別の掲載企業数（社）");
    const unknown = await post({ source: "companies.by_process", param: "空中浮遊" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toMatch(/id="param"[^>]*aria-invalid="true"/);
    expect(unknown.body).toContain('href="#param"');
    const saved = await post({ source: "companies.by_process", param: "切削加工" });
    expect(saved.statusCode).toBe(303);
    const doc = await t.app.inject({
      method: "GET",
      url: "/api/v1/plans/kadoma/actions/28/indicators/1/source",
    });
    expect(doc.json()).toMatchObject({
      binding: { source: "companies.by_process", params: { process: "切削加工" } },
    });
    expect((await post({ source: "" })).statusCode).toBe(303);
    const after = await t.app.inject({
      method: "GET",
      url: "/api/v1/plans/kadoma/actions/28/indicators/1/source",
    });
    expect(after.json()).toMatchObject({ binding: null });
  });
});
