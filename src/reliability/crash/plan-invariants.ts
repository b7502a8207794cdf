import { DomainError } from "../../core/errors.js";
import { toDocument } from "../../core/plan/plan.mapper.js";
import { loadPlanRows, type Db } from "../../core/plan/plan.repository.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { bigrams } from "../../core/search/normalize.js";

/**
 * What must hold of every stored plan, whichever write was interrupted: the counts kept with the
 * plan row are the rows there are, the plan reads back as a valid document, the search index
 * holds exactly the two-character sequences of its actions, and every action's and the plan's
 * version is the last one its history recorded (a change is written with its history or not at
 * all). Written with the query builder, so it reads the same on SQLite and PostgreSQL.
 *
 * @example
 * expect(await planProblems(db, "kadoma")).toEqual([]);
 */
export async function planProblems(db: Db, planId: string): Promise<string[]> {
  const problems: string[] = [];
  const rows = await loadPlanRows(db, planId);
  if (!rows) return [`plan "${planId}" is missing`];
  const { plan } = rows;
  const counts = {
    strategies: rows.strategies.length,
    measures: rows.measures.length,
    actions: rows.actions.length,
  };
  if (plan.count_strategies !== counts.strategies)
    problems.push(`count_strategies ${plan.count_strategies}, but ${counts.strategies} strategies`);
  if (plan.count_measures !== counts.measures)
    problems.push(`count_measures ${plan.count_measures}, but ${counts.measures} measures`);
  if (plan.count_actions !== counts.actions)
    problems.push(`count_actions ${plan.count_actions}, but ${counts.actions} actions`);

  try {
    validatePlanDocument(toDocument(rows));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(`the stored plan is not valid: ${error.message}`);
  }

  const grams = await db.selectFrom("plan_grams").select("gram").where("plan_id", "=", planId).execute();
  const expected = bigrams(rows.actions.map((a) => a.search_text));
  const stored = new Set(grams.map((g) => g.gram));
  if (stored.size !== grams.length) problems.push("plan_grams holds a sequence twice");
  if (stored.size !== expected.size || [...expected].some((g) => !stored.has(g)))
    problems.push(`plan_grams holds ${stored.size} sequences, the actions have ${expected.size}`);

  const history = await db
    .selectFrom("changes")
    .select(["entity", "entity_key"])
    .select((eb) => eb.fn.max("version").as("version"))
    .where("plan_id", "=", planId)
    .groupBy(["entity", "entity_key"])
    .execute();
  const last = new Map(history.map((h) => [`${h.entity}/${h.entity_key}`, Number(h.version)]));
  if (last.get("plan/") !== plan.version)
    problems.push(`plan version ${plan.version}, history's last ${last.get("plan/") ?? "none"}`);
  for (const a of rows.actions) {
    const recorded = last.get(`action/${a.number}`);
    if (recorded !== a.version)
      problems.push(`action ${a.number} version ${a.version}, history's last ${recorded ?? "none"}`);
  }
  return problems;
}
