import { randomUUID } from "node:crypto";
import type { Acting } from "../accounts/account.service.js";
import { recordAudit } from "../audit/audit.js";
import { systemClock } from "../clock.js";
import { buildCompany } from "../companies/company.rules.js";
import { companyInputSchema, type Company } from "../companies/company.schema.js";
import { companyWriteSetup, getCompany, updateCompany } from "../companies/company.service.js";
import { DomainError, validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { inTransaction } from "../../db/transaction.js";
import {
  differing,
  FIRM_FIELDS,
  loadChange,
  overlay,
  type ProfileChange,
  type Stored,
} from "./profile-change.model.js";

export {
  FIRM_FIELDS,
  type ChangeStatus,
  type FieldDifference,
  type ProfileChange,
} from "./profile-change.model.js";
export { latestProfileChange, listProfileChanges, profileChangeWithDiff } from "./profile-change.queries.js";

/**
 * A firm's edits of its own profile wait for the city: they are kept in
 * `company_pending_changes` (the registry's tables keep the approved record only, so the public
 * page, the API, the downloads and the search cannot show them), and a plan manager approves or
 * rejects each. Approving writes the proposed fields through the registry's service with the firm
 * as their supplier, so history and audit are the registry's own.
 */

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
