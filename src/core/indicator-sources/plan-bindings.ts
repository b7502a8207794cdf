import type { Clock } from "../clock.js";
import type { Db } from "../plan/plan.repository.js";
import type { PlanDocument } from "../plan/plan.schema.js";
import { computeBinding, type BindingOutcome } from "./compute.service.js";
import type { SourceRegistry } from "./registry.js";

/** The computed actual of each bound indicator of an action, by indicator code. */
export async function computeActionBindings(
  db: Db,
  registry: SourceRegistry,
  doc: PlanDocument,
  number: number,
  fiscalYear: number,
  clock?: Clock,
): Promise<Map<string, BindingOutcome>> {
  const out = new Map<string, BindingOutcome>();
  const action = doc.actions.find((a) => a.number === number);
  for (const i of action?.indicators ?? []) {
    if (!i.computedFrom) continue;
    out.set(i.code, await computeBinding(db, registry, i.computedFrom, i.unit, doc.plan, fiscalYear, clock));
  }
  return out;
}

/** The computed actual of every bound indicator of a plan, by `action/code`. */
export async function computePlanBindings(
  db: Db,
  registry: SourceRegistry,
  doc: PlanDocument,
  fiscalYear: number,
  clock?: Clock,
): Promise<Map<string, BindingOutcome>> {
  const out = new Map<string, BindingOutcome>();
  for (const a of doc.actions) {
    if (!a.indicators.some((i) => i.computedFrom)) continue;
    for (const [code, outcome] of await computeActionBindings(db, registry, doc, a.number, fiscalYear, clock))
      out.set(`${a.number}/${code}`, outcome);
  }
  return out;
}

/** What a cached page showing computed values depends on: each value and its as-of date. */
export function bindingsStamp(outcomes: ReadonlyMap<string, BindingOutcome>): string {
  return [...outcomes]
    .map(([key, o]) => (o.ok ? `${key}=${o.value.value}@${o.value.asOf}#${o.value.count}` : `${key}!`))
    .join(",");
}
