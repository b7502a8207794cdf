import { loadConfig } from "../../../config.js";
import { importPlan, type Clock } from "../../../core/plan/plan.service.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import { copyForward } from "../../../core/review/copy-forward.js";
import { openCycle } from "../../../core/review/cycle.service.js";
import { publishReviews } from "../../../core/review/publish.js";
import type { Actor } from "../../../core/review/review.permissions.js";
import { findReview } from "../../../core/review/review.repository.js";
import type { ReviewContent } from "../../../core/review/review.schema.js";
import { approveReview, saveDraft, submitReview } from "../../../core/review/review.service.js";
import type { DialectName } from "../../../db/connection.js";
import { openTestDatabase } from "../../../test/databases.js";
import { kadoma } from "../../../test/fixtures.js";
import { createApp } from "../../app.js";
import type { PagesApp } from "./page-fixtures.js";

/** A clock the test moves forward. */
export class StepClock implements Clock {
  constructor(public at: string) {}
  now(): Date {
    return new Date(this.at);
  }
}

export const MANAGER: Actor = { id: "manager@city.example", role: "plan_manager" };

/** What the FY 2025 review writes for three of Kadoma's actions (as in the core's cycle test). */
export const FY2025_REVIEWS: Record<number, Partial<ReviewContent>> = {
  13: {
    results: "・会員大会・定例会を開催。【加入企業数 104社】",
    grade: "B",
    direction: "continue",
    analysis: "加入企業は増えたが、定例会の平均参加率は目標に届かなかった。",
    indicators: [
      { code: "1", target: 105, actual: 104 },
      { code: "2", target: 15, actual: 12 },
    ],
  },
  16: {
    results: "・掲載企業の追加。【令和7年度末現在 150社掲載】",
    grade: "A",
    direction: "expand",
    analysis: "掲載企業が目標を上回った。",
    // Bound to companies.listed, whose registry is empty here: the city's own count, with its reason.
    indicators: [
      {
        code: "1",
        target: 140,
        actual: 150,
        fromSource: {
          decision: "overridden",
          reason: "市の掲載台帳による（登録データは未移行）",
          computed: null,
        },
      },
    ],
  },
  23: {
    results: "合同企業就職説明会・面接会(令和7年9月) 【総来場者数 90名/雇用マッチング数9名(市内企業)】",
    grade: "C",
    direction: "improve",
    analysis: "来場者数が目標を下回った。",
    indicators: [
      { code: "1", target: 120, actual: 90 },
      { code: "2", target: 10, actual: 9 },
    ],
  },
};

/**
 * Kadoma's plan with a published FY 2025 review: imported on 10 March 2025, the cycle opened in
 * February 2026, copied forward, three actions written, submitted, approved and published on
 * 20 March 2026. The app's clock reads 25 March 2026 (still FY 2025).
 */
export async function startReviewedApp(
  dialect: DialectName,
  doc: PlanDocument = kadoma(),
): Promise<PagesApp & { clock: StepClock }> {
  const db = await openTestDatabase(dialect);
  const clock = new StepClock("2025-03-10T01:00:00Z");
  const tx = <T>(fn: (trx: typeof db.db) => Promise<T>) => db.db.transaction().execute(fn);
  const planId = doc.plan.id;
  const as = { actor: MANAGER, clock };
  await tx((trx) => importPlan(trx, doc, { clock, actor: "cli" }));
  clock.at = "2026-02-02T00:30:00Z";
  await tx((trx) =>
    openCycle(trx, planId, { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, as),
  );
  await tx((trx) => copyForward(trx, planId, 2025, as));
  clock.at = "2026-03-05T02:00:00Z";
  const version = async (n: number) => (await findReview(db.db, planId, 2025, n))!.version;
  for (const [key, patch] of Object.entries(FY2025_REVIEWS)) {
    const n = Number(key);
    const review = (await findReview(db.db, planId, 2025, n))!;
    await tx((trx) =>
      saveDraft(
        trx,
        planId,
        2025,
        n,
        { baseVersion: review.version, content: { ...review.content, ...patch } },
        as,
      ),
    );
    const v = await version(n);
    await tx((trx) => submitReview(trx, planId, 2025, n, v, as));
    const w = await version(n);
    await tx((trx) => approveReview(trx, planId, 2025, n, w, as));
  }
  clock.at = "2026-03-20T06:00:00Z";
  await tx((trx) => publishReviews(trx, planId, 2025, as));
  clock.at = "2026-03-25T03:00:00Z";
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: "silent" }), db: db.db, clock });
  return {
    app,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
