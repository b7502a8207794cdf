import { recordAudit, systemActor, type AuditActor } from "../../core/audit/audit.js";
import { DomainError, type Issue } from "../../core/errors.js";
import { diffPlans, hasChanges, type PlanDiff } from "../../core/plan/plan.diff.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument, PlanMeta } from "../../core/plan/plan.schema.js";
import {
  findPlanAtRevision,
  listPlans,
  savePlan,
  systemClock,
  type Clock,
} from "../../core/plan/plan.service.js";
import type { ImportDraft, ImportFormat, ProgressListener } from "./import-types.js";
import { keepUnshown, keptNote } from "./keep-unshown.js";

/**
 * Every import goes through here, whatever the format: resolve the target plan, fill what the
 * file cannot carry from it, validate everything, compute what would change, and (unless it is a
 * dry run) write it all in one transaction. A file with any error writes nothing.
 */

export interface ImportReport {
  source: string;
  format: ImportFormat;
  encoding?: string;
  planId: string;
  title: string;
  dryRun: boolean;
  /** created / replaced: written (or, in a dry run, would be); unchanged: nothing to write. */
  outcome: "created" | "replaced" | "unchanged";
  revision: number | null;
  changes: PlanDiff;
  warnings: Issue[];
}

export interface ImportOptions {
  source: string;
  /** The plan to create or replace; overrides the id the file names. */
  planId?: string | undefined;
  dryRun: boolean;
  clock?: Clock;
  /** Who imports, for the history: an account id, or "cli". */
  actor?: string;
  /** Who the audit log names (plan.imported); when absent, the system under `actor`. */
  audit?: AuditActor;
  onProgress?: ProgressListener;
}

const REQUIRED_META: Partial<Record<keyof PlanMeta, string>> = {
  municipality: "municipality (地方公共団体名)",
  title: "title (計画名)",
  asOf: "as-of date (時点)",
  fiscalYears: "fiscal years (計画期間)",
};

/**
 * At most this many problems are listed; the rest are counted. A file of a million bad rows
 * answered with 82 MB of errors, which helps nobody and costs the server the memory.
 */
export const MAX_LISTED_PROBLEMS = 100;

/** Plan fields named in the note of what an import keeps from the plan it replaces. */
const KEPT_META: Partial<Record<keyof PlanMeta, string>> = {
  municipalityCode: "municipality code",
  prefecture: "prefecture",
  source: "source",
};

function refused(source: string, issues: readonly Issue[]): DomainError {
  const n = issues.length;
  const listed = issues.slice(0, MAX_LISTED_PROBLEMS);
  if (n > MAX_LISTED_PROBLEMS) {
    const more = n - MAX_LISTED_PROBLEMS;
    listed.push({
      path: source,
      message: `and ${more} more problem${more === 1 ? "" : "s"} (only the first ${MAX_LISTED_PROBLEMS} are listed)`,
    });
  }
  return new DomainError(
    "validation_failed",
    `${source}: refused, nothing was written: ${n} problem${n === 1 ? "" : "s"}${n > 0 ? ` (first: ${issues[0]!.path}: ${issues[0]!.message})` : ""}`,
    listed,
  );
}

/** Replaces JSON paths (actions[3].name, also inside messages) by the file's own places. */
function placeIssues(issues: readonly Issue[], locate: ImportDraft["locate"]): Issue[] {
  if (!locate) return [...issues];
  return issues.map((issue) => ({
    path: locate(issue.path) ?? issue.path,
    message: issue.message.replace(/(actions|strategies|measures)\[\d+\]/g, (p) => locate(p) ?? p),
  }));
}

