import { sql, type Kysely } from "kysely";

// Versions that writes compare and set.
//
// A decision on an indicator proposal gets a version, so a rejection names the state it saw
// (existing decisions are version 1).
//
// One history entry per version of an entity: two writers that both read version 1 cannot both
// record "version 2" (PostgreSQL once let ten of them through). The database now refuses the
// second, whatever the code above it forgets.
//
// Databases written before the compare-and-set fixes may already hold such twins. Each group
// keeps its latest entry (highest seq: the one whose content the entity holds, since later
// writes overwrote earlier ones); the earlier twins stay readable in the table with the negative
// of their seq as version, so nothing of the record is lost and no version is claimed twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("indicator_decisions")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`
    update changes set version = -seq
    where exists (
      select 1 from changes later
      where later.plan_id = changes.plan_id
        and later.entity = changes.entity
        and later.entity_key = changes.entity_key
        and later.version = changes.version
        and later.seq > changes.seq
    )
  `.execute(db);
  await db.schema.dropIndex("changes_entity_idx").execute();
  await db.schema
    .createIndex("changes_entity_version_uq")
    .on("changes")
    .columns(["plan_id", "entity", "entity_key", "version"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("indicator_decisions").dropColumn("version").execute();
  await db.schema.dropIndex("changes_entity_version_uq").execute();
  await db.schema
    .createIndex("changes_entity_idx")
    .on("changes")
    .columns(["plan_id", "entity", "entity_key", "version"])
    .execute();
}
