import type { Database } from "../../db/schema.js";
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
  await db.insertInto("plans").values(rows.plan).execute();
  await insertAll(db, "strategies", rows.strategies);
  await insertAll(db, "measures", rows.measures);
  await insertActionRows(db, rows);
  await refreshPlanGrams(db, rows.plan.id);
}

/**
 * Bumps a plan's revision and returns it. In PostgreSQL this locks the plan's row until the
 * transaction ends, so writers of one plan take turns (SQLite's BEGIN IMMEDIATE does the same).
 */
export async function lockPlan(db: Db, planId: string, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable("plans")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: now }))
    .where("id", "=", planId)
    .returning("revision")
    .executeTakeFirst();
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

/** Replaces one action (its row and children) under a locked plan row. */
export async function replaceActionRows(
  db: Db,
  planId: string,
  number: number,
  rows: Pick<PlanRows, "actions" | "tags" | "schedule" | "records">,
): Promise<void> {
  await db.deleteFrom("actions").where("plan_id", "=", planId).where("number", "=", number).execute();
  await insertActionRows(db, rows);
  await refreshPlanGrams(db, planId);
}
