import type { Kysely } from "kysely";

// Mail and background work. `mail_outbox` holds every e-mail from the moment the business change
// that caused it commits (it is written in the same transaction) until it is sent or given up;
// `jobs` and `job_schedule_runs` are the in-process queue used on SQLite (PostgreSQL uses
// pg-boss's own schema); `review_reminders` records each reminder once per owner, action and kind.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** What the mail is about, e.g. "review.reminder" (for lists and tests). */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    /** pending, sending (claimed by one server until locked_until), sent, failed (gave up). */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_outbox_due_idx")
    .on("mail_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    /** JSON object. */
    .addColumn("data", "text", (c) => c.notNull())
    /** pending, running (claimed until locked_until), done, failed (dead: attempts used up). */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_at"]).execute();

  await db.schema
    .createTable("job_schedule_runs")
    .addColumn("kind", "text", (c) => c.notNull())
    /** The minute the schedule fired for (ISO, UTC); the key makes each minute fire once. */
    .addColumn("slot", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("job_schedule_runs_pk", ["kind", "slot"])
    .execute();

  await db.schema
    .createTable("review_reminders")
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("action_number", "integer", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    /** before_<N> (N days before the deadline) or overdue. */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mail_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_reminders_pk", [
      "plan_id",
      "fiscal_year",
      "action_number",
      "account_id",
      "kind",
    ])
    .addForeignKeyConstraint(
      "review_reminders_cycle_fk",
      ["plan_id", "fiscal_year"],
      "review_cycles",
      ["plan_id", "fiscal_year"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["review_reminders", "job_schedule_runs", "jobs", "mail_outbox"])
    await db.schema.dropTable(t).execute();
}
