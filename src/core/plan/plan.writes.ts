import { isUniqueViolation } from "../../db/errors.js";
import { lockPlanRow } from "../../db/locks.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { chunks } from "../../db/sql-helpers.js";
import type { PlanRows } from "./plan.mapper.js";
import type { Db } from "./plan.repository.js";
import { refreshPlanGrams } from "../search/plan-grams.repository.js";

async function insertAll<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const width = Object.keys(rows[0] as object).length;
  for (const batch of chunks(rows, width)) {
    await db
      .insertInto(table)
      .values(batch as never)
      .execute();
  }
}

async function insertActionRows(
  db: Db,
  rows: Pick<PlanRows, "actions" | "tags" | "schedule" | "records">,
): Promise<void> {
  await insertAll(db, "actions", rows.actions);
  await insertAll(db, "action_tags", rows.tags);
  await insertAll(db, "schedule_items", rows.schedule);
  await insertAll(db, "records", rows.records);
}

/** Inserts a whole new plan. Run inside a transaction. */
export async function insertPlanRows(db: Db, rows: PlanRows): Promise<void> {
  try {
    await db.insertInto("plans").values(rows.plan).execute();
  } catch (error) {
    // Two imports created the same new plan at once (there was no row to lock): the later waits
    // on the unique key, then is refused rather than answered with a 500.
    if (isUniqueViolation(error)) throw staleWrite(`plan "${rows.plan.id}"`);
    throw error;
  }
  await insertAll(db, "strategies", rows.strategies);
  await insertAll(db, "measures", rows.measures);
  await insertActionRows(db, rows);
  await refreshPlanGrams(db, rows.plan.id);
}

/**
 * The first statement of every write of a plan, before it reads what it checks (versions,
 * actions, reviews): writers of one plan take turns, and each one reads what the one before it
 * committed. Returns whether the plan exists. Run inside the write's transaction.
 */
export async function beginPlanWrite(db: Db, planId: string): Promise<boolean> {
  return lockPlanRow(db, planId);
}

/** Someone else's write got in between: the caller read a plan that is no longer current. */
function staleWrite(what: string): DomainError {
  return new DomainError("conflict", `${what} changed while this change was being saved; nothing was saved`);
}

/**
 * Bumps a plan's revision and returns it. In PostgreSQL this locks the plan's row until the
 * transaction ends, so writers of one plan take turns (SQLite's BEGIN IMMEDIATE does the same).
 * With `expectedRevision`, a compare-and-set: refused (conflict) unless the plan is still at the
 * revision the caller read, which guards a write that forgot {@link beginPlanWrite}.
 */
export async function lockPlan(
  db: Db,
  planId: string,
  now: string,
  expectedRevision?: number,
): Promise<number | undefined> {
  let query = db
    .updateTable("plans")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: now }))
    .where("id", "=", planId);
  if (expectedRevision !== undefined) query = query.where("revision", "=", expectedRevision);
  const row = await query.returning("revision").executeTakeFirst();
  if (!row && expectedRevision !== undefined) throw staleWrite(`plan "${planId}"`);
  return row?.revision;
}

/** Replaces everything under an existing, locked plan row. */
export async function replacePlanContents(db: Db, rows: PlanRows): Promise<void> {
  const { id, revision: _revision, created_at: _created, updated_at: _updated, ...fields } = rows.plan;
  await db.updateTable("plans").set(fields).where("id", "=", id).execute();
  // Strategies cascade to measures, actions, and each action's tags, schedule and records.
  await db.deleteFrom("strategies").where("plan_id", "=", id).execute();
  await insertAll(db, "strategies", rows.strategies);
  await insertAll(db, "measures", rows.measures);
  await insertActionRows(db, rows);
  await refreshPlanGrams(db, id);
}

/**
 * Replaces one action (its row and children) under a locked plan row, if it is still at
 * `expectedVersion` (a compare-and-set: the action must exist at that version, so an edit never
 * brings back an action an import removed, nor overwrites a newer version).
 */
export async function replaceActionRows(
  db: Db,
  planId: string,
  number: number,
  expectedVersion: number,
  rows: Pick<PlanRows, "actions" | "tags" | "schedule" | "records">,
): Promise<void> {
  const deleted = await db
    .deleteFrom("actions")
    .where("plan_id", "=", planId)
    .where("number", "=", number)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) throw staleWrite(`action ${number}`);
  await insertActionRows(db, rows);
  await refreshPlanGrams(db, planId);
}
