import { describeActors, type ActorView } from "../accounts/actor-names.js";
import { DomainError, notFound } from "../errors.js";
import { fiscalYearSpan, parseFiscalYear } from "../fiscal/index.js";
import { updateAction, type ActionEditOutcome } from "../plan/plan.edit.js";
import type { Db } from "../plan/plan.repository.js";
import type { Action, PlanDocument } from "../plan/plan.schema.js";
import type { WriteContext } from "../plan/plan.service.js";
import { diffJson, type Difference } from "./diff.js";
import {
  findEntityVersion,
  latestChangesAt,
  listEntityChanges,
  listPlanChanges,
} from "./history.repository.js";

export interface VersionEntry {
  version: number;
  at: string;
  /** As stored (an e-mail address, for changes by people): never shown to the public. */
  actor: string;
  /** Who that is, read at the time of asking: the role for everyone, the name for staff. */
  who: ActorView;
  source: string;
  summary: string;
}

/** Every version of an action, newest first: who, when, how, what changed. */
export async function actionHistory(db: Db, planId: string, number: number): Promise<VersionEntry[]> {
  const rows = await listEntityChanges(db, planId, "action", String(number));
  if (rows.length === 0) throw notFound(`history of action ${number} of plan "${planId}"`);
  const who = await describeActors(
    db,
    rows.map((r) => r.actor),
  );
  return rows.map((r) => ({
    version: r.version,
    at: r.at,
    actor: r.actor,
    who: who.get(r.actor)!,
    source: r.source,
    summary: r.summary,
  }));
}

export interface VersionDetail extends VersionEntry {
  /** Whether the version created the action, removed it, or changed it. */
  change: "created" | "removed" | "changed";
  /** The top-level fields the version changed (name, records, indicators …), in the action's order. */
  fields: string[];
}

/**
 * Every version of an action, newest first, with the fields each one changed: what a history
 * page lists (the stored summary is a short English note; this is the structured form).
 *
 * @example
 * (await actionVersions(db, "kadoma", 13))[0] // { version: 2, change: "changed", fields: ["records", "evaluations"], … }
 */
