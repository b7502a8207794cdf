import { DomainError, notFound } from "../errors.js";
import { toDocument, toRows } from "./plan.mapper.js";
import {
  countPlans,
  deletePlanRows,
  findPlanHeader,
  insertPlanRows,
  listPlanSummaries,
  loadPlanRows,
  type Db,
} from "./plan.repository.js";
import { validatePlanDocument } from "./plan.rules.js";
import type { PlanDocument } from "./plan.schema.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ImportOutcome {
  planId: string;
  /** True when a plan with the same id was replaced, false when it was created. */
  replaced: boolean;
  revision: number;
  counts: { strategies: number; measures: number; actions: number };
}

/**
 * Adds a plan, or replaces the plan with the same id, from anything shaped like the canonical
 * document. Validates first and throws before writing anything; run it inside a transaction so a
 * failure half-way leaves the database as it was.
 *
 * @example
 * await db.transaction().execute((trx) => importPlan(trx, JSON.parse(text)));
 */
export async function importPlan(db: Db, input: unknown, clock: Clock = systemClock): Promise<ImportOutcome> {
  const doc = validatePlanDocument(input);
  return savePlan(db, doc, clock);
}

/** Writes an already validated document (see {@link importPlan}). */
export async function savePlan(
  db: Db,
  doc: PlanDocument,
  clock: Clock = systemClock,
): Promise<ImportOutcome> {
  const now = clock.now().toISOString();
  const existing = await findPlanHeader(db, doc.plan.id);
  if (existing) await deletePlanRows(db, doc.plan.id);
  const revision = (existing?.revision ?? 0) + 1;
  await insertPlanRows(db, toRows(doc, { revision, createdAt: existing?.created_at ?? now, updatedAt: now }));
  return {
    planId: doc.plan.id,
    replaced: existing !== undefined,
    revision,
    counts: { strategies: doc.strategies.length, measures: doc.measures.length, actions: doc.actions.length },
  };
}

export async function findPlan(db: Db, planId: string): Promise<PlanDocument | undefined> {
  const rows = await loadPlanRows(db, planId);
  return rows ? toDocument(rows) : undefined;
}

export async function getPlan(db: Db, planId: string): Promise<PlanDocument> {
  const doc = await findPlan(db, planId);
  if (!doc) throw notFound(`plan "${planId}"`);
  return doc;
}

export async function removePlan(db: Db, planId: string): Promise<void> {
  if (!(await deletePlanRows(db, planId))) throw notFound(`plan "${planId}"`);
}

export interface PlanSummary {
  id: string;
  municipality: string;
  title: string;
  fiscalYears: { from: number; to: number };
  asOf: string;
  revision: number;
  updatedAt: string;
  counts: { strategies: number; measures: number; actions: number };
}

export async function listPlans(db: Db): Promise<PlanSummary[]> {
  const rows = await listPlanSummaries(db);
  return rows.map((r) => ({
    id: r.id,
    municipality: r.municipality,
    title: r.title,
    fiscalYears: { from: r.fiscal_year_from, to: r.fiscal_year_to },
    asOf: r.as_of,
    revision: r.revision,
    updatedAt: r.updated_at,
    counts: { strategies: Number(r.strategies), measures: Number(r.measures), actions: Number(r.actions) },
  }));
}

/**
 * The plan id to use when the caller named none: the only plan, or an error that lists the
 * choices.
 */
export async function resolvePlanId(db: Db, planId: string | undefined): Promise<string> {
  if (planId !== undefined) return planId;
  const plans = await listPlans(db);
  if (plans.length === 1) return plans[0]!.id;
  if (plans.length === 0) throw new DomainError("not_found", "there are no plans in the database");
  throw new DomainError(
    "validation_failed",
    `there are ${plans.length} plans; name one with --plan (${plans.map((p) => p.id).join(", ")})`,
    [{ path: "--plan", message: "is required when the database holds more than one plan" }],
  );
}

export { countPlans };
