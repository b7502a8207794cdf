import type { Issue } from "../../../core/errors.js";
import { FACETS, type CompanyQuery, type Facet } from "../../../core/companies/company.search.js";
import { parseSpecValue } from "../../../core/companies/specs.js";
import { pageOf } from "../components/query.js";
import { readRange } from "../components/range-input.js";

/** The spec ranges the search page offers (the API takes every spec of the catalogue). */
export const PAGE_SPECS = ["pressForceKn", "travelXMm"] as const;
export const SORTS = ["name", "updated", "employees"] as const;
export const PAGE_SIZE = 20;

export interface PortalQuery {
  query: CompanyQuery;
  /** What was typed in each range box, to show it back. */
  raw: Record<string, { min?: string; max?: string }>;
  issues: Issue[];
}

/**
 * The search page's query string as the core's CompanyQuery: the same parameters as
 * GET /api/v1/companies (repeatable facets, `<spec>Min`/`<spec>Max` through the core's unit
 * parser, so 200t and 1960kN both work), plus `sort` and `page`.
 */
export function readPortalQuery(params: URLSearchParams, municipalityCode: string): PortalQuery {
  const filters: Partial<Record<Facet, string[]>> = {};
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter((v) => v.trim() !== "");
    if (values.length > 0) filters[facet] = values.slice(0, 50);
  }
  const issues: Issue[] = [];
  const raw: PortalQuery["raw"] = {};
  const specs = PAGE_SPECS.flatMap((key) => {
    const r = readRange(params, key, (text) => parseSpecValue(key, text));
    raw[key] = r.raw;
    issues.push(...r.issues);
    return r.min !== undefined || r.max !== undefined ? [{ key, min: r.min, max: r.max }] : [];
  });
  const employees = readRange(params, "employees", (text) => {
    const n = Number(text.normalize("NFKC").replace(/[,人\s]/gu, ""));
    return Number.isInteger(n) && n >= 0
      ? { ok: true, value: n }
      : { ok: false, error: `"${text}" is not a number of people` };
  });
  raw.employees = employees.raw;
  issues.push(...employees.issues);
  const sortParam = params.get("sort") ?? "";
  const sort = (SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as (typeof SORTS)[number])
    : "name";
  const q = (params.get("q") ?? "").slice(0, 200).trim();
  return {
    query: {
      municipalityCode,
      ...(q ? { q } : {}),
      filters,
      specs,
      employeesMin: employees.min,
      employeesMax: employees.max,
      sort,
      page: pageOf(params, 10_000),
      pageSize: PAGE_SIZE,
    },
    raw,
    issues,
  };
}
