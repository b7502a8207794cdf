import type { Kysely } from "kysely";

// Migrations use only the portable schema builder; types are limited to text and integer so the
// same statements run on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("fiscal_year_from", "integer", (c) => c.notNull())
    .addColumn("fiscal_year_to", "integer", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("extra", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("strategies")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("subtitle", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("strategies_pk", ["plan_id", "code"])
    .execute();

  await db.schema
    .createTable("measures")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("strategy_code", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("page", "integer")
    .addPrimaryKeyConstraint("measures_pk", ["plan_id", "code"])
    .addForeignKeyConstraint(
      "measures_strategy_fk",
      ["plan_id", "strategy_code"],
      "strategies",
      ["plan_id", "code"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("actions")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("measure_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_new", "integer", (c) => c.notNull())
    .addColumn("is_priority", "integer", (c) => c.notNull())
    .addColumn("relist_of", "integer")
    .addColumn("start_fiscal_year", "integer")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("challenges", "text", (c) => c.notNull())
    .addColumn("recovered", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("actions_pk", ["plan_id", "number"])
    .addForeignKeyConstraint(
      "actions_measure_fk",
      ["plan_id", "measure_code"],
      "measures",
      ["plan_id", "code"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("actions_measure_idx")
    .on("actions")
    .columns(["plan_id", "measure_code"])
    .execute();

  await db.schema
    .createTable("action_tags")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("action_number", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_tags_pk", ["plan_id", "action_number", "position"])
    .addForeignKeyConstraint(
      "action_tags_action_fk",
      ["plan_id", "action_number"],
      "actions",
      ["plan_id", "number"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("action_tags_tag_idx").on("action_tags").columns(["plan_id", "tag"]).execute();

  await db.schema
    .createTable("schedule_items")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("action_number", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("from_fiscal_year", "integer", (c) => c.notNull())
    .addColumn("to_fiscal_year", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("schedule_items_pk", ["plan_id", "action_number", "position"])
    .addForeignKeyConstraint(
      "schedule_items_action_fk",
      ["plan_id", "action_number"],
      "actions",
      ["plan_id", "number"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("records")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("action_number", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("as_of", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("records_pk", ["plan_id", "action_number", "position"])
    .addForeignKeyConstraint(
      "records_action_fk",
      ["plan_id", "action_number"],
      "actions",
      ["plan_id", "number"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "records",
    "schedule_items",
    "action_tags",
    "actions",
    "measures",
    "strategies",
    "plans",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
