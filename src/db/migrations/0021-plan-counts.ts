import { sql, type Kysely } from "kysely";

// The plan list shows each plan's counts; at national scale (1,741 plans) counting them per
// request cost 200 ms on PostgreSQL. The counts are written with the plan row (plan.mapper.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ["count_strategies", "count_measures", "count_actions"]) {
    await db.schema
      .alterTable("plans")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await sql`update plans set
    count_strategies = (select count(*) from strategies s where s.plan_id = plans.id),
    count_measures = (select count(*) from measures m where m.plan_id = plans.id),
    count_actions = (select count(*) from actions a where a.plan_id = plans.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["count_strategies", "count_measures", "count_actions"]) {
    await db.schema.alterTable("plans").dropColumn(column).execute();
  }
}
