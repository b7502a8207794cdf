import { recordAudit, systemActor } from "../audit/audit.js";
import { DomainError, notFound } from "../errors.js";
import { diffJson } from "../history/diff.js";
import { appendChanges, listEntityChanges, type ChangeSource } from "../history/history.repository.js";
import { toDocument, toRows } from "./plan.mapper.js";
import { loadPlanRows, type Db } from "./plan.repository.js";
import { validatePlanDocument } from "./plan.rules.js";
import type { Action } from "./plan.schema.js";
import { summarize, systemClock, type WriteContext } from "./plan.service.js";
import { beginPlanWrite, lockPlan, replaceActionRows } from "./plan.writes.js";

export interface ActionEdit {
  /** The version the editor started from; a save on top of someone else's change is refused. */
  baseVersion: number;
  /** The whole action as it should be (its number must stay the same). */
  action: unknown;
}

export interface ActionEditOutcome {
  number: number;
  version: number;
  revision: number;
  changed: boolean;
}

/**
 * Replaces one action of a plan. Refuses, with a conflict that shows the other change, when the
 * action changed since `baseVersion`: no update is ever lost. Validates the action in the context
 * of the whole plan (measure, relisted action, years, scales) and keeps the change in the history.
 * Run inside a transaction.
 *
 * @example
 * await db.transaction().execute((trx) => updateAction(trx, "kadoma", 1, { baseVersion: 3, action }, { actor: "a@city.jp" }));
 */
export async function updateAction(
  db: Db,
  planId: string,
  number: number,
  edit: ActionEdit,
  context: WriteContext & { source?: ChangeSource; auditDetails?: Record<string, unknown> } = {},
): Promise<ActionEditOutcome> {
  await beginPlanWrite(db, planId);
  const rows = await loadPlanRows(db, planId);
  if (!rows) throw notFound(`plan "${planId}"`);
  const current = rows.actions.find((a) => a.number === number);
  if (!current) throw await removedSince(db, planId, number, edit.baseVersion);
  const doc = toDocument(rows);
  const before = doc.actions.find((a) => a.number === number)!;

  if (edit.baseVersion !== current.version) {
    const changes = await listEntityChanges(db, planId, "action", String(number));
    const since = changes.filter((c) => c.version > edit.baseVersion).reverse();
    const base = changes.find((c) => c.version === edit.baseVersion);
    const baseAction: unknown = base?.after_json ? JSON.parse(base.after_json) : null;
    const last = since[since.length - 1];
    throw new DomainError(
      "conflict",
      `action ${number} was changed by ${last?.actor ?? "someone else"} at ${last?.at ?? "an unknown time"} ` +
        `after you opened it (your version ${edit.baseVersion}, now ${current.version}); nothing was saved`,
      [
        {
          path: "baseVersion",
          message: `is ${edit.baseVersion}, the action is now at version ${current.version}`,
        },
      ],
      {
        currentVersion: current.version,
        changes: since.map((c) => ({
          version: c.version,
          at: c.at,
          actor: c.actor,
          source: c.source,
          summary: c.summary,
        })),
        theirChanges: baseAction ? diffJson(baseAction, before) : [],
        current: before,
      },
    );
  }

  const input = edit.action as Record<string, unknown> | null;
  if (input && typeof input === "object" && "number" in input && input.number !== number) {
    throw new DomainError("validation_failed", "an action's number cannot change", [
      { path: "action.number", message: `must stay ${number}` },
    ]);
  }
  const candidate = { ...doc, actions: doc.actions.map((a) => (a.number === number ? edit.action : a)) };
  let validated;
  try {
    validated = validatePlanDocument(candidate);
  } catch (error) {
    // Point paths at the edited action rather than its place in the plan.
    if (error instanceof DomainError) {
      const index = doc.actions.findIndex((a) => a.number === number);
      const issues = error.issues.map((i) => ({ ...i, path: i.path.replace(`actions[${index}]`, "action") }));
      throw new DomainError(
        error.code,
        issues[0] ? `${issues[0].path}: ${issues[0].message}` : error.message,
        issues,
      );
    }
    throw error;
  }
  const after = validated.actions.find((a) => a.number === number)!;
  const differences = diffJson(before, after);
  if (differences.length === 0)
    return { number, version: current.version, revision: rows.plan.revision, changed: false };

  const now = (context.clock ?? systemClock).now().toISOString();
  const revision = (await lockPlan(db, planId, now, rows.plan.revision))!;
  const version = current.version + 1;
  const actionRows = toRows(
    { ...validated, actions: [after] },
    {
      revision,
      createdAt: rows.plan.created_at,
      updatedAt: now,
      versions: { plan: rows.plan.version, actions: new Map([[number, version]]) },
    },
  );
  await replaceActionRows(db, planId, number, current.version, actionRows);
  await appendChanges(
    db,
    planId,
    [
      {
        entity: "action",
        key: String(number),
        version,
        source: context.source ?? "edit",
        summary: summarize(differences),
        before,
        after,
      },
    ],
    { at: now, actor: context.actor ?? "system" },
  );
  // A publication is audited once for the cycle (review_cycle.published), not per action.
  if (context.source !== "publish") {
    await recordAudit(
      db,
      {
        kind: context.source === "restore" ? "action.restored" : "action.updated",
        actor: context.audit ?? systemActor(context.actor ?? "system"),
        subject: { type: "action", id: `${planId}/${number}` },
        details: {
          planId,
          number,
          fromVersion: current.version,
          version,
          summary: summarize(differences),
          ...context.auditDetails,
        },
      },
      context.clock,
    );
  }
  return { number, version, revision, changed: true };
}

/**
 * Why an edit found no action: it never existed (not found), or a later write (an import)
 * removed it after the editor's version; then a conflict naming the removal's version, so the
 * edit is refused like any other stale save and never brings the action back.
 */
async function removedSince(db: Db, planId: string, number: number, baseVersion: number) {
  const latest = (await listEntityChanges(db, planId, "action", String(number)))[0];
  if (!latest || latest.after_json !== null) return notFound(`action ${number} of plan "${planId}"`);
  return new DomainError(
    "conflict",
    `action ${number} was removed by ${latest.actor} at ${latest.at} after you opened it ` +
      `(your version ${baseVersion}, now ${latest.version}); nothing was saved`,
    [
      {
        path: "baseVersion",
        message: `is ${baseVersion}, the action was removed at version ${latest.version}`,
      },
    ],
    { currentVersion: latest.version, removed: true },
  );
}

/** The action with its current version, for an editor to start from. */
export async function getActionForEdit(
  db: Db,
  planId: string,
  number: number,
): Promise<{ action: Action; version: number }> {
  const rows = await loadPlanRows(db, planId);
  const row = rows?.actions.find((a) => a.number === number);
  if (!rows || !row) throw notFound(`action ${number} of plan "${planId}"`);
  const action = toDocument(rows).actions.find((a) => a.number === number)!;
  return { action, version: row.version };
}
