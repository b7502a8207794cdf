import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { formatFiscalYear } from "../fiscal/index.js";
import { updateAction } from "../plan/plan.edit.js";
import { getPlan, systemClock } from "../plan/plan.service.js";
import { loadPlanRows, type Db } from "../plan/plan.repository.js";
import { beginPlanWrite } from "../plan/plan.writes.js";
import type { Action } from "../plan/plan.schema.js";
import { actorLabel, auditActorOf, requireManager } from "./review.permissions.js";
import { findCycle, listReviews, updateReviewIfVersion } from "./review.repository.js";
import type { ActionReview } from "./review.schema.js";
import { recordReviewChange, type ReviewContext } from "./review.service.js";

/** An accepted computed actual keeps where it came from; an override reads as typed (its reason stays with staff). */
function provenanceOf(entered: ActionReview["content"]["indicators"][number]) {
  const d = entered.fromSource;
  if (d?.decision !== "accepted" || !d.computed) return {};
  const { value: _value, ...computed } = d.computed;
  return { computed };
}

/** The action as it reads once a review of `fiscalYear` (as of `asOf`) is published into it. */
export function applyReview(action: Action, review: ActionReview, asOf: string): Action {
  const fy = review.fiscalYear;
  const c = review.content;
  const records = action.records.filter((r) => !(r.fiscalYear === fy && r.kind === "result"));
  if (c.results.trim() !== "") records.push({ fiscalYear: fy, kind: "result", asOf, text: c.results.trim() });
  records.sort(
    (a, b) => a.fiscalYear - b.fiscalYear || (a.kind === b.kind ? 0 : a.kind === "baseline" ? -1 : 1),
  );
  const evaluations = action.evaluations.filter((e) => e.fiscalYear !== fy);
  if (c.grade !== null || c.direction !== null || c.analysis.trim() !== "") {
    evaluations.push({ fiscalYear: fy, grade: c.grade, direction: c.direction, analysis: c.analysis.trim() });
    evaluations.sort((a, b) => a.fiscalYear - b.fiscalYear);
  }
  const indicators = action.indicators.map((indicator) => {
    const entered = c.indicators.find((v) => v.code === indicator.code);
    if (!entered) return indicator;
    const others = indicator.values.filter((v) => v.fiscalYear !== fy);
    const existing = indicator.values.find((v) => v.fiscalYear === fy);
    const values = [
      ...others,
      {
        fiscalYear: fy,
        target: entered.target,
        actual: entered.actual,
        evidence: existing?.evidence ?? null,
        ...provenanceOf(entered),
      },
    ].sort((a, b) => a.fiscalYear - b.fiscalYear);
    return { ...indicator, values };
  });
  return {
    ...action,
    records,
    challenges: c.challenges.length > 0 ? c.challenges : action.challenges,
    evaluations,
    indicators,
  };
}

/**
 * Publishes the approved reviews of a cycle (or the actions given): each one is written into its
 * action (results as the year's record, challenges, evaluation, indicator values), where pages,
 * the API and downloads show it. Drafts never reach the plan.
 */
export async function publishReviews(
  db: Db,
  planId: string,
  fiscalYear: number,
  context: ReviewContext,
  numbers?: readonly number[],
): Promise<number[]> {
  requireManager(context.actor, "publish");
  await beginPlanWrite(db, planId);
  const cycle = await findCycle(db, planId, fiscalYear);
  if (!cycle)
    throw new DomainError(
      "not_found",
      `the review of ${formatFiscalYear(fiscalYear)} for plan "${planId}" not found`,
    );
  const approved = (await listReviews(db, planId, fiscalYear)).filter(
    (r) => r.status === "approved" && (!numbers || numbers.includes(r.actionNumber)),
  );
  if (approved.length === 0) throw new DomainError("conflict", "there is no approved review to publish");
  const now = (context.clock ?? systemClock).now().toISOString();
  const plan = await getPlan(db, planId);
  const versions = new Map((await loadPlanRows(db, planId))!.actions.map((a) => [a.number, a.version]));
  const published: number[] = [];
  for (const review of approved) {
    const action = plan.actions.find((a) => a.number === review.actionNumber);
    if (!action) continue;
    await updateAction(
      db,
      planId,
      review.actionNumber,
      { baseVersion: versions.get(review.actionNumber)!, action: applyReview(action, review, cycle.asOf) },
      {
        actor: actorLabel(context.actor),
        source: "publish",
        ...(context.clock ? { clock: context.clock } : {}),
      },
    );
    const after: ActionReview = {
      ...review,
      status: "published",
      publishedAt: now,
      version: review.version + 1,
      updatedAt: now,
      updatedBy: actorLabel(context.actor),
    };
    if (!(await updateReviewIfVersion(db, after, review.version))) {
      throw new DomainError(
        "conflict",
        `the review of action ${review.actionNumber} changed while publishing; nothing was published`,
      );
    }
    await recordReviewChange(db, review, after, "publish", "published");
    published.push(review.actionNumber);
  }
  if (published.length > 0 && cycle.asOf > plan.plan.asOf) {
    // The plan's as-of date is the date its latest results describe: now the published year's.
    // Home, overview, table caption, downloads' names and the CLI all read it from here. The
    // action writes above already moved the plan's revision, so caches see this too.
    await db.updateTable("plans").set({ as_of: cycle.asOf }).where("id", "=", planId).execute();
  }
  if (published.length > 0) {
    await recordAudit(
      db,
      {
        kind: "review_cycle.published",
        actor: auditActorOf(context.actor),
        subject: { type: "review_cycle", id: `${planId}/${fiscalYear}` },
        details: { planId, fiscalYear, actions: published },
      },
      context.clock,
    );
  }
  return published;
}
