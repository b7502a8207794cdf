import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { likeEscaped } from "../../db/sql-helpers.js";
import { containsPattern, searchTerms } from "./normalize.js";

export interface SearchHit {
  planId: string;
  municipality: string;
  number: number;
  name: string;
  measure: string;
}

/**
 * Actions of every plan whose text holds every term of the query (the same normalization as the
 * per-plan filter), ordered by plan and number; at most `limit`, after `offset`.
 */
export async function searchAllPlans(
  db: Kysely<Database>,
  query: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; hits: SearchHit[] }> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { total: 0, hits: [] };
  let base = db.selectFrom("actions as a").innerJoin("plans as p", "p.id", "a.plan_id");
  for (const term of terms)
    base = base.where((eb) => likeEscaped(eb.ref("a.search_text"), containsPattern(term)));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base
      .select(["a.plan_id", "p.municipality", "a.number", "a.name", "a.measure_code"])
      .orderBy("a.plan_id")
      .orderBy("a.number")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    hits: rows.map((r) => ({
      planId: r.plan_id,
      municipality: r.municipality,
      number: r.number,
      name: r.name,
      measure: r.measure_code,
    })),
  };
}
