import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Acting } from "../accounts/account.service.js";
import { recordAudit } from "../audit/audit.js";
import { systemClock } from "../clock.js";
import { buildCompany, companyToInput } from "../companies/company.rules.js";
import {
  companyInputSchema,
  FIELD_NAMES,
  type Company,
  type CompanyInput,
  type FieldName,
} from "../companies/company.schema.js";
import { companyWriteSetup, getCompany, updateCompany } from "../companies/company.service.js";
import { DomainError, notFound, validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { inTransaction } from "../../db/transaction.js";

/**
 * A firm's edits of its own profile wait for the city: they are kept in
 * `company_pending_changes` (the registry's tables keep the approved record only, so the public
 * page, the API, the downloads and the search cannot show them), and a plan manager approves or
 * rejects each. Approving writes the proposed fields through the registry's service with the firm
 * as their supplier, so history and audit are the registry's own.
 */

/** The fields a firm keeps itself: everything but the city's notes (and `listed`, the city's choice). */
export const FIRM_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((f) => f !== "notes");

export type ChangeStatus = "pending" | "approved" | "rejected" | "superseded";

/** What the firm proposed: the new input of the fields it changed, and the version it started from. */
const storedSchema = z.object({
  baseVersion: z.number().int(),
  fields: z.array(z.enum(FIELD_NAMES)),
  input: companyInputSchema,
});
type Stored = z.infer<typeof storedSchema>;

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
function differing(a: Company, b: Company): FieldName[] {
  return FIRM_FIELDS.filter(
    (f) =>
      JSON.stringify(a[f]) !== JSON.stringify(b[f]) || a.fields[f]?.visibility !== b.fields[f]?.visibility,
  );
}

/** The firm's input for its fields over the stored company's (notes and listed stay the city's). */
function overlay(current: Company, proposed: CompanyInput, fields: readonly FieldName[]): CompanyInput {
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

/**
 * Stores a firm's edit of its own company for the city's approval. `input` is the whole profile
 * as the firm's form sends it (notes and listed are ignored); only the fields that differ from
 * the stored record are kept. Checked in full now (a wrong spec names its field), so the city
 * reviews only edits that can be applied. A newer edit replaces the firm's earlier pending one.
 *
 * @example
 * await submitProfileChange(db, "c-0001", principal.accountId, { ...input, phone: "06-1234-5678" }, { baseVersion: 3 }, acting)
 */
export async function submitProfileChange(
  db: Db,
  companyId: string,
  accountId: string,
  input: unknown,
  options: { baseVersion: number },
  acting: Acting,
): Promise<ProfileChange | null> {
  const parsed = parseWith(companyInputSchema, input);
  const clock = acting.clock ?? systemClock;
  return inTransaction(db, async (trx) => {
    const current = await getCompany(trx, companyId);
    if (options.baseVersion !== current.version)
      throw new DomainError(
        "conflict",
        `the profile changed since version ${options.baseVersion}: reload it and edit again`,
        [],
        { version: current.version },
      );
    const vocab = await companyWriteSetup(trx, current.municipalityCode);
    const { notes: _n, listed: _l, id: _i, ...firmInput } = parsed;
    const proposedInput = overlay(current, firmInput, FIRM_FIELDS);
    const now = clock.now().toISOString();
    const built = buildCompany(proposedInput, {
      id: current.id,
      municipalityCode: current.municipalityCode,
      vocab,
      now,
      supplier: "firm",
      previous: current,
    });
    const fields = differing(current, built);
    if (fields.length === 0) return null;
    await trx
      .updateTable("company_pending_changes")
      .set({ status: "superseded", decided_at: now, decided_by: acting.actor.label })
      .where("company_id", "=", companyId)
      .where("status", "=", "pending")
      .execute();
    const stored: Stored = { baseVersion: current.version, fields, input: firmInput };
    const id = randomUUID();
    await trx
      .insertInto("company_pending_changes")
      .values({
        id,
        company_id: companyId,
        account_id: accountId,
        submitted_at: now,
        profile: JSON.stringify(stored),
        status: "pending",
        decided_at: null,
        decided_by: null,
        reason: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        kind: "company_change.submitted",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: companyId },
        details: { changeId: id, fields, baseVersion: current.version },
      },
      clock,
    );
    return {
      id,
      companyId,
      companyName: current.name,
      accountId,
      submittedAt: now,
      status: "pending",
      decidedAt: null,
      decidedBy: null,
      reason: null,
      baseVersion: current.version,
      fields,
    };
  });
}

type Row = {
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

function toChange(row: Row, companyName: string): ProfileChange & { stored: Stored } {
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

const strip = ({ stored: _s, ...change }: ProfileChange & { stored: Stored }): ProfileChange => change;

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

async function loadChange(db: Db, id: string) {
  const row =
    id.length <= 64
      ? await db.selectFrom("company_pending_changes").selectAll().where("id", "=", id).executeTakeFirst()
      : undefined;
  if (!row) throw notFound(`change "${id}"`);
  const company = await getCompany(db, row.company_id);
  return { change: toChange(row, company.name), company };
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

function pendingOnly(change: ProfileChange) {
  if (change.status !== "pending")
    throw new DomainError("conflict", `this change was already ${change.status}`, [
      { path: "", message: `was already ${change.status}` },
    ]);
}

/**
 * Applies a firm's change: its fields are written with the firm as supplier (unverified until
 * the city verifies them), the rest of the record stays as it is now. History and audit come
 * from the registry (`company.updated`, source "firm"), plus `company_change.approved`.
 */
export async function approveProfileChange(db: Db, id: string, acting: Acting): Promise<Company> {
  const clock = acting.clock ?? systemClock;
  return inTransaction(db, async (trx) => {
    const { change, company } = await loadChange(trx, id);
    pendingOnly(change);
    const now = clock.now().toISOString();
    const claimed = await trx
      .updateTable("company_pending_changes")
      .set({ status: "approved", decided_at: now, decided_by: acting.actor.label })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) pendingOnly({ ...change, status: "approved" });
    const updated = await updateCompany(
      trx,
      company.id,
      overlay(company, change.stored.input, change.fields),
      {},
      { clock, actor: acting.actor, ip: acting.ip ?? null, source: "firm", supplier: "firm" },
    );
    await recordAudit(
      trx,
      {
        kind: "company_change.approved",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: company.id },
        details: { changeId: id, fields: change.fields, version: updated.version },
      },
      clock,
    );
    return updated;
  });
}

/** Refuses a firm's change with a reason the firm reads on its page. Nothing public changes. */
export async function rejectProfileChange(db: Db, id: string, reason: string, acting: Acting): Promise<void> {
  const text = reason.trim();
  if (text === "" || text.length > 2000)
    throw validationError([
      { path: "reason", message: text === "" ? "is required" : "must be at most 2,000 characters" },
    ]);
  const clock = acting.clock ?? systemClock;
  await inTransaction(db, async (trx) => {
    const { change } = await loadChange(trx, id);
    pendingOnly(change);
    const now = clock.now().toISOString();
    await trx
      .updateTable("company_pending_changes")
      .set({ status: "rejected", decided_at: now, decided_by: acting.actor.label, reason: text })
      .where("id", "=", id)
      .execute();
    await recordAudit(
      trx,
      {
        kind: "company_change.rejected",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: change.companyId },
        details: { changeId: id, fields: change.fields, reason: text },
      },
      clock,
    );
  });
}
