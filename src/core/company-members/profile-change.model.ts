import { z } from "zod";
import { companyToInput } from "../companies/company.rules.js";
import {
  companyInputSchema,
  FIELD_NAMES,
  type Company,
  type CompanyInput,
  type FieldName,
} from "../companies/company.schema.js";
import { getCompany } from "../companies/company.service.js";
import { notFound } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";

/** A firm's proposed change as stored in `company_pending_changes`, and how it applies to a company. */

/** The fields a firm keeps itself: everything but the city's notes (and `listed`, the city's choice). */
export const FIRM_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((f) => f !== "notes");

export type ChangeStatus = "pending" | "approved" | "rejected" | "superseded";

/** What the firm proposed: the new input of the fields it changed, and the version it started from. */
export const storedSchema = z.object({
  baseVersion: z.number().int(),
  fields: z.array(z.enum(FIELD_NAMES)),
  input: companyInputSchema,
});
export type Stored = z.infer<typeof storedSchema>;

export interface ProfileChange {
  id: string;
  companyId: string;
  companyName: string;
  accountId: string;
  submittedAt: string;
  status: ChangeStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  baseVersion: number;
  /** The fields whose value or visibility the firm changed. */
  fields: FieldName[];
}

export interface FieldDifference {
  field: FieldName;
  before: unknown;
  after: unknown;
  visibilityBefore: string;
  visibilityAfter: string;
  /** The city changed this field after the firm started editing (approving replaces it). */
  changedSince: boolean;
}

/** The fields (value or visibility) in which two versions of a company differ, among the firm's. */
export function differing(a: Company, b: Company): FieldName[] {
  return FIRM_FIELDS.filter(
    (f) =>
      JSON.stringify(a[f]) !== JSON.stringify(b[f]) || a.fields[f]?.visibility !== b.fields[f]?.visibility,
  );
}

/** The firm's input for its fields over the stored company's (notes and listed stay the city's). */
export function overlay(
  current: Company,
  proposed: CompanyInput,
  fields: readonly FieldName[],
): CompanyInput {
  const input: Record<string, unknown> = { ...companyToInput(current) };
  const visibility = { ...(input.fields as Record<string, { visibility?: string }>) };
  for (const f of fields) {
    input[f] = (proposed as Record<string, unknown>)[f];
    const v = proposed.fields?.[f]?.visibility;
    if (v) visibility[f] = { visibility: v };
  }
  input.fields = visibility;
  return input as CompanyInput;
}

export type Row = {
  id: string;
  company_id: string;
  account_id: string;
  submitted_at: string;
  profile: string;
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
};

export function toChange(row: Row, companyName: string): ProfileChange & { stored: Stored } {
  const stored = storedSchema.parse(JSON.parse(row.profile));
  return {
    id: row.id,
    companyId: row.company_id,
    companyName,
    accountId: row.account_id,
    submittedAt: row.submitted_at,
    status: row.status as ChangeStatus,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    reason: row.reason,
    baseVersion: stored.baseVersion,
    fields: stored.fields,
    stored,
  };
}

export const strip = ({ stored: _s, ...change }: ProfileChange & { stored: Stored }): ProfileChange => change;

export async function loadChange(db: Db, id: string) {
  const row =
    id.length <= 64
      ? await db.selectFrom("company_pending_changes").selectAll().where("id", "=", id).executeTakeFirst()
      : undefined;
  if (!row) throw notFound(`change "${id}"`);
  const company = await getCompany(db, row.company_id);
  return { change: toChange(row, company.name), company };
}
