import { recordAudit } from "../audit/audit.js";
import { DomainError, notFound, type Issue } from "../errors.js";
import { formatFiscalYear } from "../fiscal/index.js";
import { diffJson } from "../history/diff.js";
import { appendChanges, listEntityChanges } from "../history/history.repository.js";
import { getPlan, summarize, systemClock, type Clock } from "../plan/plan.service.js";
import { beginPlanWrite } from "../plan/plan.writes.js";
import type { Db } from "../plan/plan.repository.js";
import type { PlanDocument } from "../plan/plan.schema.js";
import { parseWith } from "../validation.js";
import { sourceRegistry } from "../indicator-sources/all-sources.js";
import type { SourceRegistry } from "../indicator-sources/registry.js";
import { changedDecisions, settleSourceDecisions } from "../indicator-sources/review-decisions.js";
import {
  actorLabel,
  auditActorOf,
  isManager,
  requireEditor,
  requireManager,
  type Actor,
  type OwnsAction,
} from "./review.permissions.js";
import { findCycle, findReview, updateReviewIfVersion } from "./review.repository.js";
import {
  reviewContentSchema,
  type ActionReview,
  type ReviewContent,
  type ReviewStatus,
} from "./review.schema.js";

export interface ReviewContext {
  actor: Actor;
  owns?: OwnsAction;
  clock?: Clock;
  /** The indicator sources bound indicators are computed from (default: every context's). */
  sources?: SourceRegistry;
}

export const reviewKey = (fiscalYear: number, number: number) => `${fiscalYear}/${number}`;

/** How the audit log names a review: `kadoma/2025/12` (plan, fiscal year, action). */
export const reviewSubject = (review: { planId: string; fiscalYear: number; actionNumber: number }) =>
  `${review.planId}/${reviewKey(review.fiscalYear, review.actionNumber)}`;

/** Keeps a review's change (status and content, before and after) in the plan's history. */
export async function recordReviewChange(
  db: Db,
  before: ActionReview,
  after: ActionReview,
  source: "review" | "publish",
  summary: string,
): Promise<void> {
  await appendChanges(
    db,
    before.planId,
    [
      {
        entity: "review",
        key: reviewKey(before.fiscalYear, before.actionNumber),
        version: after.version,
        source,
        summary,
        before: { status: before.status, content: before.content },
        after: { status: after.status, content: after.content },
      },
    ],
    { at: after.updatedAt, actor: after.updatedBy },
  );
}

/**
 * Loads a review of an open cycle for a write, or explains why it cannot be worked on. Takes the
 * plan's write lock first, so the version it reads is the one the write compares against.
 */
export async function openReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
): Promise<ActionReview> {
  await beginPlanWrite(db, planId);
  const cycle = await findCycle(db, planId, fiscalYear);
  if (!cycle) throw notFound(`the review of ${formatFiscalYear(fiscalYear)} for plan "${planId}"`);
  const review = await findReview(db, planId, fiscalYear, number);
  if (!review) throw notFound(`the ${formatFiscalYear(fiscalYear)} review of action ${number}`);
  if (cycle.status !== "open")
    throw new DomainError("conflict", `the review of ${formatFiscalYear(fiscalYear)} is closed`);
  return review;
}

/** Checks content against the plan: grades and directions of its scales, the action's indicators. */
export function checkContent(doc: PlanDocument, number: number, content: ReviewContent): Issue[] {
  const issues: Issue[] = [];
  const action = doc.actions.find((a) => a.number === number);
  if (content.grade !== null && !doc.scales.grades.some((g) => g.code === content.grade)) {
    issues.push({
      path: "content.grade",
      message: `unknown grade "${content.grade}" (${doc.scales.grades.map((g) => g.code).join(", ")})`,
    });
  }
  if (content.direction !== null && !doc.scales.directions.some((d) => d.code === content.direction)) {
    issues.push({ path: "content.direction", message: `unknown direction "${content.direction}"` });
  }
  const codes = new Set(action?.indicators.map((i) => i.code) ?? []);
  const seen = new Set<string>();
  content.indicators.forEach((v, i) => {
    if (!codes.has(v.code))
      issues.push({
        path: `content.indicators[${i}].code`,
        message: `action ${number} has no indicator "${v.code}"`,
      });
    if (seen.has(v.code))
      issues.push({
        path: `content.indicators[${i}].code`,
        message: `indicator "${v.code}" is listed twice`,
      });
    seen.add(v.code);
  });
  return issues;
}

