import type { Action, PlanDocument } from "./plan.schema.js";

/**
 * What replacing a plan with another version would change: per plan field, strategy, measure and
 * action, which were created, which removed, and which fields changed. The dry run of an import
 * shows this; the import applies it in one transaction.
 */
export interface ItemChanges<K> {
  created: K[];
  changed: (K & { fields: string[] })[];
  removed: K[];
  unchanged: number;
}

export interface PlanDiff {
  /** True when there is no plan with this id yet. */
  newPlan: boolean;
  /** Changed fields of the plan itself (title, asOf …), and "order" when lists were reordered. */
  plan: string[];
  strategies: ItemChanges<{ code: string }>;
  measures: ItemChanges<{ code: string }>;
  actions: ItemChanges<{ number: number; name: string }>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => !same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]),
  );
}

function compare<T extends object, K>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string | number,
  describe: (item: T) => K,
): ItemChanges<K> {
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const now = new Set(after.map(keyOf));
  const out: ItemChanges<K> = { created: [], changed: [], removed: [], unchanged: 0 };
  for (const item of after) {
    const previous = old.get(keyOf(item));
    if (!previous) out.created.push(describe(item));
    else {
      const fields = changedFields(previous, item);
      if (fields.length > 0) out.changed.push({ ...describe(item), fields });
      else out.unchanged++;
    }
  }
  for (const item of before) if (!now.has(keyOf(item))) out.removed.push(describe(item));
  return out;
}

/**
 * @example
 * const diff = diffPlans(await findPlan(db, "kadoma"), incoming);
 * diff.actions.changed // [{ number: 3, name: "…", fields: ["schedule"] }]
 */
export function diffPlans(before: PlanDocument | undefined, after: PlanDocument): PlanDiff {
  const empty: PlanDocument = { ...after, strategies: [], measures: [], actions: [] };
  const base = before ?? empty;
  const plan = before ? changedFields(before.plan, after.plan) : [];
  const order = (doc: PlanDocument) => [doc.strategies.map((s) => s.code), doc.measures.map((m) => m.code)];
  if (before && !same(order(before), order(after))) plan.push("order");
  const action = (a: Action) => ({ number: a.number, name: a.name });
  return {
    newPlan: before === undefined,
    plan,
    strategies: compare(
      base.strategies,
      after.strategies,
      (s) => s.code,
      (s) => ({ code: s.code }),
    ),
    measures: compare(
      base.measures,
      after.measures,
      (m) => m.code,
      (m) => ({ code: m.code }),
    ),
    actions: compare(base.actions, after.actions, (a) => a.number, action),
  };
}

/** True when applying the diff would change anything. */
export function hasChanges(diff: PlanDiff): boolean {
  const any = (c: ItemChanges<unknown>) => c.created.length + c.changed.length + c.removed.length > 0;
  return (
    diff.newPlan || diff.plan.length > 0 || any(diff.strategies) || any(diff.measures) || any(diff.actions)
  );
}
