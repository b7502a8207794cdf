import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import { dialectOf } from "./dialect.js";

/**
 * SQL fragments that must read the same on SQLite and PostgreSQL. Keep anything that differs
 * between the dialects in this folder.
 */

/** `column LIKE pattern ESCAPE '\'`: case-sensitive on both dialects for non-ASCII, so callers
 * normalize both sides first (core/search). */
export function likeEscaped(column: Expression<string>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** Splits rows into batches that stay under both dialects' bound-parameter limits. */
export function chunks<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(8_000 / Math.max(1, columnsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The type of a column for {@link bulkInsert}. */
export type BulkColumnType = "text" | "integer";

/**
 * Inserts many rows into one table: on PostgreSQL one statement per 20,000 rows that unnests one
 * array per column (three parameters instead of 60,000, so the server parses little), on SQLite
 * multi-row VALUES in batches under its parameter limit. `columns` names every column of the rows
 * with its type (the arrays need one); a value not of that type is refused by the database.
 *
 * @example
 * await bulkInsert(db, "company_grams", { gram: "text", company_id: "text", public: "integer" }, rows);
 */
export async function bulkInsert<R extends Record<string, string | number | null>>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
  db: Kysely<any>,
  table: string,
  columns: { [K in keyof R]: BulkColumnType },
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns) as (keyof R & string)[];
  if (dialectOf(db) === "postgres") {
    for (let i = 0; i < rows.length; i += 20_000) {
      const batch = rows.slice(i, i + 20_000);
      const arrays = names.map(
        (n) => sql`${batch.map((r) => r[n])}::${sql.raw(columns[n] === "integer" ? "bigint" : "text")}[]`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) select * from unnest(${sql.join(arrays)})`.execute(
        db,
      );
    }
    return;
  }
  for (const batch of chunks(rows, names.length)) {
    const values = batch.map((r) => sql`(${sql.join(names.map((n) => r[n]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/**
 * Refreshes the planner's statistics after a bulk write (an import of thousands of rows), so
 * both databases choose the indexes the search needs (SQLite has none until asked: without them
 * it may scan a facet's whole index once per company). SQLite samples at most 1,000 rows per index.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
export async function refreshStatistics(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) === "postgres") {
    for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
}
