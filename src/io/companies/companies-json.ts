import { z } from "zod";
import { companyInputSchema, type Company, type PublicCompany } from "../../core/companies/company.schema.js";
import { publicView, type Audience } from "../../core/companies/company.visibility.js";
import { validationError } from "../../core/errors.js";
import type { Municipality } from "../../core/municipalities/municipality.js";
import { toIssues } from "../../core/validation.js";
import type { TableEntry } from "./companies-table.js";

export const COMPANIES_FORMAT = "shinko-companies/1";

/** A shinko-companies/1 document (docs/companies-format.md). */
export interface CompaniesDocument {
  format: typeof COMPANIES_FORMAT;
  municipality: Municipality;
  /** The date of the latest change in the file (null for an empty registry). */
  asOf: string | null;
  /** Who may read the file: "public" files hold public fields only. */
  audience: Audience;
  companies: Record<string, unknown>[];
}

function entryOf(c: Company | PublicCompany): Record<string, unknown> {
  const { municipalityCode: _m, version: _v, createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

/**
 * The registry as a document: companies in id order; for the public, only listed companies and
 * their public fields (through publicView).
 */
export function companiesDocument(
  municipality: Municipality,
  companies: readonly Company[],
  audience: Audience,
): CompaniesDocument {
  const chosen = [...companies]
    .filter((c) => audience === "staff" || c.listed)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const asOf = chosen.reduce<string | null>(
    (max, c) => (max === null || c.updatedAt > max ? c.updatedAt : max),
    null,
  );
  return {
    format: COMPANIES_FORMAT,
    municipality: {
      code: municipality.code,
      slug: municipality.slug,
      name: municipality.name,
      prefecture: municipality.prefecture,
    },
    asOf: asOf?.slice(0, 10) ?? null,
    audience,
    companies: chosen.map((c) => entryOf(audience === "staff" ? c : publicView(c))),
  };
}

/** The same document gives the same bytes: two-space JSON and a final line break. */
export function serializeCompanies(doc: CompaniesDocument): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
}

const documentSchema = z.object({
  format: z.literal(COMPANIES_FORMAT, { error: `must be "${COMPANIES_FORMAT}"` }),
  municipality: z.union([
    z.string(),
    z.object({ code: z.string(), slug: z.string(), name: z.string(), prefecture: z.string() }),
  ]),
  asOf: z.string().nullable().optional(),
  audience: z.enum(["public", "staff"]).optional(),
  companies: z.array(z.unknown()).max(500_000),
});

/** Reads a shinko-companies/1 file into entries, refusing problems by JSON path. */
export function readCompaniesJson(
  bytes: Uint8Array,
  source: string,
): { municipality: Municipality | string; entries: TableEntry[] } {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/u, ""));
  } catch (error) {
    throw validationError([
      {
        path: source,
        message: `is not JSON text (${error instanceof Error ? error.message : String(error)})`,
      },
    ]);
  }
  const top = documentSchema.safeParse(data);
  if (!top.success) throw validationError(toIssues(top.error, "", data));
  const issues = [];
  const entries: TableEntry[] = [];
  for (const [i, raw] of top.data.companies.entries()) {
    const parsed = companyInputSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(...toIssues(parsed.error, `companies[${i}]`, raw));
      continue;
    }
    const where = `companies[${i}]`;
    entries.push({ input: parsed.data, where, locate: (path) => `${where}.${path}` });
  }
  if (issues.length > 0) throw validationError(issues);
  return { municipality: top.data.municipality, entries };
}
