import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { chunks } from "../../db/sql-helpers.js";
import { bigrams } from "./normalize.js";

type Db = Kysely<Database>;

/**
 * Rewrites a plan's two-character sequences from the stored search text of its actions. Called by
 * every write of a plan's actions, in the same transaction, so the index never disagrees with them.
 */
export async function refreshPlanGrams(db: Db, planId: string): Promise<void> {
  const texts = await db.selectFrom("actions").select("search_text").where("plan_id", "=", planId).execute();
  const grams = [...bigrams(texts.map((t) => t.search_text))].sort();
  await db.deleteFrom("plan_grams").where("plan_id", "=", planId).execute();
  for (const batch of chunks(grams, 2)) {
    await db
      .insertInto("plan_grams")
      .values(batch.map((gram) => ({ gram, plan_id: planId })))
      .execute();
  }
}

/**
 * The plans whose text holds every two-character sequence of every term (a superset of the
 * plans that match), in id order; null when a term is too short to narrow anything.
 */
export async function candidatePlans(db: Db, terms: readonly string[]): Promise<string[] | null> {
  const grams = [...bigrams(terms)];
  if (grams.length === 0 || terms.some((t) => t.length < 2)) return null;
  const rows = await db
    .selectFrom("plan_grams")
    .select("plan_id")
    .where("gram", "in", grams)
    .groupBy("plan_id")
    .having((eb) => eb.fn.countAll(), "=", grams.length)
    .orderBy("plan_id")
    .execute();
  return rows.map((r) => r.plan_id);
}
