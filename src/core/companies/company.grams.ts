import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Database } from "../../db/schema.js";
import { likeEscaped } from "../../db/sql-helpers.js";
import { bigrams, containsPattern } from "../search/normalize.js";

/*
 * Keyword search over companies through a table of two-character sequences (company_grams,
 * migration 0050), like the plans' search (core/search/plan-grams.repository.ts), but per company:
 * a term narrows the companies to those holding every sequence of it, found through the primary
 * key (gram, company_id), and only those are checked against the text. Both sides are normalized
 * first (full-width/half-width, case, spaces: core/search/normalize.ts).
 */

/** The sequence rows of one company: every sequence of its staff text, flagged when the public text holds it too. */
export function gramRows(companyId: string, staffText: string, publicText: string) {
  const pub = bigrams([publicText]);
  return [...bigrams([staffText])].map((gram) => ({
    gram,
    company_id: companyId,
    public: pub.has(gram) ? 1 : 0,
  }));
}

type Eb = ExpressionBuilder<Database & { c: Database["companies"] }, "c">;

/**
 * The condition "company c holds `term`" (a normalized search term) for the public's or the
 * staff's text. Two characters or more: the companies holding each of its sequences, then (for
 * three or more, where holding every pair does not make the whole word) the text itself. One
 * character has no sequence to look up, so it is tested on the text of every company in scope.
 */
export function termCondition(eb: Eb, term: string, pub: boolean): Expression<SqlBool> {
  const text = eb.ref(pub ? "c.search_public" : "c.search_staff");
  const grams = [...bigrams([term])];
  if (grams.length === 0) return likeEscaped(text, containsPattern(term));
  let holders = eb
    .selectFrom("company_grams as g")
    .select("g.company_id")
    .where("g.gram", grams.length === 1 ? "=" : "in", grams.length === 1 ? grams[0]! : grams);
  if (pub) holders = holders.where("g.public", "=", 1);
  if (grams.length > 1) holders = holders.groupBy("g.company_id").having(sql`count(*)`, "=", grams.length);
  const held = eb("c.id", "in", holders);
  return term.length > 2 ? eb.and([held, likeEscaped(text, containsPattern(term))]) : held;
}
