import { type Kysely } from "kysely";
import { recordAudit, systemActor } from "../../core/audit/audit.js";
import { createCompany } from "../../core/companies/company.service.js";
import { ensureMunicipality, KADOMA } from "../../core/municipalities/municipality.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { smallPlan } from "../../test/fixtures.js";
import type { Database } from "../schema.js";
import { BACKUP_TABLES } from "./backup-tables.js";

const AT = "2025-04-01T00:00:00.000Z";
/** Text that breaks naive copies: quotes, a newline, a tab, an emoji, a backslash. */
export const AWKWARD = `改行\n"引用" 'と' \t 🎌 \\ 終`;

/**
 * Puts rows into every table a backup covers (a plan through importPlan; the others directly),
 * so a test can show that each table comes back. `tag` makes two fillings differ.
 */
export async function fillEveryTable(db: Kysely<Database>, tag = "a"): Promise<void> {
  const doc = smallPlan({ id: `plan${tag}`, title: `${AWKWARD} ${tag}` });
  await db.transaction().execute((trx) => importPlan(trx, doc));
  const plan = doc.plan.id;
  await db.transaction().execute(async (trx) => {
    await ensureMunicipality(trx, KADOMA);
    await createCompany(trx, KADOMA.code, {
      id: `firm-${tag}`,
      name: `${AWKWARD}（架空）`,
      town: "宮野町",
      processes: ["マシニング加工"],
      equipment: [{ kind: "プレス機", specs: { pressForceKn: "200t" } }],
    });
  });
  await db
    .insertInto("records")
    .values({
      plan_id: plan,
      action_number: 1,
      position: 0,
      fiscal_year: 2024,
      kind: "result",
      as_of: null,
      text: AWKWARD,
    })
    .execute();
  const account = `acc-${tag}`;
  await db
    .insertInto("accounts")
    .values({
      id: account,
      email: `${tag}@city.example`,
      display_name: AWKWARD,
      role: "admin",
      password_hash: null,
      must_change_password: 0,
      disabled_at: null,
      created_at: AT,
      updated_at: AT,
      password_changed_at: null,
      last_sign_in_at: AT,
    })
    .execute();
  await db
    .insertInto("sessions")
    .values({
      id: `s-${tag}`,
      account_id: account,
      created_at: AT,
      last_seen_at: AT,
      expires_at: AT,
      ip: "127.0.0.1",
      user_agent: null,
    })
    .execute();
  await db
    .insertInto("access_tokens")
    .values({
      id: `t-${tag}`,
      account_id: account,
      name: "連携",
      scope: "write",
      token_hash: `hash-${tag}`,
      created_at: AT,
      expires_at: AT,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  await db
    .insertInto("action_owners")
    .values({ plan_id: plan, action_number: 1, account_id: account, assigned_at: AT })
    .execute();
  await db
    .insertInto("sign_in_throttles")
    .values({ key: `ip:${tag}`, window_started_at: AT, failures: 3, locked_until: null })
    .execute();
  await db
    .insertInto("setup_tokens")
    .values({ id: `st-${tag}`, created_at: AT, expires_at: AT, used_at: null })
    .execute();
  await recordAudit(db, { kind: "test.filled", actor: systemActor("test"), details: { tag, text: AWKWARD } });
  await db
    .insertInto("review_cycles")
    .values({
      plan_id: plan,
      fiscal_year: 2024,
      as_of: "2025-03-31",
      deadline: "2025-05-31",
      status: "open",
      opened_at: AT,
      opened_by: account,
      closed_at: null,
    })
    .execute();
  await db
    .insertInto("action_reviews")
    .values({
      plan_id: plan,
      action_number: 1,
      fiscal_year: 2024,
      status: "draft",
      content: JSON.stringify({ results: AWKWARD }),
      version: 2,
      updated_at: AT,
      updated_by: account,
      submitted_at: null,
      decided_at: null,
      decided_by: null,
      return_comment: null,
      published_at: null,
    })
    .execute();
  await db
    .insertInto("indicator_decisions")
    .values({
      plan_id: plan,
      proposal_id: `p-${tag}`,
      status: "accepted",
      indicator_code: null,
      note: AWKWARD,
      decided_at: AT,
      decided_by: account,
    })
    .execute();
  await fillCompanyMemberTables(db, tag, account);
  await fillMailJobTables(db, tag, account, plan);
}

/** The outbox, the SQLite job tables and the review's reminders (migration 0055). */
async function fillMailJobTables(
  db: Kysely<Database>,
  tag: string,
  account: string,
  plan: string,
): Promise<void> {
  await db
    .insertInto("mail_outbox")
    .values({
      id: `mail-${tag}`,
      kind: "review.reminder",
      to_address: `${tag}@city.example`,
      subject: AWKWARD,
      body: AWKWARD,
      status: "failed",
      attempts: 8,
      last_error: AWKWARD,
      created_at: AT,
      next_attempt_at: AT,
      locked_until: null,
      sent_at: null,
    })
    .execute();
  await db
    .insertInto("jobs")
    .values({
      id: `job-${tag}`,
      kind: "review.reminders",
      data: JSON.stringify({ text: AWKWARD }),
      status: "failed",
      attempts: 4,
      max_attempts: 4,
      run_at: AT,
      locked_until: null,
      last_error: AWKWARD,
      created_at: AT,
      finished_at: AT,
    })
    .execute();
  await db
    .insertInto("job_schedule_runs")
    .values({ kind: `mail.deliver.${tag}`, slot: AT })
    .execute();
  await db
    .insertInto("review_reminders")
    .values({
      plan_id: plan,
      fiscal_year: 2024,
      action_number: 1,
      account_id: account,
      kind: "before_7",
      mail_id: `mail-${tag}`,
      created_at: AT,
    })
    .execute();
}

/** The firms' accounts, invitations, claims and pending edits (core/company-members). */
async function fillCompanyMemberTables(db: Kysely<Database>, tag: string, account: string): Promise<void> {
  const company = `c-${tag}`;
  await db
    .insertInto("company_members")
    .values({ account_id: account, company_id: company, added_at: AT, added_by: AWKWARD })
    .execute();
  await db
    .insertInto("company_invitations")
    .values({
      id: `inv-${tag}`,
      token_hash: `inv-hash-${tag}`,
      company_id: company,
      email: null,
      created_at: AT,
      created_by: AWKWARD,
      expires_at: AT,
      used_at: null,
      used_by: null,
    })
    .execute();
  await db
    .insertInto("company_claims")
    .values({
      id: `claim-${tag}`,
      company_id: company,
      name: AWKWARD,
      email: `claim-${tag}@firm.example`,
      message: AWKWARD,
      status: "pending",
      created_at: AT,
      decided_at: null,
      decided_by: null,
    })
    .execute();
  await db
    .insertInto("company_pending_changes")
    .values({
      id: `chg-${tag}`,
      company_id: company,
      account_id: account,
      submitted_at: AT,
      profile: JSON.stringify({ pr: AWKWARD }),
      status: "pending",
      decided_at: null,
      decided_by: null,
      reason: null,
    })
    .execute();
}

/** Every row of every table, as sorted JSON with sorted keys: equal dumps mean equal data. */
export async function dumpAll(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of BACKUP_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    dump[table] = rows
      .map((row) =>
        JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))),
      )
      .sort();
  }
  return dump;
}
