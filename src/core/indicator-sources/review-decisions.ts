import type { Clock } from "../clock.js";
import type { Issue } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import type { PlanDocument } from "../plan/plan.schema.js";
import type { ReviewContent } from "../review/review.schema.js";
import { snapshotOf } from "./compute.service.js";
import { computeActionBindings } from "./plan-bindings.js";
import type { SourceRegistry } from "./registry.js";

const MAX_REASON = 2_000;

/**
 * Settles the owner's decisions on bound indicators in a review's content, from the source
 * itself (a client's `computed` is never trusted): an accepted actual becomes the value computed
 * now, with its as-of date; an override keeps the typed actual and needs a reason; an actual
 * typed without a decision counts as accepted when it equals the computed value and is refused
 * otherwise, so a figure never silently differs from the records.
 */
export async function settleSourceDecisions(
  db: Db,
  registry: SourceRegistry,
  doc: PlanDocument,
  number: number,
  fiscalYear: number,
  content: ReviewContent,
  clock?: Clock,
): Promise<{ content: ReviewContent; issues: Issue[] }> {
  const issues: Issue[] = [];
  const computed = await computeActionBindings(db, registry, doc, number, fiscalYear, clock);
  const action = doc.actions.find((a) => a.number === number);
  const indicators = content.indicators.map((entry, index) => {
    const at = `content.indicators[${index}]`;
    const binding = action?.indicators.find((i) => i.code === entry.code)?.computedFrom;
    const outcome = computed.get(entry.code);
    const { fromSource, ...plain } = entry;
    if (!binding || !outcome) {
      if (fromSource)
        issues.push({
          path: `${at}.fromSource`,
          message: `indicator "${entry.code}" is not computed from a source`,
        });
      return plain;
    }
    const snapshot = outcome.ok ? snapshotOf(outcome.value) : null;
    const decision =
      fromSource?.decision ??
      (entry.actual !== null && snapshot && snapshot.value === entry.actual ? "accepted" : undefined);
    if (decision === "accepted") {
      if (!snapshot) {
        issues.push({
          path: `${at}.fromSource`,
          message: `cannot be computed: ${outcome.ok ? "" : outcome.problem}`,
        });
        return plain;
      }
      return { ...plain, actual: snapshot.value, fromSource: { decision, reason: null, computed: snapshot } };
    }
    if (decision === "overridden") {
      const reason = (fromSource?.reason ?? "").trim();
      if (reason === "" || reason.length > MAX_REASON)
        issues.push({
          path: `${at}.fromSource.reason`,
          message: "say why the actual differs from the computed value (1–2,000 characters)",
        });
      if (entry.actual === null)
        issues.push({ path: `${at}.actual`, message: "give the actual that replaces the computed value" });
      return { ...plain, fromSource: { decision, reason, computed: snapshot } };
    }
    if (entry.actual !== null)
      issues.push({
        path: `${at}.fromSource`,
        message: snapshot
          ? `the actual is computed from ${binding.source} (${snapshot.value}); accept it or give a reason for ${entry.actual}`
          : `the actual is computed from ${binding.source}; give a reason for typing it instead`,
      });
    return plain;
  });
  return { content: { ...content, indicators }, issues };
}

/**
 * The decisions a save made or changed (accepted, overridden, a new reason), for the audit log:
 * one entry per indicator whose decision differs from the content before.
 */
export function changedDecisions(
  before: ReviewContent,
  after: ReviewContent,
): {
  code: string;
  decision: "accepted" | "overridden";
  actual: number | null;
  computed: number | null;
  asOf: string | null;
  reason: string | null;
}[] {
  const out = [];
  for (const entry of after.indicators) {
    const d = entry.fromSource;
    if (!d) continue;
    const old = before.indicators.find((i) => i.code === entry.code);
    const same =
      old?.fromSource?.decision === d.decision &&
      old.actual === entry.actual &&
      (old.fromSource.reason ?? null) === (d.reason ?? null);
    if (same) continue;
    out.push({
      code: entry.code,
      decision: d.decision,
      actual: entry.actual,
      computed: d.computed?.value ?? null,
      asOf: d.computed?.asOf ?? null,
      reason: d.reason ?? null,
    });
  }
  return out;
}
