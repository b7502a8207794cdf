import { sql, type Kysely } from "kysely";

// Which two-character sequences (of the normalized search text) occur in which plan: lets a
// search across all plans skip the plans that cannot match, so a word that no plan (or few
// plans) holds does not scan every action of every municipality.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("plan_grams")
    .addColumn("gram", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("plan_grams_pk", ["gram", "plan_id"])
    .execute();
  await db.schema.createIndex("plan_grams_plan_idx").on("plan_grams").column("plan_id").execute();

  // Fill it for the plans already there, from their stored (normalized) search text.
  const plans = await sql<{ id: string }>`select id from plans`.execute(db);
  for (const { id } of plans.rows) {
    const texts = await sql<{
      t: string;
    }>`select search_text as t from actions where plan_id = ${id}`.execute(db);
    const grams = new Set<string>();
    for (const { t } of texts.rows) {
      for (let i = 0; i + 1 < t.length; i++) {
        const gram = t.slice(i, i + 2);
        if (!gram.includes("\u001f")) grams.add(gram);
      }
    }
    const list = [...grams];
    for (let i = 0; i < list.length; i += 2_000) {
      const values = list.slice(i, i + 2_000).map((gram) => sql`(${gram}, ${id})`);
      await sql`insert into plan_grams (gram, plan_id) values ${sql.join(values)}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("plan_grams").execute();
}
