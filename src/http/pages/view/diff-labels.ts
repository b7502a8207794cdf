import type { Difference } from "../../../core/history/diff.js";
import type { PageContext } from "../context.js";

/** One step of a difference's path: a field, and which item of a list it names. */
export interface PathStep {
  key: string;
  /** [fiscalYear=2025,kind=result] → { fiscalYear: "2025", kind: "result" }; [2] → { index: "2" } */
  select: Record<string, string> | null;
}

/**
 * Splits a path of src/core/history/diff.ts (records[fiscalYear=2025,kind=result].text,
 * tags[1], indicators[code=1.2].values[fiscalYear=2025]) into steps. Dots inside brackets
 * belong to the identity (indicator codes may hold dots).
 */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < path.length) {
    let key = "";
    while (i < path.length && path[i] !== "." && path[i] !== "[") key += path[i++];
    const step: PathStep = { key, select: null };
    while (path[i] === "[") {
      const end = path.indexOf("]", i);
      const inner = path.slice(i + 1, end === -1 ? path.length : end);
      i = end === -1 ? path.length : end + 1;
      const select: Record<string, string> = {};
      for (const part of inner.split(",")) {
        const eq = part.indexOf("=");
        if (eq === -1) select.index = part;
        else select[part.slice(0, eq)] = part.slice(eq + 1);
      }
      if (step.select) {
        steps.push(step);
        steps.push({ key: "", select });
      } else step.select = select;
    }
    steps.push(step);
    if (path[i] === ".") i++;
  }
  return steps.filter((s) => s.key !== "" || s.select !== null);
}

/** What the page knows to name things in a path: an indicator's name by its code. */
export interface PathNames {
  indicator?: (code: string) => string | undefined;
}

function selection(ctx: PageContext, key: string, select: Record<string, string>, names: PathNames): string {
  const { t, f } = ctx;
  if (select.index !== undefined) return t.itemNth(Number(select.index) + 1);
  const fy = select.fiscalYear !== undefined ? f.fy(Number(select.fiscalYear)) : null;
  if (fy && select.kind) return t.recordOf(t.recordKind[select.kind] ?? select.kind, fy);
  if (fy) return fy;
  if (select.code !== undefined) {
    const name = key === "indicators" ? names.indicator?.(select.code) : undefined;
    return name ? t.indicatorNamed(name) : `${t.fieldNames.code ?? "code"} ${select.code}`;
  }
  if (select.number !== undefined) return t.actionNumber(Number(select.number));
  return Object.values(select).join(", ");
}

/**
 * A difference's path in words, through the catalogue:
 * records[fiscalYear=2025,kind=result].text → 現状・実績 › 令和7年度の実績 › 本文.
 */
export function pathLabel(ctx: PageContext, path: string, names: PathNames = {}): string {
  const parts: string[] = [];
  let lastKey = "";
  for (const step of parsePath(path)) {
    if (step.key) lastKey = step.key;
    const named =
      step.key === "indicators" && step.select?.code !== undefined && names.indicator?.(step.select.code);
    // 指標「加入企業数」 says which list it is in; 指標 › 指標「…」 would say it twice.
    if (step.key && !named) parts.push(ctx.t.fieldNames[step.key] ?? step.key);
    if (step.select) parts.push(selection(ctx, lastKey, step.select, names));
  }
  return parts.join(" › ");
}

/** The top-level field a difference belongs to (name, records …), for grouping. */
export function topField(difference: Difference): string {
  return parsePath(difference.path)[0]?.key ?? "";
}
