import { searchDocument } from "../search/normalize.js";
import { FIELD_NAMES, type Company, type FieldName, type PublicCompany } from "./company.schema.js";
import { industryClass } from "./industry.js";

/** Who is reading: the public (and anyone not on the city's staff) or the city's staff. */
export type Audience = "public" | "staff";

export function isPublic(c: Company, field: FieldName): boolean {
  return c.fields[field]?.visibility === "public";
}

/**
 * The company as the public sees it: every private field is left out (the key is absent, not
 * empty), and so is its provenance. Every public answer, page, export and search index goes
 * through this one function, so a private value cannot reach the public by another path.
 *
 * @example
 * publicView(company).phone // undefined when the phone is private
 */
export function publicView(c: Company): PublicCompany {
  const out: Record<string, unknown> = { id: c.id, municipalityCode: c.municipalityCode, listed: c.listed };
  const fields: Record<string, unknown> = {};
  for (const f of FIELD_NAMES) {
    if (!isPublic(c, f)) continue;
    out[f] = c[f];
    fields[f] = c.fields[f];
  }
  out.fields = fields;
  out.version = c.version;
  out.createdAt = c.createdAt;
  out.updatedAt = c.updatedAt;
  return out as PublicCompany;
}

/**
 * The company as its own firm sees it: every field, private ones included, but not the city's
 * own notes (and their provenance), which are never the firm's.
 *
 * @example
 * memberView(company).notes // undefined
 */
export function memberView(c: Company): Omit<Company, "notes"> {
  const { notes: _notes, ...rest } = c;
  const { notes: _meta, ...fields } = c.fields;
  return { ...rest, fields };
}

/** The company as `audience` may see it. */
export function viewFor(c: Company, audience: Audience): Company | PublicCompany {
  return audience === "staff" ? c : publicView(c);
}

/** The normalized text a keyword search matches, built from what `audience` may see. */
export function searchTextOf(c: Company | PublicCompany): string {
  const industry = c.industryCode ? industryClass(c.industryCode) : undefined;
  return searchDocument([
    c.name ?? "",
    c.nameKana ?? "",
    c.town ?? "",
    c.address ?? "",
    c.representative ?? "",
    c.products ?? "",
    c.pr ?? "",
    c.lotSizes ?? "",
    ...(c.processes ?? []),
    ...(c.materials ?? []),
    ...(c.certifications ?? []).map((x) => x.name),
    ...(c.equipment ?? []).flatMap((m) => [m.kind, m.maker, m.model]),
    industry?.name ?? "",
    c.corporateNumber ?? "",
    c.phone ?? "",
    c.fax ?? "",
    c.email ?? "",
    c.url ?? "",
    c.contactPerson ?? "",
    c.notes ?? "",
  ]);
}
