import { randomUUID } from "node:crypto";
import { MINUTE, systemClock, type Clock } from "../clock.js";
import type { Db } from "../plan/plan.repository.js";
import type { MailStatus, MailTransport, OutboxMessage, OutgoingMail } from "./mail.js";

/** How delivery behaves; the defaults suit production. */
export interface DeliveryPolicy {
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** How long a server may hold a claimed message before another may take it over. */
  leaseMs: number;
  /** Messages handled per run. */
  batchSize: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 8, leaseMs: 5 * MINUTE, batchSize: 50 };

/**
 * Wait before the next attempt after `attempts` failures: 1, 2, 4 … minutes, at most six hours
 * (eight attempts span about four hours).
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * MINUTE, 6 * 60 * MINUTE);
}

/**
 * Puts a mail in the outbox. Call it with the transaction of the change the mail reports: when
 * that transaction rolls back, the mail is gone too, and a committed change always has its mail.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await approveSomething(trx);
 *   await queueMail(trx, { kind: "x.approved", to: "owner@city.example", subject: "承認されました", body: "…" });
 * });
 */
export async function queueMail(
  db: Db,
  mail: OutgoingMail,
  clock: Clock = systemClock,
  /** The message's id when the caller records it before (default: a new UUID). */
  id: string = randomUUID(),
): Promise<string> {
  const now = clock.now().toISOString();
  await db
    .insertInto("mail_outbox")
    .values({
      id,
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      status: "pending",
      attempts: 0,
      last_error: null,
      created_at: now,
      next_attempt_at: now,
      locked_until: null,
      sent_at: null,
    })
    .execute();
  return id;
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** Server errors can be long (a whole SMTP transcript); the list shows a line. */
function shortError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").slice(0, 500);
}

/**
 * Sends what is due: pending messages whose time has come, and messages another server claimed
 * but did not finish within the lease (it died). Each message is claimed with a compare-and-set
 * before it is sent, so two servers running this at once never send one message twice; a failure
 * schedules a retry with backoff, and after `maxAttempts` the message is marked failed with its
 * last error. A server that dies between sending and recording may cause one repeat after the
 * lease: SMTP gives no way to make that exactly once.
 *
 * @example
 * await deliverDueMail(db, { transport, from: "門真市 <noreply@city.kadoma.example>" });
 */
export async function deliverDueMail(
  db: Db,
  deps: { transport: MailTransport; from: string; clock?: Clock; policy?: Partial<DeliveryPolicy> },
): Promise<DeliveryResult> {
  const clock = deps.clock ?? systemClock;
  const policy = { ...DEFAULT_DELIVERY, ...deps.policy };
  const now = clock.now().toISOString();
  const due = await db
    .selectFrom("mail_outbox")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "sending"), eb("locked_until", "<", now)]),
      ]),
    )
    .orderBy("next_attempt_at")
    .limit(policy.batchSize)
    .execute();
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const { id } of due) {
    const at = clock.now().toISOString();
    const claimed = await db
      .updateTable("mail_outbox")
      .set((eb) => ({
        status: "sending",
        locked_until: new Date(clock.now().getTime() + policy.leaseMs).toISOString(),
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", at)]),
          eb.and([eb("status", "=", "sending"), eb("locked_until", "<", at)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue; // another server took it
    const row = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    try {
      await deps.transport.send({
        id,
        from: deps.from,
        to: row.to_address,
        subject: row.subject,
        body: row.body,
      });
      await db
        .updateTable("mail_outbox")
        .set({ status: "sent", sent_at: clock.now().toISOString(), locked_until: null, last_error: null })
        .where("id", "=", id)
        .execute();
      result.sent++;
    } catch (error) {
      const gaveUp = row.attempts >= policy.maxAttempts;
      await db
        .updateTable("mail_outbox")
        .set({
          status: gaveUp ? "failed" : "pending",
          last_error: shortError(error),
          locked_until: null,
          next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(row.attempts)).toISOString(),
        })
        .where("id", "=", id)
        .execute();
      if (gaveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/** Messages of the outbox by id (the review's reminder list shows their status). */
export async function outboxMessages(db: Db, ids: readonly string[]): Promise<OutboxMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("mail_outbox").selectAll().where("id", "in", ids).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    status: r.status as MailStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
  }));
}
