import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../core/plan/plan.service.js";
import type { Db } from "../core/plan/plan.repository.js";
import { copyForward } from "../core/review/copy-forward.js";
import { openCycle } from "../core/review/cycle.service.js";
import { publishReviews } from "../core/review/publish.js";
import type { Actor } from "../core/review/review.permissions.js";
import { findReview } from "../core/review/review.repository.js";
import { EMPTY_CONTENT } from "../core/review/review.schema.js";
import { approveReview, returnReview, saveDraft, submitReview } from "../core/review/review.service.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { kadoma } from "../test/fixtures.js";

const manager: Actor = { id: "manager", role: "plan_manager", name: "manager@city.example" };
const FY = 2025;

/** Public answers whose validators (ETag) or bodies would tell a watcher that staff are at work. */
const ETAG_URLS = [
  "/api/v1/plans/kadoma",
  "/api/v1/plans/kadoma/export.csv",
  "/api/v1/plans/kadoma/export.json",
  "/api/v1/plans/kadoma/export.xlsx",
];
const BODY_URLS = [
  "/api/v1/plans",
  "/",
  "/plans/kadoma",
  "/plans/kadoma/actions/5",
  "/plans/kadoma/actions/5/history",
];

/**
 * The public plan's ETag, its 304 answers and the public pages follow the public data only: the
 * review's drafts, submissions, approvals and copy-forward change none of them, until the plan
 * manager publishes.
 */
describe.each(testDialects)("public validators during a review on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
    await t.db
      .transaction()
      .execute((trx) =>
        openCycle(
          trx,
          "kadoma",
          { fiscalYear: FY, asOf: "2026-02-28", deadline: "2099-03-15" },
          { actor: manager },
        ),
      );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers: { accept: "text/html", ...headers } });
  const snapshot = async () => ({
    etags: await Promise.all(ETAG_URLS.map(async (url) => (await get(url)).headers.etag)),
    bodies: await Promise.all(BODY_URLS.map(async (url) => (await get(url)).body)),
  });
  const step = (number: number, fn: (trx: Db, version: number) => Promise<unknown>) =>
    t.db
      .transaction()
      .execute(async (trx) => fn(trx, (await findReview(trx, "kadoma", FY, number))!.version));

  it("stay the same through every step before publication, and change with it", async () => {
    const before = await snapshot();
    expect(before.etags.every((e) => typeof e === "string" && e.length > 2)).toBe(true);

    const draft = (number: number, results: string) =>
      step(number, (trx, baseVersion) =>
        saveDraft(
          trx,
          "kadoma",
          FY,
          number,
          { baseVersion, content: { ...EMPTY_CONTENT, results } },
          { actor: manager },
        ),
      );
    await draft(5, "下書きの実績");
    await draft(5, "下書きの実績（二回目）");
    await step(5, (trx, v) => submitReview(trx, "kadoma", FY, 5, v, { actor: manager }));
    await step(5, (trx, v) =>
      returnReview(trx, "kadoma", FY, 5, { baseVersion: v, comment: "もう少し詳しく" }, { actor: manager }),
    );
    await draft(5, "書き直した実績");
    await step(5, (trx, v) => submitReview(trx, "kadoma", FY, 5, v, { actor: manager }));
    await step(5, (trx, v) => approveReview(trx, "kadoma", FY, 5, v, { actor: manager }));
    await t.db.transaction().execute((trx) => copyForward(trx, "kadoma", FY, { actor: manager }));

    expect(await snapshot()).toEqual(before);
    for (const [i, url] of ETAG_URLS.entries()) {
      expect((await get(url, { "if-none-match": before.etags[i]! })).statusCode, url).toBe(304);
    }

    await t.db.transaction().execute((trx) => publishReviews(trx, "kadoma", FY, { actor: manager }));
    const after = await snapshot();
    for (const [i, url] of ETAG_URLS.entries()) {
      expect(after.etags[i], url).not.toBe(before.etags[i]);
      expect((await get(url, { "if-none-match": before.etags[i]! })).statusCode, url).toBe(200);
    }
    expect(after.bodies[BODY_URLS.indexOf("/plans/kadoma/actions/5")]).toContain("書き直した実績");
  });
});