function conflict(
  review: ActionReview,
  baseVersion: number,
  theirs: { actor: string; at: string; summary: string }[],
): DomainError {
  const last = theirs[theirs.length - 1];
  return new DomainError(
    "conflict",
    `the ${formatFiscalYear(review.fiscalYear)} review of action ${review.actionNumber} was changed by ` +
      `${last?.actor ?? review.updatedBy} at ${last?.at ?? review.updatedAt} after you opened it ` +
      `(your version ${baseVersion}, now ${review.version}); nothing was saved`,
    [{ path: "baseVersion", message: `is ${baseVersion}, the review is now at version ${review.version}` }],
    { currentVersion: review.version, status: review.status, changes: theirs, current: review.content },
  );
}

/** The review's changes after `baseVersion`, oldest first: what a stale editor missed. */
async function changesSince(db: Db, review: ActionReview, baseVersion: number) {
  return (
    await listEntityChanges(db, review.planId, "review", reviewKey(review.fiscalYear, review.actionNumber))
  )
    .filter((c) => c.version > baseVersion)
    .reverse()
    .map((c) => ({ version: c.version, actor: c.actor, at: c.at, summary: c.summary }));
}

/**
 * Refuses a step taken from a version that is no longer current, naming the current version,
 * before the step's own checks (which would judge the review by a state the caller never saw).
 */
async function requireVersion(db: Db, review: ActionReview, baseVersion: number): Promise<void> {
  if (review.version !== baseVersion)
    throw conflict(review, baseVersion, await changesSince(db, review, baseVersion));
}

/**
 * Writes a new state of a review if nobody else changed it since `baseVersion`, and keeps the
 * change in the history. The one path every review change goes through.
 */
async function commit(
  db: Db,
  before: ActionReview,
  baseVersion: number,
  next: Omit<ActionReview, "version" | "updatedAt" | "updatedBy">,
  context: ReviewContext,
  summary: string,
  kind: `review.${string}`,
): Promise<ActionReview> {
  await requireVersion(db, before, baseVersion);
  const now = (context.clock ?? systemClock).now().toISOString();
  // The plan's lock was taken by beginPlanWrite; its revision is not bumped: the revision is what
  // the public ETags and page caches follow, and a draft changes nothing the public sees.
  const after: ActionReview = {
    ...next,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: actorLabel(context.actor),
  };
  if (!(await updateReviewIfVersion(db, after, baseVersion))) {
    const current = (await findReview(db, before.planId, before.fiscalYear, before.actionNumber))!;
    throw conflict(current, baseVersion, await changesSince(db, current, baseVersion));
  }
  await recordReviewChange(db, before, after, "review", summary);
  await recordAudit(
    db,
    {
      kind,
      actor: auditActorOf(context.actor),
      subject: { type: "review", id: reviewSubject(before) },
      details: {
        planId: before.planId,
        fiscalYear: before.fiscalYear,
        actionNumber: before.actionNumber,
        fromVersion: before.version,
        version: after.version,
        status: after.status,
      },
    },
    context.clock,
  );
  return after;
}

const EDITABLE: readonly ReviewStatus[] = ["not_started", "draft", "returned"];

/**
 * Saves the draft of an action's review. The owner (or a plan manager) edits while the review is
 * not started, a draft, or returned; a save on top of someone else's change is refused with that
 * change shown.
 */
