import { randomUUID } from "node:crypto";
import { z } from "zod";
import { emailSchema } from "../accounts/account.model.js";
import type { Acting } from "../accounts/account.service.js";
import { chargeAttempt, type ThrottlePolicy } from "../accounts/throttle.js";
import { recordAudit } from "../audit/audit.js";
import { HOUR, systemClock, type Clock } from "../clock.js";
import { getCompanyFor } from "../companies/company.service.js";
import { DomainError, notFound, validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { inTransaction } from "../../db/transaction.js";
import { createInvitation, type Invitation } from "./invitation.service.js";

/**
 * A firm asks to keep the profile the city listed for it: a public form (company, name, e-mail,
 * message). The city checks who asks and approves (an invitation link for that e-mail, which the
 * city passes on: no mail is sent by this server) or rejects. Requests from one address are
 * limited like sign-in attempts, in the same table.
 */
export const CLAIM_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  maxFailures: 5,
  windowMs: HOUR,
  lockMs: HOUR,
});

/** Refused because one address sent too many requests. */
export class TooManyClaimsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("too_many_requests", "too many requests from this address; try again later");
  }
}

export const claimInputSchema = z.strictObject({
  companyId: z.string().min(1, "is required").max(64),
  name: z.string().trim().min(1, "is required").max(200),
  email: emailSchema,
  message: z.string().trim().max(2000).default(""),
});

export interface Claim {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
  message: string;
  status: "pending" | "approved" | "rejected";
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/**
 * Records a claim for a listed company. Each request counts against the sender's address.
 *
 * @example
 * await submitClaim(db, { companyId: "c-0001", name: "門真太郎", email: "t@firm.example", message: "" }, { ip, clock })
 */
export async function submitClaim(
  db: Db,
  input: z.input<typeof claimInputSchema>,
  options: { ip: string; clock?: Clock },
): Promise<Claim> {
  const clock = options.clock ?? systemClock;
  const charge = await inTransaction(db, (trx) =>
    chargeAttempt(trx, `claim-ip:${options.ip}`, CLAIM_POLICY, clock),
  );
  if (!charge.allowed) throw new TooManyClaimsError(CLAIM_POLICY.lockMs / 1000);
  const data = parseWith(claimInputSchema, input);
  let companyName: string;
  try {
    companyName = (await getCompanyFor(db, data.companyId, "public")).name;
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found")
      throw validationError([{ path: "companyId", message: "is not a company on the portal" }]);
    throw error;
  }
  const claim: Claim = {
    id: randomUUID(),
    companyId: data.companyId,
    companyName,
    name: data.name,
    email: data.email,
    message: data.message,
    status: "pending",
    createdAt: clock.now().toISOString(),
    decidedAt: null,
    decidedBy: null,
  };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("company_claims")
      .values({
        id: claim.id,
        company_id: claim.companyId,
        name: claim.name,
        email: claim.email,
        message: claim.message,
        status: "pending",
        created_at: claim.createdAt,
        decided_at: null,
        decided_by: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        kind: "company_claim.submitted",
        actor: { accountId: null, label: `claim by ${claim.email}` },
        ip: options.ip,
        subject: { type: "company", id: claim.companyId },
        details: { claimId: claim.id },
      },
      clock,
    );
  });
  return claim;
}

/** Claims of a status, oldest pending first (newest first for decided ones). */
export async function listClaims(db: Db, status: Claim["status"] = "pending"): Promise<Claim[]> {
  const rows = await db
    .selectFrom("company_claims")
    .leftJoin("companies", "companies.id", "company_claims.company_id")
    .selectAll("company_claims")
    .select("companies.name as company_name")
    .where("company_claims.status", "=", status)
    .orderBy("company_claims.created_at", status === "pending" ? "asc" : "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name ?? r.company_id,
    name: r.name,
    email: r.email,
    message: r.message,
    status: r.status as Claim["status"],
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  }));
}

async function decide(db: Db, id: string, status: "approved" | "rejected", acting: Acting, now: string) {
  const row =
    id.length <= 64
      ? await db.selectFrom("company_claims").selectAll().where("id", "=", id).executeTakeFirst()
      : undefined;
  if (!row) throw notFound(`claim "${id}"`);
  const done = await db
    .updateTable("company_claims")
    .set({ status, decided_at: now, decided_by: acting.actor.label })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1)
    throw new DomainError("conflict", `this request was already ${row.status}`, [
      { path: "", message: `was already ${row.status}` },
    ]);
  return row;
}

/**
 * Approves a claim: an invitation for the e-mail that asked (the link is returned once, for the
 * city to pass on), audited as `company_claim.approved` and `company_member.invited`.
 */
export async function approveClaim(db: Db, id: string, acting: Acting): Promise<Invitation> {
  const clock = acting.clock ?? systemClock;
  return inTransaction(db, async (trx) => {
    const row = await decide(trx, id, "approved", acting, clock.now().toISOString());
    const invitation = await createInvitation(trx, row.company_id, { email: row.email }, acting);
    await recordAudit(
      trx,
      {
        kind: "company_claim.approved",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: row.company_id },
        details: { claimId: id, invitationId: invitation.id },
      },
      clock,
    );
    return invitation;
  });
}

export async function rejectClaim(db: Db, id: string, reason: string, acting: Acting): Promise<void> {
  const clock = acting.clock ?? systemClock;
  if (reason.length > 2000) throw validationError([{ path: "reason", message: "is too long" }]);
  await inTransaction(db, async (trx) => {
    const row = await decide(trx, id, "rejected", acting, clock.now().toISOString());
    await recordAudit(
      trx,
      {
        kind: "company_claim.rejected",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "company", id: row.company_id },
        details: { claimId: id, reason: reason.trim() },
      },
      clock,
    );
  });
}
