import { randomUUID } from "node:crypto";
import { DAY, systemClock, type Clock } from "../clock.js";
import { japanDateTime } from "../fiscal/index.js";
import { queueMail } from "../mail/outbox.js";
import type { Db } from "../plan/plan.repository.js";
import { reminderMail, type ReminderKind } from "./reminders.mail.js";

export interface ReminderSettings {
  /** Days before the deadline to remind on (REVIEW_REMINDER_DAYS, default 7 and 1). */
  daysBefore: readonly number[];
  /** PUBLIC_URL, for the link in the mail. */
  publicUrl?: string | undefined;
}

/** An overdue reminder goes out once, during the first week after the deadline. */
const OVERDUE_WINDOW_DAYS = 7;

/** Reviews not yet handed in: their owners are reminded. */
const NOT_SUBMITTED = ["not_started", "draft", "returned"];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * Which reminder is due on a day (dates in Japan): `before_N` from N days before the deadline
 * until the next, shorter reminder takes over (so a missed day still gets its reminder, and
 * a cycle opened five days ahead gets the seven-day one at once), `overdue` from the day after the
 * deadline for a week, nothing otherwise.
 *
 * @example
 * dueReminder("2026-03-08", "2026-03-15", [7, 1]) // "before_7"
 */
export function dueReminder(
  today: string,
  deadline: string,
  daysBefore: readonly number[],
): ReminderKind | null {
  const left = daysBetween(today, deadline);
  if (left < 0) return left >= -OVERDUE_WINDOW_DAYS ? "overdue" : null;
  const days = [...daysBefore].sort((a, b) => a - b);
  const kind = days.find((d) => left <= d);
  return kind === undefined ? null : `before_${kind}`;
}

export interface ReminderRun {
  /** Mails put in the outbox. */
  mails: number;
  /** Owner/action pairs reminded. */
  reminded: number;
}

/**
 * Reminds owners of actions whose review is not submitted, for every open cycle whose reminder
 * is due today. Each reminder (owner, action, kind) is recorded once: the record is written
 * before the mail, in the same transaction, with a key that makes a second server's attempt a
 * no-op, so running this twice (or on two servers at once) sends nothing twice. One mail per
 * owner lists all their actions. Disabled accounts get nothing.
 *
 * @example
 * await sendReviewReminders(db, { daysBefore: [7, 1], publicUrl: "https://shinko.city.example.jp" });
 */
export async function sendReviewReminders(
  db: Db,
  settings: ReminderSettings,
  clock: Clock = systemClock,
): Promise<ReminderRun> {
  const now = clock.now();
  const today = japanDateTime(now.toISOString()).date;
  const run: ReminderRun = { mails: 0, reminded: 0 };
  const cycles = await db
    .selectFrom("review_cycles")
    .innerJoin("plans", "plans.id", "review_cycles.plan_id")
    .select([
      "review_cycles.plan_id as planId",
      "review_cycles.fiscal_year as fiscalYear",
      "review_cycles.deadline as deadline",
      "plans.municipality as municipality",
      "plans.title as planTitle",
    ])
    .where("review_cycles.status", "=", "open")
    .execute();
  for (const cycle of cycles) {
    const kind = dueReminder(today, cycle.deadline, settings.daysBefore);
    if (!kind) continue;
    await db.transaction().execute(async (trx) => {
      const pending = await trx
        .selectFrom("action_reviews")
        .innerJoin("actions", (j) =>
          j
            .onRef("actions.plan_id", "=", "action_reviews.plan_id")
            .onRef("actions.number", "=", "action_reviews.action_number"),
        )
        .innerJoin("action_owners", (j) =>
          j
            .onRef("action_owners.plan_id", "=", "action_reviews.plan_id")
            .onRef("action_owners.action_number", "=", "action_reviews.action_number"),
        )
        .innerJoin("accounts", "accounts.id", "action_owners.account_id")
        .select([
          "action_reviews.action_number as number",
          "actions.name as name",
          "accounts.id as accountId",
          "accounts.email as email",
          "accounts.display_name as displayName",
        ])
        .where("action_reviews.plan_id", "=", cycle.planId)
        .where("action_reviews.fiscal_year", "=", cycle.fiscalYear)
        .where("action_reviews.status", "in", NOT_SUBMITTED)
        .where("accounts.disabled_at", "is", null)
        .orderBy("accounts.id")
        .orderBy("action_reviews.action_number")
        .execute();
      const byOwner = new Map<string, typeof pending>();
      for (const row of pending) byOwner.set(row.accountId, [...(byOwner.get(row.accountId) ?? []), row]);
      for (const [accountId, rows] of byOwner) {
        const mailId = randomUUID();
        const fresh: typeof rows = [];
        for (const row of rows) {
          const inserted = await trx
            .insertInto("review_reminders")
            .values({
              plan_id: cycle.planId,
              fiscal_year: cycle.fiscalYear,
              action_number: row.number,
              account_id: accountId,
              kind,
              mail_id: mailId,
              created_at: now.toISOString(),
            })
            .onConflict((oc) =>
              oc.columns(["plan_id", "fiscal_year", "action_number", "account_id", "kind"]).doNothing(),
            )
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) fresh.push(row);
        }
        if (fresh.length === 0) continue;
        const mail = reminderMail({
          kind,
          to: fresh[0]!.email,
          displayName: fresh[0]!.displayName,
          municipality: cycle.municipality,
          planTitle: cycle.planTitle,
          planId: cycle.planId,
          fiscalYear: cycle.fiscalYear,
          deadline: cycle.deadline,
          daysLeft: daysBetween(today, cycle.deadline),
          actions: fresh.map((r) => ({ number: r.number, name: r.name })),
          publicUrl: settings.publicUrl,
        });
        await queueMail(trx, mail, clock, mailId);
        run.mails++;
        run.reminded += fresh.length;
      }
    });
  }
  return run;
}

export interface SentReminder {
  actionNumber: number;
  accountId: string;
  displayName: string;
  kind: ReminderKind;
  createdAt: string;
  /** The mail's delivery: pending, sending, sent, failed. */
  mailStatus: string;
  mailAttempts: number;
}

/** The reminders of a cycle, newest first, with their mail's status (the cycle's staff page). */
export async function listReminders(db: Db, planId: string, fiscalYear: number): Promise<SentReminder[]> {
  const rows = await db
    .selectFrom("review_reminders")
    .innerJoin("accounts", "accounts.id", "review_reminders.account_id")
    .leftJoin("mail_outbox", "mail_outbox.id", "review_reminders.mail_id")
    .select([
      "review_reminders.action_number as actionNumber",
      "review_reminders.account_id as accountId",
      "accounts.display_name as displayName",
      "review_reminders.kind as kind",
      "review_reminders.created_at as createdAt",
      "mail_outbox.status as mailStatus",
      "mail_outbox.attempts as mailAttempts",
    ])
    .where("review_reminders.plan_id", "=", planId)
    .where("review_reminders.fiscal_year", "=", fiscalYear)
    .orderBy("review_reminders.created_at", "desc")
    .orderBy("review_reminders.action_number")
    .execute();
  return rows.map((r) => ({
    ...r,
    kind: r.kind as ReminderKind,
    mailStatus: r.mailStatus ?? "pending",
    mailAttempts: r.mailAttempts ?? 0,
  }));
}
