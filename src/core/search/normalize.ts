/**
 * Search that behaves the same on SQLite and PostgreSQL: both sides of a match are normalized here,
 * in application code, and the database only runs a plain substring test (LIKE) on the result.
 *
 * Normalization: NFKC (full-width ＤＸ → DX, half-width ｶﾅ → カナ), lower case, and no whitespace,
 * so words the source split across lines (「事業 承継」) still match 事業承継. Substring matching
 * finds words of any length, including the two-character words Japanese is full of (溶接, 創業).
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

/** Separates fields inside a search document so a term never matches across two fields. */
export const FIELD_SEPARATOR = "\u001f";

export function searchDocument(fields: readonly string[]): string {
  return fields
    .map(normalizeForSearch)
    .filter((f) => f !== "")
    .join(FIELD_SEPARATOR);
}

export const MAX_TERMS = 10;
export const MAX_TERM_LENGTH = 100;

/**
 * Splits a query into normalized terms (all must match). Spaces, full-width spaces and commas
 * separate terms.
 *
 * @example
 * searchTerms("ＤＸ　補助") // ["dx", "補助"]
 */
export function searchTerms(query: string): string[] {
  const terms = query
    .normalize("NFKC")
    .split(/[\s,、]+/u)
    .map(normalizeForSearch)
    .filter((t) => t !== "")
    .map((t) => t.slice(0, MAX_TERM_LENGTH));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** A LIKE pattern that matches `term` anywhere, with LIKE's wildcards escaped (use ESCAPE '\'). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The distinct two-character sequences of normalized texts (never across a field boundary). */
export function bigrams(normalized: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of normalized) {
    for (let i = 0; i + 1 < text.length; i++) {
      const gram = text.slice(i, i + 2);
      if (!gram.includes(FIELD_SEPARATOR)) out.add(gram);
    }
  }
  return out;
}
