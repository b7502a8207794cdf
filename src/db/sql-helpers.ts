import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";

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
