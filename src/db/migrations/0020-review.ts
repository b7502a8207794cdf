import type { Kysely } from "kysely";

// The yearly review: per-action versions, indicators and evaluations on the action, plan
// settings (scales), review cycles and drafts, indicator proposals' decisions, and the change
// history. Portable schema builder only; numbers that must stay exact are stored as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("plans")
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("plans")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("actions")
    .addColumn("indicators", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("actions")
    .addColumn("evaluations", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("actions")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("review_cycles")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addPrimaryKeyConstraint("review_cycles_pk", ["plan_id", "fiscal_year"])
    .execute();

  await db.schema
    .createTable("action_reviews")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("action_number", "integer", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    /** JSON: the review's fields (results, challenges, grade, direction, analysis, indicator values). */
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("return_comment", "text")
    .addColumn("published_at", "text")
    .addPrimaryKeyConstraint("action_reviews_pk", ["plan_id", "action_number", "fiscal_year"])
    .addForeignKeyConstraint(
      "action_reviews_cycle_fk",
      ["plan_id", "fiscal_year"],
      "review_cycles",
      ["plan_id", "fiscal_year"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("indicator_decisions")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("indicator_code", "text")
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_decisions_pk", ["plan_id", "proposal_id"])
    .execute();

  await db.schema
    .createTable("changes")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    /** plan (metadata, scales, strategies, measures), action, or review (a draft). */
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    /** import, edit, publish, restore, review … */
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addPrimaryKeyConstraint("changes_pk", ["plan_id", "seq"])
    .execute();
  await db.schema
    .createIndex("changes_entity_idx")
    .on("changes")
    .columns(["plan_id", "entity", "entity_key", "version"])
    .execute();
  await db.schema.createIndex("changes_at_idx").on("changes").columns(["plan_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["changes", "indicator_decisions", "action_reviews", "review_cycles"])
    await db.schema.dropTable(t).execute();
}
