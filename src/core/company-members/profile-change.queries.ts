import { buildCompany } from "../companies/company.rules.js";
import type { Company, CompanyInput } from "../companies/company.schema.js";
import { companyWriteSetup } from "../companies/company.service.js";
import type { Db } from "../plan/plan.repository.js";
import {
  loadChange,
  overlay,
  strip,
  toChange,
  type ChangeStatus,
  type FieldDifference,
  type ProfileChange,
  type Stored,
} from "./profile-change.model.js";

/** Reading firms' changes: the queue, a firm's latest, one with its difference. */

/** Changes waiting for the city (oldest first), or by status. */
export async function listProfileChanges(
  db: Db,
  status: ChangeStatus = "pending",
  limit = 200,
): Promise<ProfileChange[]> {
  const rows = await db
    .selectFrom("company_pending_changes")
    .leftJoin("companies", "companies.id", "company_pending_changes.company_id")
    .selectAll("company_pending_changes")
    .select("companies.name as company_name")
    .where("company_pending_changes.status", "=", status)
    .orderBy("company_pending_changes.submitted_at", status === "pending" ? "asc" : "desc")
    .orderBy("company_pending_changes.id")
    .limit(limit)
    .execute();
  return rows.map((r) => strip(toChange(r, r.company_name ?? r.company_id)));
}

/** The firm's latest change of a company (pending or decided), for the firm's own page. */
export async function latestProfileChange(
  db: Db,
  companyId: string,
): Promise<(ProfileChange & { input: CompanyInput }) | null> {
  const row = await db
    .selectFrom("company_pending_changes")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("status", "!=", "superseded")
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  const c = toChange(row, "");
  return { ...strip(c), input: c.stored.input };
}

/**
 * One change with its field-by-field difference against the stored company: what the public
 * sees now and what it would see after approval.
 */
export async function profileChangeWithDiff(
  db: Db,
  id: string,
): Promise<{ change: ProfileChange; differences: FieldDifference[]; company: Company }> {
  const { change, company } = await loadChange(db, id);
  const after = await preview(db, company, change.stored);
  const differences = change.fields.map((field) => ({
    field,
    before: company[field],
    after: after ? after[field] : (change.stored.input as Record<string, unknown>)[field],
    visibilityBefore: company.fields[field]?.visibility ?? "public",
    visibilityAfter: after?.fields[field]?.visibility ?? company.fields[field]?.visibility ?? "public",
    changedSince:
      company.version !== change.baseVersion &&
      company.fields[field]?.source === "city" &&
      (company.fields[field]?.updatedAt ?? "") > change.submittedAt,
  }));
  return { change: strip(change), differences, company };
}

/** The company as approval would make it; null when it no longer builds (the vocabulary changed). */
async function preview(db: Db, company: Company, stored: Stored): Promise<Company | null> {
  const vocab = await companyWriteSetup(db, company.municipalityCode);
  try {
    return buildCompany(overlay(company, stored.input, stored.fields), {
      id: company.id,
      municipalityCode: company.municipalityCode,
      vocab,
      now: new Date(0).toISOString(),
      supplier: "firm",
      previous: company,
    });
  } catch {
    return null;
  }
}
