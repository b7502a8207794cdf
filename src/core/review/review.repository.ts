import type { Kysely } from "kysely";
import type { ActionReviewsTable, Database, ReviewCyclesTable } from "../../db/schema.js";
import type { ActionReview, ReviewContent, ReviewCycle, ReviewStatus } from "./review.schema.js";

type Db = Kysely<Database>;

export function toCycle(row: ReviewCyclesTable): ReviewCycle {
  return {
    planId: row.plan_id,
    fiscalYear: row.fiscal_year,
    asOf: row.as_of,
    deadline: row.deadline,
    status: row.status as ReviewCycle["status"],
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
  };
}

export function toReview(row: ActionReviewsTable): ActionReview {
  return {
    planId: row.plan_id,
    actionNumber: row.action_number,
    fiscalYear: row.fiscal_year,
    status: row.status as ReviewStatus,
    content: JSON.parse(row.content) as ReviewContent,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    returnComment: row.return_comment,
    publishedAt: row.published_at,
  };
}

export function fromReview(r: ActionReview): ActionReviewsTable {
  return {
    plan_id: r.planId,
    action_number: r.actionNumber,
    fiscal_year: r.fiscalYear,
    status: r.status,
    content: JSON.stringify(r.content),
    version: r.version,
    updated_at: r.updatedAt,
    updated_by: r.updatedBy,
    submitted_at: r.submittedAt,
    decided_at: r.decidedAt,
    decided_by: r.decidedBy,
    return_comment: r.returnComment,
    published_at: r.publishedAt,
  };
}

export async function findCycle(
  db: Db,
  planId: string,
  fiscalYear: number,
): Promise<ReviewCycle | undefined> {
  const row = await db
    .selectFrom("review_cycles")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return row ? toCycle(row) : undefined;
}

export async function listCycles(db: Db, planId: string): Promise<ReviewCycle[]> {
  const rows = await db
    .selectFrom("review_cycles")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("fiscal_year", "desc")
    .execute();
  return rows.map(toCycle);
}

export async function listReviews(db: Db, planId: string, fiscalYear: number): Promise<ActionReview[]> {
  const rows = await db
    .selectFrom("action_reviews")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("fiscal_year", "=", fiscalYear)
    .orderBy("action_number")
    .execute();
  return rows.map(toReview);
}

export async function findReview(
  db: Db,
  planId: string,
  fiscalYear: number,
  number: number,
): Promise<ActionReview | undefined> {
  const row = await db
    .selectFrom("action_reviews")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("fiscal_year", "=", fiscalYear)
    .where("action_number", "=", number)
    .executeTakeFirst();
  return row ? toReview(row) : undefined;
}

/** Writes a review only if it is still at `expectedVersion`; returns false when someone was first. */
export async function updateReviewIfVersion(
  db: Db,
  review: ActionReview,
  expectedVersion: number,
): Promise<boolean> {
  const { plan_id, action_number, fiscal_year, ...fields } = fromReview(review);
  const result = await db
    .updateTable("action_reviews")
    .set(fields)
    .where("plan_id", "=", plan_id)
    .where("fiscal_year", "=", fiscal_year)
    .where("action_number", "=", action_number)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
