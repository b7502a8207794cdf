import type { Database } from "../schema.js";

/**
 * Every table a backup holds, parents before children (the order rows are loaded in; deleted in
 * reverse). The type below fails to compile when a table of `Database` is missing here, and
 * backups refuse to run when the database holds a table this list does not name, so a new table
 * cannot be left out of backups silently.
 */
export const BACKUP_TABLES = [
  "plans",
  "strategies",
  "measures",
  "actions",
  "action_tags",
  "schedule_items",
  "records",
  "plan_grams",
  "accounts",
  "sessions",
  "access_tokens",
  "action_owners",
  "sign_in_throttles",
  "setup_tokens",
  "audit_log",
  "review_cycles",
  "action_reviews",
  "indicator_decisions",
  "changes",
  "municipalities",
  "company_vocabulary",
  "companies",
  "company_facets",
  "company_grams",
  "equipment",
  "equipment_specs",
  "company_changes",
  "company_members",
  "company_invitations",
  "company_claims",
  "company_pending_changes",
] as const satisfies readonly (keyof Database)[];

export type BackupTable = (typeof BACKUP_TABLES)[number];

type Missing = Exclude<keyof Database, BackupTable>;
// A compile error here names the table of schema.ts that BACKUP_TABLES lacks.
const everyTableIsBackedUp: [Missing] extends [never] ? true : Missing = true;
void everyTableIsBackedUp;

/** Kysely's bookkeeping: the migrations a database has run (recorded separately in a backup). */
export const MIGRATION_TABLES = ["kysely_migration", "kysely_migration_lock"];

/** The table inside a backup file that describes it. */
export const META_TABLE = "shinko_backup";

export const BACKUP_FORMAT = "shinko-backup/1";