export async function saveDraft(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
  input: { baseVersion: number; content: unknown },
  context: ReviewContext,
): Promise<ActionReview> {
  const review = await openReview(db, planId, fiscalYear, number);
  await requireEditor(context.actor, context.owns ?? (async () => false), planId, number, db);
  const parsed = parseWith(reviewContentSchema, input.content, "content");
  const doc = await getPlan(db, planId);
  const issues = checkContent(doc, number, parsed);
  const settled = await settleSourceDecisions(
    db,
    context.sources ?? sourceRegistry,
    doc,
    number,
    fiscalYear,
    parsed,
    context.clock,
  );
  issues.push(...settled.issues);
  const content = settled.content;
  if (issues.length > 0)
    throw new DomainError("validation_failed", `${issues[0]!.path}: ${issues[0]!.message}`, issues);
  if (!EDITABLE.includes(review.status) && review.version === input.baseVersion) {
    throw new DomainError(
      "conflict",
      `the review is ${review.status}; ${review.status === "submitted" ? "a plan manager must return it before it can be edited" : "reopen it to edit"}`,
    );
  }
  const saved = await commit(
    db,
    review,
    input.baseVersion,
    { ...review, status: "draft", content },
    context,
    summarize(diffJson(review.content, content)),
    "review.saved",
  );
  // Accepting or overriding a computed actual is a decision of its own in the audit log.
  for (const d of changedDecisions(review.content, content)) {
    await recordAudit(
      db,
      {
        kind: d.decision === "accepted" ? "indicator_source.accepted" : "indicator_source.overridden",
        actor: auditActorOf(context.actor),
        subject: { type: "review", id: reviewSubject(review) },
        details: { planId, fiscalYear, actionNumber: number, version: saved.version, ...d },
      },
      context.clock,
    );
  }
  return saved;
}

/** The owner hands the review to the plan manager. */
export async function submitReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
  baseVersion: number,
  context: ReviewContext,
) {
  const review = await openReview(db, planId, fiscalYear, number);
  await requireEditor(context.actor, context.owns ?? (async () => false), planId, number, db);
  await requireVersion(db, review, baseVersion);
  if (!EDITABLE.includes(review.status))
    throw new DomainError("conflict", `the review is ${review.status}; it cannot be submitted`);
  if (review.content.results.trim() === "") {
    throw new DomainError("validation_failed", "write the results before submitting", [
      { path: "content.results", message: "must not be empty" },
    ]);
  }
  const now = (context.clock ?? systemClock).now().toISOString();
  return commit(
    db,
    review,
    baseVersion,
    { ...review, status: "submitted", submittedAt: now, returnComment: null },
    context,
    "submitted",
    "review.submitted",
  );
}

/** The plan manager approves a submitted review; it reaches the public when the cycle is published. */
export async function approveReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
  baseVersion: number,
  context: ReviewContext,
) {
  requireManager(context.actor, "approve a review");
  const review = await openReview(db, planId, fiscalYear, number);
  await requireVersion(db, review, baseVersion);
  if (review.status !== "submitted")
    throw new DomainError(
      "conflict",
      `the review is ${review.status}; only a submitted review can be approved`,
    );
  const now = (context.clock ?? systemClock).now().toISOString();
  return commit(
    db,
    review,
    baseVersion,
    { ...review, status: "approved", decidedAt: now, decidedBy: actorLabel(context.actor) },
    context,
    "approved",
    "review.approved",
  );
}

/** The plan manager returns a review to its owner with a comment saying what to change. */
export async function returnReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
  input: { baseVersion: number; comment: string },
  context: ReviewContext,
) {
  requireManager(context.actor, "return a review");
  const review = await openReview(db, planId, fiscalYear, number);
  await requireVersion(db, review, input.baseVersion);
  if (review.status !== "submitted" && review.status !== "approved") {
    throw new DomainError(
      "conflict",
      `the review is ${review.status}; only a submitted or approved review can be returned`,
    );
  }
  const comment = input.comment.trim();
  if (comment === "" || comment.length > 2_000) {
    throw new DomainError("validation_failed", "say what to change (1–2,000 characters)", [
      { path: "comment", message: "must be 1–2,000 characters" },
    ]);
  }
  const now = (context.clock ?? systemClock).now().toISOString();
  return commit(
    db,
    review,
    input.baseVersion,
    {
      ...review,
      status: "returned",
      decidedAt: now,
      decidedBy: actorLabel(context.actor),
      returnComment: comment,
    },
    context,
    `returned: ${comment.slice(0, 80)}`,
    "review.returned",
  );
}

/** A plan manager reopens an approved or published review for further edits (publish again after). */
export async function reopenReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
  baseVersion: number,
  context: ReviewContext,
) {
  requireManager(context.actor, "reopen a review");
  const review = await openReview(db, planId, fiscalYear, number);
  await requireVersion(db, review, baseVersion);
  if (review.status !== "approved" && review.status !== "published")
    throw new DomainError("conflict", `the review is ${review.status}; nothing to reopen`);
  return commit(
    db,
    review,
    baseVersion,
    { ...review, status: "draft" },
    context,
    "reopened",
    "review.reopened",
  );
}

export { isManager };
