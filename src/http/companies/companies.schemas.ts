import { z } from "zod";
import { allows, isMemberOf, type Principal } from "../../core/access/roles.js";
import type { CompanyQuery, SpecRange } from "../../core/companies/company.search.js";
import { FACETS } from "../../core/companies/company.search.js";
import type { Audience } from "../../core/companies/company.visibility.js";
import { parseSpecValue, SPECS } from "../../core/companies/specs.js";
import { validationError, type Issue } from "../../core/errors.js";

/**
 * Who sees a company's private fields: the staff roles that manage the registry (plan managers
 * and administrators). Viewers and action owners read the plan, not the firms' contact data, so
 * they get the public view like anyone else; a firm's member sees its own company in full (the
 * company routes check that with {@link audienceFor}).
 */
export const COMPANY_MANAGER_ROLE = "plan_manager" as const;

export function audienceOf(principal: Principal | null): Audience {
  return principal && allows(principal, COMPANY_MANAGER_ROLE) ? "staff" : "public";
}

/**
 * The audience for one company: the managers', the company's own members ("member": every field
 * but the city's notes), or the public's.
 */
export function audienceFor(principal: Principal | null, companyId: string): Audience | "member" {
  return isMemberOf(principal, companyId) ? "member" : audienceOf(principal);
}

const many = z
  .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
  .transform((v) => (Array.isArray(v) ? v : [v]).filter((s) => s.trim() !== ""));
const count = z
  .string()
  .regex(/^\d{1,7}$/, "must be a whole number")
  .transform(Number);

const specParams = Object.fromEntries(
  SPECS.flatMap((s) => [
    [
      `${s.key}Min`,
      z
        .string()
        .max(50)
        .optional()
        .meta({ description: `${s.label} at least (${s.unit}; other units accepted, e.g. 200t)` }),
    ],
    [
      `${s.key}Max`,
      z
        .string()
        .max(50)
        .optional()
        .meta({ description: `${s.label} at most (${s.unit})` }),
    ],
  ]),
) as Record<string, z.ZodOptional<z.ZodString>>;

export const companySearchQuery = z.strictObject({
  q: z
    .string()
    .max(500)
    .optional()
    .meta({ description: "Words, all of which must occur (width and case ignored)" }),
  municipality: z
    .string()
    .max(64)
    .optional()
    .meta({ description: "全国地方公共団体コード or slug (kadoma)" }),
  process: many.optional().meta({
    description: "Process names or codes (repeatable; a parent matches its children)",
    examples: ["プレス加工"],
  }),
  material: many.optional(),
  equipment: many.optional(),
  certification: many.optional(),
  industry: many.optional().meta({ description: "日本標準産業分類 codes, 2 to 4 digits" }),
  town: many.optional(),
  employeesMin: count.optional(),
  employeesMax: count.optional(),
  sort: z.enum(["name", "updated", "employees"]).optional(),
  page: count.optional(),
  pageSize: count.optional().meta({ description: "1–100, default 20" }),
  ...specParams,
});
export type CompanySearchParams = z.output<typeof companySearchQuery>;

/** The query string → a core query, reading spec bounds as people write them (200t, 1,000mm). */
export function toCompanyQuery(params: CompanySearchParams, municipalityCode?: string): CompanyQuery {
  const issues: Issue[] = [];
  const specs: SpecRange[] = [];
  const raw = params as Record<string, unknown>;
  for (const s of SPECS) {
    const range: SpecRange = { key: s.key };
    for (const bound of ["Min", "Max"] as const) {
      const text = raw[`${s.key}${bound}`];
      if (typeof text !== "string" || text.trim() === "") continue;
      const parsed = parseSpecValue(s.key, text);
      if (!parsed.ok) issues.push({ path: `query.${s.key}${bound}`, message: parsed.error });
      else if (bound === "Min") range.min = parsed.value;
      else range.max = parsed.value;
    }
    if (range.min !== undefined || range.max !== undefined) specs.push(range);
  }
  if (issues.length > 0) throw validationError(issues);
  const filters: CompanyQuery["filters"] = {};
  for (const f of FACETS) if (params[f]?.length) filters[f] = params[f];
  return {
    municipalityCode,
    q: params.q,
    filters,
    specs,
    employeesMin: params.employeesMin,
    employeesMax: params.employeesMax,
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
  };
}

export const facetCountSchema = z
  .object({
    value: z.string(),
    name: z.string(),
    parent: z.string().nullable(),
    count: z.number().int(),
    selected: z.boolean(),
  })
  .meta({ id: "FacetCount" });

export const companyIdParams = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a company id"),
});
