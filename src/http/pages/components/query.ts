/**
 * Links that change part of a page's query and keep the rest: how the kit's tables, facets and
 * pagers work without JavaScript (every state is a URL).
 *
 * @example
 * hrefWith("/companies/kadoma", query, { sort: "name", page: undefined }) // "/companies/kadoma?q=…&sort=name"
 */
export function hrefWith(
  path: string,
  query: URLSearchParams,
  changes: Record<string, string | readonly string[] | undefined>,
): string {
  const next = new URLSearchParams(query);
  next.delete("lang"); // the language lives in a cookie once chosen
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    if (value === undefined) continue;
    for (const v of typeof value === "string" ? [value] : value) if (v !== "") next.append(key, v);
  }
  const s = next.toString();
  return s ? `${path}?${s}` : path;
}

/** A page number from the query: 1 when absent or not a positive whole number below `max`. */
export function pageOf(query: URLSearchParams, max = 100_000): number {
  const raw = query.get("page") ?? "";
  const n = /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
  return Math.min(n, max);
}

export type SortDirection = "asc" | "desc";
export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/**
 * The sort of a table from `sort` (a column key, `-key` for descending); the default when the
 * key is not one of the sortable columns, so a stale link never fails.
 */
export function sortOf<K extends string>(
  query: URLSearchParams,
  keys: readonly K[],
  fallback: SortState<K>,
): SortState<K> {
  const raw = query.get("sort") ?? "";
  const direction: SortDirection = raw.startsWith("-") ? "desc" : "asc";
  const key = raw.replace(/^-/, "") as K;
  return keys.includes(key) ? { key, direction } : fallback;
}

export function sortParam<K extends string>(state: SortState<K>): string {
  return state.direction === "desc" ? `-${state.key}` : state.key;
}