export async function actionVersions(db: Db, planId: string, number: number): Promise<VersionDetail[]> {
  const rows = await listEntityChanges(db, planId, "action", String(number));
  if (rows.length === 0) throw notFound(`history of action ${number} of plan "${planId}"`);
  const who = await describeActors(
    db,
    rows.map((r) => r.actor),
  );
  return rows.map((r) => {
    const before: unknown = r.before_json ? JSON.parse(r.before_json) : undefined;
    const after: unknown = r.after_json ? JSON.parse(r.after_json) : undefined;
    const change = before === undefined ? "created" : after === undefined ? "removed" : "changed";
    const fields =
      change === "changed"
        ? [...new Set(diffJson(before, after).map((d) => d.path.replace(/[[.].*$/, "")))]
        : [];
    return {
      version: r.version,
      at: r.at,
      actor: r.actor,
      who: who.get(r.actor)!,
      source: r.source,
      summary: r.summary,
      change,
      fields,
    };
  });
}

/** The action as it was at a version (null when that version removed it). */
export async function actionAtVersion(
  db: Db,
  planId: string,
  number: number,
  version: number,
): Promise<Action | null> {
  const row = await findEntityVersion(db, planId, "action", String(number), version);
  if (!row) throw notFound(`version ${version} of action ${number}`);
  return row.after_json ? (JSON.parse(row.after_json) as Action) : null;
}

/** What changed between two versions of an action, field by field. */
export async function diffActionVersions(
  db: Db,
  planId: string,
  number: number,
  from: number,
  to: number,
): Promise<Difference[]> {
  const [a, b] = await Promise.all([
    actionAtVersion(db, planId, number, from),
    actionAtVersion(db, planId, number, to),
  ]);
  return diffJson(a ?? undefined, b ?? undefined);
}

/**
 * Makes an old version of an action the current one, as a new version (nothing is erased).
 * Refused like any edit when the action changed since `baseVersion`.
 */
export async function restoreActionVersion(
  db: Db,
  planId: string,
  number: number,
  version: number,
  baseVersion: number,
  context: WriteContext = {},
): Promise<ActionEditOutcome> {
  const old = await actionAtVersion(db, planId, number, version);
  if (!old)
    throw new DomainError(
      "validation_failed",
      `version ${version} of action ${number} is a removal; nothing to restore`,
    );
  return updateAction(
    db,
    planId,
    number,
    { baseVersion, action: old },
    {
      ...context,
      source: "restore",
      auditDetails: { restoredVersion: version },
    },
  );
}

/**
 * The plan as it stood at a moment, rebuilt from the history (the latest change of each entity
 * at or before `at`). Null when the plan did not exist yet.
 */
export async function planAsOf(db: Db, planId: string, at: string): Promise<PlanDocument | null> {
  const rows = await latestChangesAt(db, planId, at);
  const planRow = rows.find((r) => r.entity === "plan");
  if (!planRow?.after_json) return null;
  const structure = JSON.parse(planRow.after_json) as Omit<PlanDocument, "format" | "actions">;
  const actions = rows
    .filter((r) => r.entity === "action" && r.after_json)
    .map((r) => JSON.parse(r.after_json!) as Action)
    .sort((a, b) => a.number - b.number);
  return { format: "shinko-plan/1", ...structure, actions };
}

export interface PlanComparison {
  from: string;
  to: string;
  plan: Difference[];
  added: { number: number; name: string }[];
  removed: { number: number; name: string }[];
  changed: { number: number; name: string; differences: Difference[] }[];
}

/**
 * Reads a moment to compare at, as a person writes it: an ISO date (2025-03-31), an ISO
 * timestamp, or a fiscal year in any form src/core/fiscal reads (2024, 令和6年度, R6).
 *
 * @example
 * parseMoment("令和6年度") // { ok: true, value: 2024 }
 * parseMoment("2025-03-31") // { ok: true, value: "2025-03-31" }
 */
export function parseMoment(
  text: string,
): { ok: true; value: string | number } | { ok: false; error: string } {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(value)) {
    const day = value.slice(0, 10);
    const real =
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
    if (real) return { ok: true, value };
  } else {
    const fy = parseFiscalYear(value, { min: 1900, max: 2200 });
    if (fy.ok) return { ok: true, value: fy.value };
  }
  return { ok: false, error: `"${text}" is neither a date (YYYY-MM-DD) nor a fiscal year` };
}

/** A moment to compare at: an ISO date or timestamp (end of that day), or a fiscal year (its last day). */
export function momentOf(value: string | number): string {
  if (typeof value === "number") return `${fiscalYearSpan(value).end}T23:59:59.999Z`;
  return value.length === 10 ? `${value}T23:59:59.999Z` : value;
}

/** What was added, removed and changed in a plan between two moments. */
export async function comparePlan(
  db: Db,
  planId: string,
  from: string | number,
  to: string | number,
): Promise<PlanComparison> {
  const [a, b] = await Promise.all([
    planAsOf(db, planId, momentOf(from)),
    planAsOf(db, planId, momentOf(to)),
  ]);
  if (!a && !b) throw notFound(`plan "${planId}" at either moment`);
  const before = new Map((a?.actions ?? []).map((x) => [x.number, x]));
  const after = new Map((b?.actions ?? []).map((x) => [x.number, x]));
  const result: PlanComparison = {
    from: momentOf(from),
    to: momentOf(to),
    plan: diffJson(
      a ? { ...a, actions: undefined } : undefined,
      b ? { ...b, actions: undefined } : undefined,
    ),
    added: [],
    removed: [],
    changed: [],
  };
  for (const n of [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y)) {
    const x = before.get(n);
    const y = after.get(n);
    if (!x && y) result.added.push({ number: n, name: y.name });
    else if (x && !y) result.removed.push({ number: n, name: x.name });
    else if (x && y) {
      const differences = diffJson(x, y);
      if (differences.length > 0) result.changed.push({ number: n, name: y.name, differences });
    }
  }
  return result;
}

/** The plan's latest changes, newest first, for an activity feed. */
export async function recentChanges(db: Db, planId: string, limit = 50, before?: number) {
  const rows = await listPlanChanges(db, planId, { limit, before });
  return rows.map((r) => ({
    seq: r.seq,
    entity: r.entity,
    key: r.entity_key,
    version: r.version,
    at: r.at,
    actor: r.actor,
    source: r.source,
    summary: r.summary,
  }));
}
