import type { AuditActor } from "../audit/audit.js";
import { ensurePlanMunicipality } from "../municipalities/municipality.js";
import { DomainError, notFound } from "../errors.js";
import { toDocument, toRows } from "./plan.mapper.js";
import { diffJson, type Difference } from "../history/diff.js";
import { appendChanges, type ChangeSource, type NewChange } from "../history/history.repository.js";
import { countPlans, deletePlanRows, listPlanSummaries, loadPlanRows, type Db } from "./plan.repository.js";
import { beginPlanWrite, insertPlanRows, lockPlan, replacePlanContents } from "./plan.writes.js";
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
  /** Entities (the plan's structure, each action) that the write changed; 0 when nothing did. */
  changed: number;
}

/** Who writes, and why, for the history. */
export interface WriteContext {
  clock?: Clock;
  /** Account id or email, or "cli" for a command run on the server. */
  actor?: string;
  source?: ChangeSource;
  /** Who the audit log names; when absent, the system under `actor`. */
  audit?: AuditActor;
}

/**
 * Adds a plan, or replaces the plan with the same id, from anything shaped like the canonical
 * document. Validates first and throws before writing anything; run it inside a transaction so a
 * failure half-way leaves the database as it was. Every entity that changes is kept in the
 * history with its before and after.
 *
 * @example
 * await db.transaction().execute((trx) => importPlan(trx, JSON.parse(text), { actor: "cli" }));
 */
export async function importPlan(db: Db, input: unknown, context: WriteContext = {}): Promise<ImportOutcome> {
  const doc = validatePlanDocument(input);
  return savePlan(db, doc, context);
}

/**
 * Writes an already validated document (see {@link importPlan}). With `expectedRevision` (0: the
 * plan did not exist), a compare-and-set: refused when the plan changed since the caller read
 * what it merged into the document (an importer keeps the plan's indicators and notes), so an
 * edit made meanwhile is never overwritten by a stale copy.
 */
export async function savePlan(
  db: Db,
  doc: PlanDocument,
  context: WriteContext & { expectedRevision?: number } = {},
): Promise<ImportOutcome> {
  const now = (context.clock ?? systemClock).now().toISOString();
  const meta = { at: now, actor: context.actor ?? "system" };
  const source = context.source ?? "import";
  const counts = {
    strategies: doc.strategies.length,
    measures: doc.measures.length,
    actions: doc.actions.length,
  };
  const planId = doc.plan.id;
  await beginPlanWrite(db, planId);
  const existingRows = await loadPlanRows(db, planId);
  const revisionNow = existingRows?.plan.revision ?? 0;
  if (context.expectedRevision !== undefined && context.expectedRevision !== revisionNow) {
    throw new DomainError(
      "conflict",
      `plan "${planId}" changed while the file was being read (revision ${context.expectedRevision}, now ${revisionNow}); nothing was saved, import it again`,
      [
        {
          path: "revision",
          message: `is ${context.expectedRevision}, the plan is now at revision ${revisionNow}`,
        },
      ],
      { currentRevision: revisionNow },
    );
  }
  await ensurePlanMunicipality(db, doc.plan, context.clock);

  if (!existingRows) {
    const versions = await previousVersions(db, planId);
    const planVersion = (versions.get("plan/") ?? 0) + 1;
    const actionVersions = new Map(
      doc.actions.map((a) => [a.number, (versions.get(`action/${a.number}`) ?? 0) + 1]),
    );
    await insertPlanRows(
      db,
      toRows(doc, {
        revision: 1,
        createdAt: now,
        updatedAt: now,
        versions: { plan: planVersion, actions: actionVersions },
      }),
    );
    await appendChanges(
      db,
      planId,
      [
        {
          entity: "plan",
          key: "",
          version: planVersion,
          source,
          summary: "created",
          before: null,
          after: planEntity(doc),
        },
        ...doc.actions.map((a) => ({
          entity: "action" as const,
          key: String(a.number),
          version: actionVersions.get(a.number)!,
          source,
          summary: "created",
          before: null,
          after: a,
        })),
      ],
      meta,
    );
    return { planId, replaced: false, revision: 1, counts, changed: 1 + doc.actions.length };
  }

  const before = toDocument(existingRows);
  const changes = entityChanges(before, doc, existingRows, await previousVersions(db, planId), source);
  if (changes.length === 0) {
    return { planId, replaced: true, revision: existingRows.plan.revision, counts, changed: 0 };
  }
  const revision = (await lockPlan(db, planId, now, existingRows.plan.revision))!;
  const planChange = changes.find((c) => c.entity === "plan");
  const actionVersions = new Map(existingRows.actions.map((a) => [a.number, a.version]));
  for (const c of changes) if (c.entity === "action") actionVersions.set(Number(c.key), c.version);
  await replacePlanContents(
    db,
    toRows(doc, {
      revision,
      createdAt: existingRows.plan.created_at,
      updatedAt: now,
      versions: { plan: planChange?.version ?? existingRows.plan.version, actions: actionVersions },
    }),
  );
  await appendChanges(db, planId, changes, meta);
  return { planId, replaced: true, revision, counts, changed: changes.length };
}

