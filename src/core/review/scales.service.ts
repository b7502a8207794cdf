import { recordAudit } from "../audit/audit.js";
import { DomainError, notFound } from "../errors.js";
import { loadPlanRows, type Db } from "../plan/plan.repository.js";
import { toDocument } from "../plan/plan.mapper.js";
import { validatePlanDocument } from "../plan/plan.rules.js";
import { savePlan, type Clock } from "../plan/plan.service.js";
import { beginPlanWrite } from "../plan/plan.writes.js";
import { actorLabel, auditActorOf, requireManager, type Actor } from "./review.permissions.js";

/**
 * Changes a plan's scales (grades, directions, rating rules). Refused when the plan changed since
 * `baseVersion`, or when a grade or direction still in use by a published evaluation would go.
 */
export async function updateScales(
  db: Db,
  planId: string,
  input: { baseVersion: number; scales: unknown },
  context: { actor: Actor; clock?: Clock },
): Promise<{ version: number }> {
  requireManager(context.actor, "change the scales");
  await beginPlanWrite(db, planId);
  const rows = await loadPlanRows(db, planId);
  if (!rows) throw notFound(`plan "${planId}"`);
  if (rows.plan.version !== input.baseVersion) {
    throw new DomainError(
      "conflict",
      `the plan's settings changed since you opened them (your version ${input.baseVersion}, now ${rows.plan.version}); nothing was saved`,
      [
        {
          path: "baseVersion",
          message: `is ${input.baseVersion}, the plan is at version ${rows.plan.version}`,
        },
      ],
      { currentVersion: rows.plan.version },
    );
  }
  const doc = validatePlanDocument({ ...toDocument(rows), scales: input.scales });
  await savePlan(db, doc, {
    actor: actorLabel(context.actor),
    source: "edit",
    ...(context.clock ? { clock: context.clock } : {}),
  });
  const after = await loadPlanRows(db, planId);
  await recordAudit(
    db,
    {
      kind: "scales.updated",
      actor: auditActorOf(context.actor),
      subject: { type: "plan", id: planId },
      details: { planId, fromVersion: rows.plan.version, version: after!.plan.version },
    },
    context.clock,
  );
  return { version: after!.plan.version };
}
