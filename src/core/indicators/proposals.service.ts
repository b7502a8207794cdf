import { recordAudit } from "../audit/audit.js";
import { z } from "zod";
import { DomainError, notFound } from "../errors.js";
import { updateAction } from "../plan/plan.edit.js";
import { getPlan, systemClock } from "../plan/plan.service.js";
import { loadPlanRows, type Db } from "../plan/plan.repository.js";
import { beginPlanWrite } from "../plan/plan.writes.js";
import type { Action } from "../plan/plan.schema.js";
import { actorLabel, auditActorOf, requireManager } from "../review/review.permissions.js";
import type { ReviewContext } from "../review/review.service.js";
import { parseWith } from "../validation.js";
import { proposePlanValues, type ValueProposal } from "./extract.js";
import type { Evidence, Indicator } from "./indicator.schema.js";

export type ProposalStatus = "proposed" | "accepted" | "rejected";

export interface ProposalView extends ValueProposal {
  status: ProposalStatus;
  /** The indicator that took the value, once accepted. */
  indicatorCode: string | null;
  note: string;
  /** How many decisions were taken on it (0: none yet); a decision names the version it saw. */
  version: number;
}

function sameEvidence(e: Evidence | null, p: ValueProposal): boolean {
  return (
    !!e &&
    e.record.kind === p.record.kind &&
    e.record.fiscalYear === p.record.fiscalYear &&
    e.excerpt === p.excerpt
  );
}

function acceptedBy(action: Action | undefined, p: ValueProposal): Indicator | undefined {
  return action?.indicators.find(
    (i) =>
      (i.baseline && i.baseline.value === p.value && sameEvidence(i.baseline.evidence, p)) ||
      i.values.some((v) => v.actual === p.value && sameEvidence(v.evidence, p)),
  );
}

/** The indicator a person accepted the value into, corrected or not, while it still holds it. */
function acceptedAs(
  action: Action | undefined,
  p: ValueProposal,
  code: string | null,
): Indicator | undefined {
  const indicator = action?.indicators.find((i) => i.code === code);
  const holds =
    !!indicator &&
    (sameEvidence(indicator.baseline?.evidence ?? null, p) ||
      indicator.values.some((v) => v.actual !== null && sameEvidence(v.evidence, p)));
  return holds ? indicator : undefined;
}

/** Every value the plan's text proposes, with what was decided about it. */
export async function listProposals(db: Db, planId: string): Promise<ProposalView[]> {
  const doc = await getPlan(db, planId);
  const decisions = new Map(
    (await db.selectFrom("indicator_decisions").selectAll().where("plan_id", "=", planId).execute()).map(
      (d) => [d.proposal_id, d],
    ),
  );
  return proposePlanValues(doc.actions).map((p) => {
    const indicator = acceptedBy(
      doc.actions.find((a) => a.number === p.actionNumber),
      p,
    );
    const decision = decisions.get(p.id);
    const version = decision?.version ?? 0;
    const taken =
      indicator ??
      (decision?.status === "accepted"
        ? acceptedAs(
            doc.actions.find((a) => a.number === p.actionNumber),
            p,
            decision.indicator_code,
          )
        : undefined);
    if (taken)
      return { ...p, status: "accepted", indicatorCode: taken.code, note: decision?.note ?? "", version };
    if (decision?.status === "rejected")
      return { ...p, status: "rejected", indicatorCode: null, note: decision.note, version };
    return { ...p, status: "proposed", indicatorCode: null, note: "", version };
  });
}

export const acceptSchema = z
  .strictObject({
    /** An existing indicator of the action to add the value to; or leave out and describe a new one. */
    indicatorCode: z.string().min(1).max(20).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(["activity", "outcome"]).optional(),
    /** baseline (基準値) or actual (実績値). */
    as: z.enum(["baseline", "actual"]),
    /** The person's correction of the number or the year, when the reading was wrong. */
    value: z.number().finite().optional(),
    fiscalYear: z.number().int().min(1900).max(2200).optional(),
    note: z.string().max(2_000).default(""),
  })
  .meta({ id: "AcceptProposal" });

function nextCode(indicators: readonly Indicator[]): string {
  const used = new Set(indicators.map((i) => i.code));
  let n = indicators.length + 1;
  while (used.has(String(n))) n++;
  return String(n);
}

/**
 * Accepts a proposed value (as read, or as the person corrected it) into an indicator of its
 * action: an existing one, or a new one named by the person. The value keeps its evidence: the
 * record and sentence it was read from.
 */
