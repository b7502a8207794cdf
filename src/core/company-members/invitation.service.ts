import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COMPANY_MEMBER } from "../access/roles.js";
import { createCompanyMemberAccount, type Acting } from "../accounts/account.service.js";
import { displayNameSchema, emailSchema, type Account } from "../accounts/account.model.js";
import { hashSecret, newSecret } from "../accounts/secret.js";
import { recordAudit } from "../audit/audit.js";
import { DAY, isoAfter, systemClock } from "../clock.js";
import { DomainError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { inTransaction } from "../../db/transaction.js";

/**
 * One-time invitation links: the city (a plan manager) invites a firm to keep its own profile.
 * The link carries a 256-bit secret; only its SHA-256 is stored, it works once and expires after
 * {@link INVITATION_LIFETIME_MS}. Using it creates the firm's account (role company_member) for
 * that one company.
 */
export const INVITATION_LIFETIME_MS = 14 * DAY;

export interface Invitation {
  /** The secret of the link, shown once to the person who made it. */
  token: string;
  id: string;
  companyId: string;
  expiresAt: string;
}

/**
 * Makes an invitation for a company (which the caller checked exists through the registry).
 *
 * @example
 * const { token } = await createInvitation(db, "c-0001", { email: null }, acting);
 * // send https://…/invitations/${token}
 */
export async function createInvitation(
  db: Db,
  companyId: string,
  input: { email: string | null },
  acting: Acting,
): Promise<Invitation> {
  const email = input.email === null ? null : parseWith(emailSchema, input.email, "email");
  const clock = acting.clock ?? systemClock;
  const now = clock.now();
  const token = newSecret("shinko_inv_");
  const id = randomUUID();
  const expiresAt = isoAfter(now, INVITATION_LIFETIME_MS);
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("company_invitations")
      .values({
        id,
        token_hash: hashSecret(token),
        company_id: companyId,
        email,
        created_at: now.toISOString(),
        created_by: acting.actor.label,
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        kind: "company_member.invited",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: companyId },
        details: { invitationId: id, email, expiresAt },
      },
      acting.clock,
    );
  });
  return { token, id, companyId, expiresAt };
}

/** The company an unused, unexpired invitation is for; null when the link does not work. */
export async function openInvitation(
  db: Db,
  token: string,
  clock = systemClock,
): Promise<{ companyId: string; email: string | null } | null> {
  if (token.length === 0 || token.length > 200) return null;
  const row = await db
    .selectFrom("company_invitations")
    .select(["company_id", "email"])
    .where("token_hash", "=", hashSecret(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", clock.now().toISOString())
    .executeTakeFirst();
  return row ? { companyId: row.company_id, email: row.email } : null;
}

export const acceptInvitationSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema.optional(),
  password: z.string(),
});

/**
 * Uses an invitation: creates the firm's account and makes it a member of the company, in one
 * transaction (a refused password leaves the link usable). When the invitation named an e-mail,
 * only that address may accept it.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: z.input<typeof acceptInvitationSchema>,
  acting: Omit<Acting, "actor">,
): Promise<{ account: Account; companyId: string }> {
  const data = parseWith(acceptInvitationSchema, input);
  const clock = acting.clock ?? systemClock;
  const now = clock.now().toISOString();
  const invalid = () =>
    new DomainError("forbidden", "this invitation link is not valid: it was used or it expired");
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("company_invitations")
      .selectAll()
      .where("token_hash", "=", hashSecret(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!row) throw invalid();
    if (row.email !== null && row.email !== data.email) {
      throw new DomainError("validation_failed", "this invitation is for another e-mail address", [
        { path: "email", message: "is not the address the city invited" },
      ]);
    }
    // Claim the link first: of two uses at once, the second finds it used.
    const claimed = await trx
      .updateTable("company_invitations")
      .set({ used_at: now })
      .where("id", "=", row.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw invalid();
    const actor = { accountId: null, label: `invitation ${row.id}` };
    const account = await createCompanyMemberAccount(trx, data, { ...acting, actor });
    await trx
      .updateTable("company_invitations")
      .set({ used_by: account.id })
      .where("id", "=", row.id)
      .execute();
    await trx
      .insertInto("company_members")
      .values({ account_id: account.id, company_id: row.company_id, added_at: now, added_by: row.created_by })
      .execute();
    await recordAudit(
      trx,
      {
        kind: "company_member.joined",
        actor: { accountId: account.id, label: account.email },
        ip: acting.ip,
        subject: { type: "company", id: row.company_id },
        details: { invitationId: row.id, email: account.email, role: COMPANY_MEMBER },
      },
      clock,
    );
    return { account, companyId: row.company_id };
  });
}