async function targetId(
  db: Db,
  draft: ImportDraft,
  doc: PlanDocument,
  options: ImportOptions,
  warnings: Issue[],
): Promise<string> {
  if (options.planId !== undefined) {
    if (doc.plan.id !== "" && doc.plan.id !== options.planId) {
      warnings.push({
        path: options.source,
        message: `the file is plan "${doc.plan.id}"; imported as plan "${options.planId}" as asked`,
      });
    }
    return options.planId;
  }
  if (doc.plan.id !== "") return doc.plan.id;
  // Text pasted from the city's table names no id: the plan with the same title is the one it updates.
  const plans = await listPlans(db);
  const same = plans.filter((p) => p.title === doc.plan.title);
  if (same.length === 1) return same[0]!.id;
  const { from, to } = doc.plan.fiscalYears;
  if (same.length === 0 && doc.plan.title !== "" && from > 0 && to > 0) {
    // No plan has this title: a new plan, named by its years (the title is Japanese; ids are ASCII).
    const taken = new Set(plans.map((p) => p.id));
    const base = `plan-${from}-${to}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    warnings.push({
      path: options.source,
      message: `the ${draft.format} file names no plan id and no plan has its title; created as plan "${id}" (give --plan ID to choose the id)`,
    });
    return id;
  }
  throw refused(options.source, [
    {
      path: "--plan",
      message: `the ${draft.format} file names no plan id${same.length > 1 ? ` and ${same.length} plans have its title` : ""}; give one with --plan ID (the plan to create or replace)`,
    },
  ]);
}

function merged<T>(existing: readonly T[], incoming: readonly T[], key: (item: T) => string): T[] {
  const now = new Map(incoming.map((i) => [key(i), i]));
  const out = existing.map((e) => now.get(key(e)) ?? e);
  const kept = new Set(existing.map(key));
  return [...out, ...incoming.filter((i) => !kept.has(key(i)))];
}

/**
 * @example
 * const report = await runImport(db, await readImport(bytes, { source, format }), { source, dryRun: true });
 */
export async function runImport(db: Db, draft: ImportDraft, options: ImportOptions): Promise<ImportReport> {
  const warnings = placeIssues(draft.warnings, draft.locate);
  if (draft.errors.length > 0 || !draft.document) {
    throw refused(
      options.source,
      draft.errors.length > 0
        ? placeIssues(draft.errors, draft.locate)
        : [{ path: options.source, message: "nothing could be read" }],
    );
  }
  options.onProgress?.("checking");
  const doc: PlanDocument = structuredClone(draft.document);
  const planId = await targetId(db, draft, doc, options, warnings);
  doc.plan.id = planId;
  const { doc: existing, revision: readAt } = await findPlanAtRevision(db, planId);

  const missing: Issue[] = [];
  for (const key of draft.missingMeta) {
    const value = existing?.plan[key];
    if (value !== undefined) (doc.plan as Record<string, unknown>)[key] = value;
    else if (REQUIRED_META[key]) {
      missing.push({
        path: options.source,
        message: `the file does not give the plan's ${REQUIRED_META[key]}; import it into an existing plan (--plan ID) or use a format that carries it`,
      });
    }
  }
  if (missing.length > 0) throw refused(options.source, missing);
  if (existing && draft.lacks?.scales) doc.scales = existing.scales;
  if (existing && draft.lacks?.indicators) {
    const before = new Map(existing.actions.map((a) => [a.number, a]));
    for (const a of doc.actions) {
      a.indicators = before.get(a.number)?.indicators ?? [];
      a.evaluations = before.get(a.number)?.evaluations ?? [];
    }
  }
  if (existing && draft.lacks?.recovered) {
    const before = new Map(existing.actions.map((a) => [a.number, a]));
    for (const a of doc.actions)
      if (a.recovered.length === 0) a.recovered = before.get(a.number)?.recovered ?? [];
    // Say what the file could not carry and was kept, so the dry run shows it before anything is written.
    const kept = [
      draft.lacks.indicators ? "indicators and evaluations" : null,
      "recovery notes",
      draft.lacks.scales ? "the review's scales" : null,
      ...draft.missingMeta
        .filter((k) => existing.plan[k] !== undefined && KEPT_META[k])
        .map((k) => KEPT_META[k]!),
    ].filter((x) => x !== null);
    const what =
      draft.format === "xlsx"
        ? "the workbook has no metadata sheet (メタデータ)"
        : `the ${draft.format === "csv" ? "CSV" : "pasted"} table carries no metadata (a workbook's メタデータ sheet)`;
    warnings.push({
      path: options.source,
      message: `${what}; kept from plan "${planId}": ${kept.join(", ")}`,
    });
    if (draft.table) {
      const unshown = keepUnshown(doc, existing, draft.table);
      if (unshown.length > 0) warnings.push(keptNote(options.source, planId, unshown));
    }
  }
  if (draft.partialSystem && existing) {
    doc.strategies = merged(existing.strategies, doc.strategies, (s) => s.code);
    doc.measures = merged(existing.measures, doc.measures, (m) => m.code);
  }

  let valid: PlanDocument;
  try {
    valid = validatePlanDocument(doc);
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed") {
      throw refused(options.source, placeIssues(error.issues, draft.locate));
    }
    throw error;
  }
  const changes = diffPlans(existing, valid);
  const report: ImportReport = {
    source: options.source,
    format: draft.format,
    ...(draft.encoding ? { encoding: draft.encoding } : {}),
    planId,
    title: valid.plan.title,
    dryRun: options.dryRun,
    outcome: !hasChanges(changes) ? "unchanged" : existing ? "replaced" : "created",
    revision: null,
    changes,
    warnings,
  };
  if (options.dryRun || report.outcome === "unchanged") return report;
  options.onProgress?.("writing");
  const clock = options.clock ?? systemClock;
  const outcome = await db.transaction().execute(async (trx) => {
    const saved = await savePlan(trx, valid, {
      clock,
      actor: options.actor ?? "system",
      source: "import",
      expectedRevision: readAt,
    });
    await recordAudit(
      trx,
      {
        kind: "plan.imported",
        actor: options.audit ?? systemActor(options.actor ?? "system"),
        subject: { type: "plan", id: planId },
        details: {
          source: options.source.slice(0, 200),
          format: draft.format,
          outcome: report.outcome,
          revision: saved.revision,
          actions: valid.actions.length,
          created: changes.actions.created.length,
          changed: changes.actions.changed.length,
          removed: changes.actions.removed.length,
        },
      },
      clock,
    );
    return saved;
  });
  report.revision = outcome.revision;
  return report;
}
