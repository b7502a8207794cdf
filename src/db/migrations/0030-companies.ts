import type { Kysely } from "kysely";

// The company registry (docs/companies.md): municipalities (the tenant of every company), the
// companies themselves (the whole record as JSON plus the columns search needs), their facet
// values (processes with their ancestors, materials, certifications, equipment kinds, industry
// codes, towns) and machines with numeric specs in a fixed unit per key, so facet counts and
// ranges run in SQL on both databases. Vocabularies live in a table so a city can extend them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("municipalities")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefecture", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("company_vocabulary")
    /** process, material, equipment, certification */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    /** "" for the national list shipped in code, else the municipality that added the term. */
    .addColumn("municipality_code", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    /** JSON: other spellings that resolve to this term. */
    .addColumn("aliases", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("company_vocabulary_pk", ["kind", "code"])
    .execute();

  await db.schema
    .createTable("companies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_code", "text", (c) => c.notNull().references("municipalities.code"))
    .addColumn("corporate_number", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_kana", "text", (c) => c.notNull())
    .addColumn("town", "text", (c) => c.notNull())
    .addColumn("industry_code", "text")
    .addColumn("employees_min", "integer")
    .addColumn("employees_max", "integer")
    /** 1 when the employees field is public (the only numeric filter on the row itself). */
    .addColumn("employees_public", "integer", (c) => c.notNull())
    /** 1: shown on the portal; 0: kept by the city only. */
    .addColumn("listed", "integer", (c) => c.notNull())
    /** JSON: the whole record (core/companies/company.schema.ts), private fields included. */
    .addColumn("data", "text", (c) => c.notNull())
    /** Normalized text of the public fields only (what an anonymous search matches). */
    .addColumn("search_public", "text", (c) => c.notNull())
    /** Normalized text of every field (what the city's staff search matches). */
    .addColumn("search_staff", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("companies_corporate_number_idx")
    .on("companies")
    .columns(["municipality_code", "corporate_number"])
    .unique()
    .execute();
  await db.schema
    .createIndex("companies_kana_idx")
    .on("companies")
    .columns(["municipality_code", "name_kana", "id"])
    .execute();
  await db.schema.createIndex("companies_employees_idx").on("companies").columns(["employees_max"]).execute();

  await db.schema
    .createTable("company_facets")
    .addColumn("company_id", "text", (c) => c.notNull().references("companies.id").onDelete("cascade"))
    /** process, material, certification, equipment, industry, town */
    .addColumn("facet", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    /** 1 when the field it comes from is public. */
    .addColumn("public", "integer", (c) => c.notNull())
    /** 1 when the company listed the value itself; 0 for an ancestor (a parent process, an industry group). */
    .addColumn("direct", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("company_facets_pk", ["company_id", "facet", "value"])
    .execute();
  await db.schema
    .createIndex("company_facets_value_idx")
    .on("company_facets")
    .columns(["facet", "value", "company_id", "public"])
    .execute();

  await db.schema
    .createTable("equipment")
    .addColumn("company_id", "text", (c) => c.notNull().references("companies.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("maker", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("public", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("equipment_pk", ["company_id", "position"])
    .execute();

  await db.schema
    .createTable("equipment_specs")
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    /** A key of the spec catalogue (core/companies/specs.ts), its unit in the name: pressForceKn. */
    .addColumn("spec_key", "text", (c) => c.notNull())
    /** Thousandths of the unit, as an integer (backups and both databases hold integers exactly). */
    .addColumn("value_milli", "integer", (c) => c.notNull())
    .addColumn("public", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("equipment_specs_pk", ["company_id", "position", "spec_key"])
    .addForeignKeyConstraint(
      "equipment_specs_machine_fk",
      ["company_id", "position"],
      "equipment",
      ["company_id", "position"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("equipment_specs_value_idx")
    .on("equipment_specs")
    .columns(["spec_key", "value_milli", "company_id", "position"])
    .execute();

  await db.schema
    .createTable("company_changes")
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("municipality_code", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    /** import, edit, delete, demo … */
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addPrimaryKeyConstraint("company_changes_pk", ["company_id", "version"])
    .execute();
  await db.schema
    .createIndex("company_changes_at_idx")
    .on("company_changes")
    .columns(["municipality_code", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "company_changes",
    "equipment_specs",
    "equipment",
    "company_facets",
    "companies",
    "company_vocabulary",
    "municipalities",
  ])
    await db.schema.dropTable(t).execute();
}