/** The part of a plan that is not its actions: metadata, scales, strategies, measures. */
export function planEntity(doc: PlanDocument): unknown {
  return { plan: doc.plan, scales: doc.scales, strategies: doc.strategies, measures: doc.measures };
}

/** The highest version each entity of a plan ever had, including removed ones ("plan/", "action/12"). */
async function previousVersions(db: Db, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("changes")
    .select(["entity", "entity_key"])
    .select((eb) => eb.fn.max("version").as("version"))
    .where("plan_id", "=", planId)
    .groupBy(["entity", "entity_key"])
    .execute();
  return new Map(rows.map((r) => [`${r.entity}/${r.entity_key}`, Number(r.version)]));
}

function entityChanges(
  before: PlanDocument,
  after: PlanDocument,
  rows: NonNullable<Awaited<ReturnType<typeof loadPlanRows>>>,
  history: Map<string, number>,
  source: ChangeSource,
): NewChange[] {
  const out: NewChange[] = [];
  const next = (key: string, current: number | undefined) =>
    Math.max(current ?? 0, history.get(key) ?? 0) + 1;
  const planBefore = planEntity(before);
  const planAfter = planEntity(after);
  if (JSON.stringify(planBefore) !== JSON.stringify(planAfter)) {
    out.push({
      entity: "plan",
      key: "",
      version: next("plan/", rows.plan.version),
      source,
      summary: summarize(diffJson(planBefore, planAfter)),
      before: planBefore,
      after: planAfter,
    });
  }
  const oldActions = new Map(before.actions.map((a) => [a.number, a]));
  const newActions = new Map(after.actions.map((a) => [a.number, a]));
  const versions = new Map(rows.actions.map((a) => [a.number, a.version]));
  const numbers = [...new Set([...oldActions.keys(), ...newActions.keys()])].sort((a, b) => a - b);
  for (const n of numbers) {
    const b = oldActions.get(n);
    const a = newActions.get(n);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out.push({
      entity: "action",
      key: String(n),
      version: next(`action/${n}`, versions.get(n)),
      source,
      summary: !b ? "created" : !a ? "removed" : summarize(diffJson(b, a)),
      before: b ?? null,
      after: a ?? null,
    });
  }
  return out;
}

/** "name, records[fiscalYear=2025,kind=result].text" — the changed fields, briefly. */
export function summarize(differences: readonly Difference[]): string {
  const fields = [...new Set(differences.map((d) => d.path.replace(/\[.*$/, "").split(".")[0] || "(root)"))];
  return `changed ${fields.slice(0, 6).join(", ")}${fields.length > 6 ? ` and ${fields.length - 6} more` : ""}`;
}

/** The plan with the revision it was read at (0 when there is none), for a later compare-and-set. */
export async function findPlanAtRevision(
  db: Db,
  planId: string,
): Promise<{ doc: PlanDocument | undefined; revision: number }> {
  const rows = await loadPlanRows(db, planId);
  return { doc: rows ? toDocument(rows) : undefined, revision: rows?.plan.revision ?? 0 };
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
