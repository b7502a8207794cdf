import { sql, type Kysely, type RawBuilder } from "kysely";

// Which two-character sequences of a company's normalized search text it holds (core/companies/
// company.grams.ts): a keyword search looks up the few companies holding every sequence of a term
// instead of scanning every company's text. `public` is 1 when the sequence occurs in the text of
// the public fields, so an anonymous search never matches a private field. No foreign key: the
// repository deletes a company's sequences itself (by the text it held), which keeps this table to
// one index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("company_grams")
    .addColumn("gram", "text", (c) => c.notNull())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("public", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("company_grams_pk", ["gram", "company_id"])
    .execute();

  // Fill it for the companies already there, from their stored (normalized) search texts.
  const rows = await sql<{
    id: string;
    p: string;
    s: string;
  }>`select id, search_public as p, search_staff as s from companies`.execute(db);
  const values: RawBuilder<unknown>[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    await sql`insert into company_grams (gram, company_id, public) values ${sql.join(values)}`.execute(db);
    values.length = 0;
  };
  for (const { id, p, s } of rows.rows) {
    const pub = pairs(p);
    for (const gram of pairs(s)) {
      values.push(sql`(${gram}, ${id}, ${pub.has(gram) ? 1 : 0})`);
      if (values.length >= 2_000) await flush();
    }
  }
  await flush();
}

/** The distinct two-character sequences, never across the field separator (as core/search/normalize). */
function pairs(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    if (!gram.includes("\u001f")) out.add(gram);
  }
  return out;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("company_grams").execute();
}
