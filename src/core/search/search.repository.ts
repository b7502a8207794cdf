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

/** Counting stops here: "1,000 or more" is what a person needs, and it spares a full scan. */
export const COUNT_CAP = 1_000;

/**
 * Actions of every plan whose text holds every term of the query (the same normalization as the
 * per-plan filter), ordered by plan and number; at most `limit`, after `offset`. The count stops
 * at {@link COUNT_CAP} (`totalIsLowerBound` says so), so a common word across all 1,741
 * municipalities does not make the database scan every action to count them.
 */
export async function searchAllPlans(
  db: Kysely<Database>,
  query: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; totalIsLowerBound: boolean; hits: SearchHit[] }> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { total: 0, totalIsLowerBound: false, hits: [] };
  let matches = db.selectFrom("actions as a");
  for (const term of terms) {
    matches = matches.where((eb) => likeEscaped(eb.ref("a.search_text"), containsPattern(term)));
  }
  const [count, rows] = await Promise.all([
    db
      .selectFrom(
        matches
          .select("a.number")
          .limit(COUNT_CAP + 1)
          .as("m"),
      )
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    matches
      .innerJoin("plans as p", "p.id", "a.plan_id")
      .select(["a.plan_id", "p.municipality", "a.number", "a.name", "a.measure_code"])
      .orderBy("a.plan_id")
      .orderBy("a.number")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const n = Number(count.n);
  return {
    total: Math.min(n, COUNT_CAP),
    totalIsLowerBound: n > COUNT_CAP,
    hits: rows.map((r) => ({
      planId: r.plan_id,
      municipality: r.municipality,
      number: r.number,
      name: r.name,
      measure: r.measure_code,
    })),
  };
}
