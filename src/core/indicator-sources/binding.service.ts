import { DomainError, notFound } from "../errors.js";
import { getActionForEdit, updateAction } from "../plan/plan.edit.js";
import type { Db } from "../plan/plan.repository.js";
import { getPlan, systemClock, type WriteContext } from "../plan/plan.service.js";
import { currentFiscalYear } from "../fiscal/index.js";
import type { IndicatorBinding } from "./binding.schema.js";
import { computeSource, parseParams } from "./compute.service.js";
import type { SourceRegistry } from "./registry.js";
import { unitFactor } from "./units.js";

export interface BindingTarget {
  planId: string;
  number: number;
  code: string;
}

/**
 * Binds an indicator of a plan to a source (or, with `null`, unbinds it): a change of the
 * action, so it is versioned, kept in the history, audited, exported and imported with the plan.
 * The source must exist, take the parameters and count in the indicator's unit (or a multiple
 * of it: 円 → 億円). Run inside a transaction.
 *
 * @example
 * await setBinding(trx, registry, { planId: "kadoma", number: 16, code: "1" }, { source: "companies.listed", params: {} }, { actor })
 */
export async function setBinding(
  db: Db,
  registry: SourceRegistry,
  target: BindingTarget,
  input: { source: string; params?: unknown } | null,
  context: WriteContext,
): Promise<{ binding: IndicatorBinding | null; version: number; changed: boolean }> {
  const { action, version } = await getActionForEdit(db, target.planId, target.number);
  const indicator = action.indicators.find((i) => i.code === target.code);
  if (!indicator) throw notFound(`indicator "${target.code}" of action ${target.number}`);
  let binding: IndicatorBinding | null = null;
  if (input) {
    const source = registry.require(input.source);
    binding = { source: source.id, params: parseParams(source, input.params) };
    if (unitFactor(source.unit, indicator.unit) === null)
      throw new DomainError(
        "validation_failed",
        `${source.id} counts in ${source.unit}; the indicator is in ${indicator.unit}`,
        [{ path: "source", message: `counts in ${source.unit}, not in the indicator's ${indicator.unit}` }],
      );
  }
  if (binding) await checkAgainstRecords(db, registry, target.planId, binding, context);
  const indicators = action.indicators.map((i) => {
    if (i.code !== target.code) return i;
    const { computedFrom: _old, ...rest } = i;
    return binding ? { ...rest, computedFrom: binding } : rest;
  });
  const outcome = await updateAction(
    db,
    target.planId,
    target.number,
    { baseVersion: version, action: { ...action, indicators } },
    {
      ...context,
      source: "edit",
      auditDetails: { indicator: target.code, computedFrom: binding },
    },
  );
  return { binding, version: outcome.version, changed: outcome.changed };
}

/**
 * Computes the binding once for the current fiscal year so that parameters the records do not
 * know (a process nobody defined) are refused now, naming the parameter, rather than later on
 * every page.
 */
async function checkAgainstRecords(
  db: Db,
  registry: SourceRegistry,
  planId: string,
  binding: IndicatorBinding,
  context: WriteContext,
): Promise<void> {
  const { municipalityCode } = (await getPlan(db, planId)).plan;
  if (!municipalityCode) return;
  const clock = context.clock ?? systemClock;
  try {
    await computeSource(
      db,
      registry,
      { ...binding, municipalityCode, fiscalYear: currentFiscalYear(clock.now()) },
      clock,
    );
  } catch (error) {
    if (error instanceof DomainError && error.issues.some((i) => i.path.startsWith("params"))) throw error;
  }
}
