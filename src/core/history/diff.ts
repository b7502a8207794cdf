/**
 * Field-level differences between two JSON values, for history and plan comparison. Lists of
 * objects that carry an identity (number, code, fiscalYear) are matched by it, so inserting an
 * item shows as one addition rather than every later item changing.
 */
export interface Difference {
  /** JSON path: records[fiscalYear=2025].text, tags[1], name */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const IDENTITY_KEYS = ["number", "code", "fiscalYear"] as const;

function identityOf(item: unknown): string | null {
  if (!item || typeof item !== "object" || Array.isArray(item)) return null;
  const o = item as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of IDENTITY_KEYS) if (key in o) parts.push(`${key}=${String(o[key])}`);
  // A record is identified by its year and kind together.
  if ("kind" in o && "fiscalYear" in o && typeof o.text === "string") parts.push(`kind=${String(o.kind)}`);
  return parts.length > 0 ? parts.join(",") : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/**
 * @example
 * diffJson({ name: "a", tags: ["DX"] }, { name: "b", tags: ["DX", "GX"] })
 * // [{ path: "name", kind: "changed", before: "a", after: "b" }, { path: "tags[1]", kind: "added", after: "GX" }]
 */
export function diffJson(before: unknown, after: unknown, path = ""): Difference[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ path, kind: "added", after }];
  if (after === undefined) return [{ path, kind: "removed", before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffJson(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ids = before.map(identityOf);
    const keyed = ids.every((id) => id !== null) && after.every((item) => identityOf(item) !== null);
    if (keyed && (before.length > 0 || after.length > 0)) {
      const b = new Map(before.map((item) => [identityOf(item)!, item]));
      const a = new Map(after.map((item) => [identityOf(item)!, item]));
      const order = [...new Set([...b.keys(), ...a.keys()])];
      return order.flatMap((id) => diffJson(b.get(id), a.get(id), `${path}[${id}]`));
    }
    const out: Difference[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) out.push(...diffJson(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  return [{ path, kind: "changed", before, after }];
}
