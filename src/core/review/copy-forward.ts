import { recordAudit } from "../audit/audit.js";
import { getPlan, systemClock } from "../plan/plan.service.js";
import type { Db } from "../plan/plan.repository.js";
import type { Action } from "../plan/plan.schema.js";
import { findReview, listReviews, updateReviewIfVersion } from "./review.repository.js";
import { actorLabel, auditActorOf, isManager } from "./review.permissions.js";
import type { ActionReview, ReviewContent } from "./review.schema.js";
import { openReview, recordReviewChange, type ReviewContext } from "./review.service.js";
import { beginPlanWrite } from "../plan/plan.writes.js";

/** What the year before says, from its review if there was one, else from the published plan. */
function previousContent(
  action: Action,
  fiscalYear: number,
  previous: ActionReview | undefined,
): ReviewContent {
  if (previous) return previous.content;
  const before = fiscalYear - 1;
  const evaluation = action.evaluations.find((e) => e.fiscalYear === before);
  return {
    results: action.records.find((r) => r.fiscalYear === before && r.kind === "result")?.text ?? "",
    challenges: action.challenges,
    grade: null,
    direction: evaluation?.direction ?? null,
    analysis: evaluation?.analysis ?? "",
    indicators: action.indicators.map((i) => ({
      code: i.code,
      target: i.values.find((v) => v.fiscalYear === before)?.target ?? null,
      actual: null,
    })),
  };
}

/**
 * Fills only the blanks of a review from the year before: results, challenges, direction and
 * analysis, and each indicator's target. Never the grade or an actual, which must be new.
 * Returns the names of the fields it filled.
 */
export function fillBlanks(
  current: ReviewContent,
  previous: ReviewContent,
): { content: ReviewContent; filled: string[] } {
  const filled: string[] = [];
  const content: ReviewContent = { ...current, indicators: [...current.indicators] };
  if (content.results.trim() === "" && previous.results.trim() !== "") {
    content.results = previous.results;
    filled.push("results");
  }
  if (content.challenges.length === 0 && previous.challenges.length > 0) {
    content.challenges = [...previous.challenges];
    filled.push("challenges");
  }
  if (content.direction === null && previous.direction !== null) {
    content.direction = previous.direction;
    filled.push("direction");
  }
  if (content.analysis.trim() === "" && previous.analysis.trim() !== "") {
    content.analysis = previous.analysis;
    filled.push("analysis");
  }
  for (const p of previous.indicators) {
    if (p.target === null) continue;
    const index = content.indicators.findIndex((v) => v.code === p.code);
    if (index === -1) {
      content.indicators.push({ code: p.code, target: p.target, actual: null });
      filled.push(`indicators.${p.code}.target`);
    } else if (content.indicators[index]!.target === null) {
      content.indicators[index] = { ...content.indicators[index]!, target: p.target };
      filled.push(`indicators.${p.code}.target`);
    }
  }
  return { content, filled };
}

/**
 * Copy forward for a whole cycle (or the actions given): each review the actor may edit and that
 * is still editable gets its blanks filled from the year before. Nothing already written changes,
 * and the review keeps its status: a prefilled review that nobody touched still lacks an update.
 */
export async function copyForward(
  db: Db,
  planId: string,
  fiscalYear: number,
  context: ReviewContext,
  numbers?: readonly number[],
): Promise<{ actionNumber: number; filled: string[] }[]> {
  await beginPlanWrite(db, planId);
  const plan = await getPlan(db, planId);
  const reviews = await listReviews(db, planId, fiscalYear);
  const now = (context.clock ?? systemClock).now().toISOString();
  const out: { actionNumber: number; filled: string[] }[] = [];
  for (const review of reviews) {
    if (numbers && !numbers.includes(review.actionNumber)) continue;
    if (!["not_started", "draft", "returned"].includes(review.status)) continue;
    if (
      !isManager(context.actor) &&
      !(await (context.owns ?? (async () => false))(context.actor.id, planId, review.actionNumber, db))
    )
      continue;
    await openReview(db, planId, fiscalYear, review.actionNumber);
    const action = plan.actions.find((a) => a.number === review.actionNumber);
    if (!action) continue;
    const previous = await findReview(db, planId, fiscalYear - 1, review.actionNumber);
    const { content, filled } = fillBlanks(review.content, previousContent(action, fiscalYear, previous));
    if (filled.length === 0) continue;
    const after: ActionReview = {
      ...review,
      content,
      version: review.version + 1,
      updatedAt: now,
      updatedBy: actorLabel(context.actor),
    };
    if (!(await updateReviewIfVersion(db, after, review.version))) continue;
    await recordReviewChange(db, review, after, "review", `copied forward: ${filled.join(", ")}`);
    out.push({ actionNumber: review.actionNumber, filled });
  }
  if (out.length > 0) {
    await recordAudit(
      db,
      {
        kind: "review.copied_forward",
        actor: auditActorOf(context.actor),
        subject: { type: "review_cycle", id: `${planId}/${fiscalYear}` },
        details: { planId, fiscalYear, actions: out.map((o) => o.actionNumber) },
      },
      context.clock,
    );
  }
  return out;
}
