import { recordAudit } from "../audit/audit.js";
import { DomainError, notFound } from "../errors.js";
import { fiscalYearSpan, formatFiscalYear } from "../fiscal/index.js";
import { japanDateTime } from "../fiscal/japan-time.js";
import { loadPlanRows, type Db } from "../plan/plan.repository.js";
import { systemClock, type Clock } from "../plan/plan.service.js";
import { beginPlanWrite } from "../plan/plan.writes.js";
import { parseWith } from "../validation.js";
import { actorLabel, auditActorOf, requireManager, type Actor } from "./review.permissions.js";
import { findCycle, fromReview, listReviews } from "./review.repository.js";
import { cycleInputSchema, EMPTY_CONTENT, type ReviewCycle, type ReviewStatus } from "./review.schema.js";

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * Opens the review of a fiscal year: every action of the plan gets its (empty) record for that
 * year. Only a plan manager opens a cycle; a year is opened once. A deadline before today (in
 * Japan) is refused: it would make every action overdue the moment the review opens.
 *
 * @example
 * await db.transaction().execute((trx) => openCycle(trx, "kadoma", { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, { actor }));
 */
export async function openCycle(
  db: Db,
  planId: string,
  input: unknown,
  context: { actor: Actor; clock?: Clock },
): Promise<ReviewCycle> {
  requireManager(context.actor, "open a review");
  const { fiscalYear, asOf, deadline } = parseWith(cycleInputSchema, input);
  await beginPlanWrite(db, planId);
  const rows = await loadPlanRows(db, planId);
  if (!rows) throw notFound(`plan "${planId}"`);
  const { start, end } = fiscalYearSpan(fiscalYear);
  const issues = [];
  if (fiscalYear < rows.plan.fiscal_year_from || fiscalYear > rows.plan.fiscal_year_to) {
    issues.push({
      path: "fiscalYear",
      message: `${formatFiscalYear(fiscalYear)} is outside the plan's years ${rows.plan.fiscal_year_from}–${rows.plan.fiscal_year_to}`,
    });
  }
  if (asOf < start || asOf > addMonths(end, 6)) {
    issues.push({
      path: "asOf",
      message: `must fall in ${formatFiscalYear(fiscalYear)} (${start} – ${end}) or the six months after`,
    });
  }
  if (deadline < start) issues.push({ path: "deadline", message: `must not be before ${start}` });
  const today = japanDateTime((context.clock ?? systemClock).now().toISOString()).date;
  if (deadline < today) {
    issues.push({ path: "deadline", message: `${deadline} is in the past (today is ${today})` });
  }
  if (issues.length > 0)
    throw new DomainError("validation_failed", `${issues[0]!.path}: ${issues[0]!.message}`, issues);
  if (await findCycle(db, planId, fiscalYear)) {
    throw new DomainError("conflict", `the review of ${formatFiscalYear(fiscalYear)} is already open`);
  }
  const now = (context.clock ?? systemClock).now().toISOString();
  const cycle: ReviewCycle = {
    planId,
    fiscalYear,
    asOf,
    deadline,
    status: "open",
    openedAt: now,
    openedBy: actorLabel(context.actor),
    closedAt: null,
  };
  await db
    .insertInto("review_cycles")
    .values({
      plan_id: planId,
      fiscal_year: fiscalYear,
      as_of: asOf,
      deadline,
      status: "open",
      opened_at: now,
      opened_by: actorLabel(context.actor),
      closed_at: null,
    })
    .execute();
  const reviews = rows.actions.map((a) =>
    fromReview({
      planId,
      actionNumber: a.number,
      fiscalYear,
      status: "not_started",
      content: EMPTY_CONTENT,
      version: 1,
      updatedAt: now,
      updatedBy: actorLabel(context.actor),
      submittedAt: null,
      decidedAt: null,
      decidedBy: null,
      returnComment: null,
      publishedAt: null,
    }),
  );
  for (let i = 0; i < reviews.length; i += 200) {
    await db
      .insertInto("action_reviews")
      .values(reviews.slice(i, i + 200))
      .execute();
  }
  await recordAudit(
    db,
    {
      kind: "review_cycle.opened",
      actor: auditActorOf(context.actor),
      subject: { type: "review_cycle", id: `${planId}/${fiscalYear}` },
      details: { planId, fiscalYear, asOf, deadline, actions: reviews.length },
    },
    context.clock,
  );
  return cycle;
}

export interface CycleStatus {
  cycle: ReviewCycle;
  counts: Record<ReviewStatus, number>;
  /** Actions with nothing written yet (not started, or a draft without results). */
  lacking: number[];
  /** Actions not yet approved after the deadline. */
  overdue: number[];
  total: number;
}

/** Where a cycle stands: how many reviews are at each step, which actions still lack an update. */
export async function cycleStatus(
  db: Db,
  planId: string,
  fiscalYear: number,
  clock: Clock = systemClock,
): Promise<CycleStatus> {
  const cycle = await findCycle(db, planId, fiscalYear);
  if (!cycle) throw notFound(`the review of ${formatFiscalYear(fiscalYear)} for plan "${planId}"`);
  const reviews = await listReviews(db, planId, fiscalYear);
  const counts: Record<ReviewStatus, number> = {
    not_started: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    published: 0,
  };
  for (const r of reviews) counts[r.status]++;
  const today = clock.now().toISOString().slice(0, 10);
  return {
    cycle,
    counts,
    lacking: reviews
      .filter((r) => r.status === "not_started" || (r.status === "draft" && r.content.results.trim() === ""))
      .map((r) => r.actionNumber),
    overdue:
      today > cycle.deadline
        ? reviews
            .filter((r) => r.status !== "approved" && r.status !== "published")
            .map((r) => r.actionNumber)
        : [],
    total: reviews.length,
  };
}

/** Closes a cycle: its reviews can no longer be edited. */
export async function closeCycle(
  db: Db,
  planId: string,
  fiscalYear: number,
  context: { actor: Actor; clock?: Clock },
) {
  requireManager(context.actor, "close a review");
  await beginPlanWrite(db, planId);
  const now = (context.clock ?? systemClock).now().toISOString();
  const result = await db
    .updateTable("review_cycles")
    .set({ status: "closed", closed_at: now })
    .where("plan_id", "=", planId)
    .where("fiscal_year", "=", fiscalYear)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new DomainError("conflict", `the review of ${formatFiscalYear(fiscalYear)} is not open`);
  await recordAudit(
    db,
    {
      kind: "review_cycle.closed",
      actor: auditActorOf(context.actor),
      subject: { type: "review_cycle", id: `${planId}/${fiscalYear}` },
      details: { planId, fiscalYear },
    },
    context.clock,
  );
}