export async function acceptProposal(
  db: Db,
  planId: string,
  proposalId: string,
  input: unknown,
  context: ReviewContext,
) {
  requireManager(context.actor, "accept indicator values");
  const choice = parseWith(acceptSchema, input);
  await beginPlanWrite(db, planId);
  const proposal = (await listProposals(db, planId)).find((p) => p.id === proposalId);
  if (!proposal) throw notFound(`proposal ${proposalId}`);
  if (proposal.status === "accepted")
    throw new DomainError("conflict", `proposal ${proposalId} is already accepted`);
  const rows = (await loadPlanRows(db, planId))!;
  const action = (await getPlan(db, planId)).actions.find((a) => a.number === proposal.actionNumber)!;
  const evidence: Evidence = { record: proposal.record, excerpt: proposal.excerpt };
  const value = choice.value ?? proposal.value;
  const fiscalYear = choice.fiscalYear ?? proposal.fiscalYear;
  let indicators = [...action.indicators];
  let code = choice.indicatorCode;
  if (code !== undefined) {
    if (!indicators.some((i) => i.code === code)) {
      throw new DomainError("validation_failed", `action ${action.number} has no indicator "${code}"`, [
        { path: "indicatorCode", message: "no such indicator" },
      ]);
    }
  } else {
    if (!choice.name || !choice.kind) {
      throw new DomainError("validation_failed", "name and kind are needed for a new indicator", [
        ...(!choice.name ? [{ path: "name", message: "is required for a new indicator" }] : []),
        ...(!choice.kind ? [{ path: "kind", message: "is required for a new indicator" }] : []),
      ]);
    }
    code = nextCode(indicators);
    indicators.push({
      code,
      name: choice.name,
      unit: proposal.unit,
      kind: choice.kind,
      baseline: null,
      values: [],
      source: "",
    });
  }
  indicators = indicators.map((i) => {
    if (i.code !== code) return i;
    if (choice.as === "baseline") return { ...i, baseline: { fiscalYear, value, evidence } };
    const existing = i.values.find((v) => v.fiscalYear === fiscalYear);
    const values = [
      ...i.values.filter((v) => v.fiscalYear !== fiscalYear),
      { fiscalYear, target: existing?.target ?? null, actual: value, evidence },
    ].sort((a, b) => a.fiscalYear - b.fiscalYear);
    return { ...i, values };
  });
  const version = rows.actions.find((a) => a.number === action.number)!.version;
  await updateAction(
    db,
    planId,
    action.number,
    { baseVersion: version, action: { ...action, indicators } },
    {
      actor: actorLabel(context.actor),
      audit: auditActorOf(context.actor),
      source: "edit",
      ...(context.clock ? { clock: context.clock } : {}),
    },
  );
  await decide(db, planId, proposalId, "accepted", code, choice.note, context);
  return { proposalId, actionNumber: action.number, indicatorCode: code };
}

export const rejectSchema = z
  .strictObject({
    note: z.string().max(2_000).default(""),
    /** The proposal's version the person saw (0 before any decision): another decision since is a conflict. */
    baseVersion: z.number().int().min(0),
  })
  .meta({ id: "RejectProposal" });

/**
 * Rejects a proposed value, with an optional note saying why. A compare-and-set like every
 * write: refused (conflict) when someone decided on the proposal since the version the person saw.
 */
export async function rejectProposal(
  db: Db,
  planId: string,
  proposalId: string,
  input: unknown,
  context: ReviewContext,
) {
  requireManager(context.actor, "reject indicator values");
  const { note, baseVersion } = parseWith(rejectSchema, input);
  await beginPlanWrite(db, planId);
  const proposal = (await listProposals(db, planId)).find((p) => p.id === proposalId);
  if (!proposal) throw notFound(`proposal ${proposalId}`);
  if (proposal.status === "accepted")
    throw new DomainError("conflict", `proposal ${proposalId} is accepted; edit the indicator instead`);
  if (proposal.version !== baseVersion) {
    throw new DomainError(
      "conflict",
      `proposal ${proposalId} was decided on since version ${baseVersion} (now version ${proposal.version}, ${proposal.status}); nothing was saved`,
      [],
      { current: { status: proposal.status, note: proposal.note, version: proposal.version } },
    );
  }
  await decide(db, planId, proposalId, "rejected", null, note, context);
}

async function decide(
  db: Db,
  planId: string,
  proposalId: string,
  status: "accepted" | "rejected",
  code: string | null,
  note: string,
  context: ReviewContext,
) {
  const now = (context.clock ?? systemClock).now().toISOString();
  const previous = await db
    .selectFrom("indicator_decisions")
    .select("version")
    .where("plan_id", "=", planId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
  await db
    .deleteFrom("indicator_decisions")
    .where("plan_id", "=", planId)
    .where("proposal_id", "=", proposalId)
    .execute();
  await db
    .insertInto("indicator_decisions")
    .values({
      plan_id: planId,
      proposal_id: proposalId,
      status,
      indicator_code: code,
      note,
      decided_at: now,
      decided_by: actorLabel(context.actor),
      version: (previous?.version ?? 0) + 1,
    })
    .execute();
  await recordAudit(
    db,
    {
      kind: status === "accepted" ? "indicator.accepted" : "indicator.rejected",
      actor: auditActorOf(context.actor),
      subject: { type: "indicator_proposal", id: `${planId}/${proposalId}` },
      details: { planId, proposalId, ...(code !== null ? { indicatorCode: code } : {}) },
    },
    context.clock,
  );
}
