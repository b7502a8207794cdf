import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { likeEscaped } from "../../db/sql-helpers.js";
import { containsPattern, searchTerms } from "./normalize.js";
import { candidatePlans } from "./plan-grams.repository.js";

export interface SearchHit {
  planId: string;
  municipality: string;
  number: number;
  name: string;
  measure: string;
}

/** Counting stops here: "1,000 or more" is what a person needs, and it spares a full scan. */
export const COUNT_CAP = 1_000;

/** Plans read per query: small enough that each query walks the (plan_id, number) key in order. */
const PLANS_PER_QUERY = 25;

/**
 * Actions of every plan whose text holds every term of the query (the same normalization as the
 * per-plan filter), ordered by plan and number; at most `limit`, after `offset`. Only plans whose
 * text holds every two-character sequence of the terms are read (plan_grams), a few at a time in
 * order, so a common word stops after the first plans and a rare one reads only the plans that
 * can hold it; the count stops at {@link COUNT_CAP} (`totalIsLowerBound`).
 */
export async function searchAllPlans(
  db: Kysely<Database>,
  query: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; totalIsLowerBound: boolean; hits: SearchHit[] }> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { total: 0, totalIsLowerBound: false, hits: [] };
  const candidates = await candidatePlans(db, terms);
  if (candidates !== null && candidates.length === 0) return { total: 0, totalIsLowerBound: false, hits: [] };
  let plansQuery = db.selectFrom("plans").select(["id", "municipality"]).orderBy("id");
  if (candidates !== null) plansQuery = plansQuery.where("id", "in", candidates);
  const plans = await plansQuery.execute();
  const municipality = new Map(plans.map((p) => [p.id, p.municipality]));
  const hits: SearchHit[] = [];
  let count = 0;
  for (let i = 0; i < plans.length && count <= COUNT_CAP; i += PLANS_PER_QUERY) {
    const ids = plans.slice(i, i + PLANS_PER_QUERY).map((p) => p.id);
    let q = db
      .selectFrom("actions as a")
      .select(["a.plan_id", "a.number", "a.name", "a.measure_code"])
      .where("a.plan_id", "in", ids);
    for (const term of terms)
      q = q.where((eb) => likeEscaped(eb.ref("a.search_text"), containsPattern(term)));
    const rows = await q.orderBy("a.plan_id").orderBy("a.number").execute();
    for (const r of rows) {
      count++;
      if (count > page.offset && hits.length < page.limit) {
        hits.push({
          planId: r.plan_id,
          municipality: municipality.get(r.plan_id) ?? "",
          number: r.number,
          name: r.name,
          measure: r.measure_code,
        });
      }
    }
    if (count > COUNT_CAP && hits.length >= page.limit) break;
  }
  return { total: Math.min(count, COUNT_CAP), totalIsLowerBound: count > COUNT_CAP, hits };
}
