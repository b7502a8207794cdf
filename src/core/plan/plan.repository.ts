import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { inSnapshot } from "../../db/locks.js";
import { likeEscaped } from "../../db/sql-helpers.js";
import { containsPattern, searchTerms } from "../search/normalize.js";
import type { PlanRows } from "./plan.mapper.js";

export type Db = Kysely<Database>;

export interface ActionFilter {
  strategy?: string | undefined;
  measure?: string | undefined;
  tag?: string | undefined;
  priority?: boolean | undefined;
  isNew?: boolean | undefined;
  /** Only 再掲 rows (true), or only the rows that are not (false). */
  relisted?: boolean | undefined;
  /** Only actions whose schedule has a label in this fiscal year. */
  fiscalYear?: number | undefined;
  /** Free text; every term must occur in the action's name, tags, description, records or challenges. */
  q?: string | undefined;
}

export interface PlanSummaryRow {
  id: string;
  municipality: string;
  title: string;
  fiscal_year_from: number;
  fiscal_year_to: number;
  as_of: string;
  revision: number;
  updated_at: string;
  strategies: number;
  measures: number;
  actions: number;
}

/** Deletes a plan and everything in it (the foreign keys cascade). */
export async function deletePlanRows(db: Db, planId: string): Promise<boolean> {
  const result = await db.deleteFrom("plans").where("id", "=", planId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findPlanHeader(
  db: Db,
  planId: string,
): Promise<{ revision: number; created_at: string; updated_at: string } | undefined> {
  return db
    .selectFrom("plans")
    .select(["revision", "created_at", "updated_at"])
    .where("id", "=", planId)
    .executeTakeFirst();
}

export async function countPlans(db: Db): Promise<number> {
  const row = await db
    .selectFrom("plans")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every row of one plan, read in one snapshot (seven queries that must not mix two versions of
 * the plan when a write commits between them); inside a transaction, in that transaction.
 */
export async function loadPlanRows(db: Db, planId: string): Promise<PlanRows | undefined> {
  return inSnapshot(db, async (trx) => {
    const plan = await trx.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirst();
    if (!plan) return undefined;
    const [strategies, measures, actions, tags, schedule, records] = await Promise.all([
      trx.selectFrom("strategies").selectAll().where("plan_id", "=", planId).execute(),
      trx.selectFrom("measures").selectAll().where("plan_id", "=", planId).execute(),
      trx.selectFrom("actions").selectAll().where("plan_id", "=", planId).execute(),
      trx.selectFrom("action_tags").selectAll().where("plan_id", "=", planId).execute(),
      trx.selectFrom("schedule_items").selectAll().where("plan_id", "=", planId).execute(),
      trx.selectFrom("records").selectAll().where("plan_id", "=", planId).execute(),
    ]);
    return { plan, strategies, measures, actions, tags, schedule, records };
  });
}

export async function listPlanSummaries(db: Db): Promise<PlanSummaryRow[]> {
  return (
    db
      .selectFrom("plans as p")
      .select([
        "p.id",
        "p.municipality",
        "p.title",
        "p.fiscal_year_from",
        "p.fiscal_year_to",
        "p.as_of",
        "p.revision",
        "p.updated_at",
        "p.count_strategies as strategies",
        "p.count_measures as measures",
        "p.count_actions as actions",
      ])
      // Ordered by id (ASCII): text collation differs between SQLite and PostgreSQL.
      .orderBy("p.id")
      .execute()
  );
}

/** Changes whenever a plan is added, removed or changed: a key for caching the plan list. */
export async function planListStamp(db: Db): Promise<string> {
  const row = await db
    .selectFrom("plans")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.max("updated_at").as("latest"),
      // Every write bumps a plan's revision, even two within the same millisecond.
      eb.fn.sum<number>("revision").as("revisions"),
    ])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}/${row.latest ?? ""}/${Number(row.revisions ?? 0)}`;
}

/** Numbers of the actions of one plan that pass every filter given, in number order. */
export async function findActionNumbers(db: Db, planId: string, filter: ActionFilter): Promise<number[]> {
  let query = db.selectFrom("actions as a").select("a.number").where("a.plan_id", "=", planId);
  if (filter.measure !== undefined) query = query.where("a.measure_code", "=", filter.measure);
  if (filter.strategy !== undefined) {
    const strategy = filter.strategy;
    query = query.where("a.measure_code", "in", (eb) =>
      eb
        .selectFrom("measures as m")
        .select("m.code")
        .where("m.plan_id", "=", planId)
        .where("m.strategy_code", "=", strategy),
    );
  }
  if (filter.priority !== undefined) query = query.where("a.is_priority", "=", filter.priority ? 1 : 0);
  if (filter.isNew !== undefined) query = query.where("a.is_new", "=", filter.isNew ? 1 : 0);
  if (filter.relisted !== undefined) {
    query = query.where("a.relist_of", filter.relisted ? "is not" : "is", null);
  }
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("action_tags as t")
          .select("t.tag")
          .whereRef("t.plan_id", "=", "a.plan_id")
          .whereRef("t.action_number", "=", "a.number")
          .where("t.tag", "=", tag),
      ),
    );
  }
  if (filter.fiscalYear !== undefined) {
    const fy = filter.fiscalYear;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("schedule_items as s")
          .select("s.label")
          .whereRef("s.plan_id", "=", "a.plan_id")
          .whereRef("s.action_number", "=", "a.number")
          .where("s.from_fiscal_year", "<=", fy)
          .where("s.to_fiscal_year", ">=", fy),
      ),
    );
  }
  for (const term of searchTerms(filter.q ?? "")) {
    query = query.where((eb) => likeEscaped(eb.ref("a.search_text"), containsPattern(term)));
  }
  const rows = await query.orderBy("a.number").execute();
  return rows.map((r) => r.number);
}
