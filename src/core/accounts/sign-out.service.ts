import type { Principal } from "../access/roles.js";
import { actorOf, recordAudit } from "../audit/audit.js";
import { systemClock, type Clock } from "../clock.js";
import type { Db } from "../plan/plan.repository.js";
import { inTransaction } from "../../db/transaction.js";
import { revokeAllSessions, revokeSession } from "./session.service.js";

/**
 * Ends the principal's current session, audited. The caller clears the cookie.
 *
 * @example
 * await signOut(db, principal, { ip: request.ip });
 */
export async function signOut(
  db: Db,
  principal: Principal,
  context: { ip?: string | null; clock?: Clock } = {},
): Promise<void> {
  if (!principal.sessionId) return;
  await inTransaction(db, async (trx) => {
    await revokeSession(trx, principal.sessionId!);
    await recordAudit(
      trx,
      {
        kind: "sign_out.session",
        actor: actorOf(principal),
        ip: context.ip,
        subject: { type: "account", id: principal.accountId },
        details: { email: principal.email },
      },
      context.clock ?? systemClock,
    );
  });
}

/** Ends every session of the principal's account, audited; returns how many ended. */
export async function signOutEverywhere(
  db: Db,
  principal: Principal,
  context: { ip?: string | null; clock?: Clock } = {},
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const ended = await revokeAllSessions(trx, principal.accountId);
    await recordAudit(
      trx,
      {
        kind: "sign_out.everywhere",
        actor: actorOf(principal),
        ip: context.ip,
        subject: { type: "account", id: principal.accountId },
        details: { email: principal.email, sessionsEnded: ended },
      },
      context.clock ?? systemClock,
    );
    return ended;
  });
}
