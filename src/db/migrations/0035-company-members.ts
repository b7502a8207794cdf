import type { Kysely } from "kysely";

// Firms keeping their own profile: which account is a member of which company, one-time
// invitation links (stored as SHA-256 hashes, like every secret), requests to claim a profile,
// and the edits a firm submitted that wait for the city's approval. No foreign key to the
// companies table: the registry is another context (core/companies), reached through its service.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("company_members")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("company_members_company_idx")
    .on("company_members")
    .column("company_id")
    .execute();

  await db.schema
    .createTable("company_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("used_by", "text")
    .execute();
  await db.schema
    .createIndex("company_invitations_company_idx")
    .on("company_invitations")
    .column("company_id")
    .execute();

  await db.schema
    .createTable("company_claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .execute();
  await db.schema
    .createIndex("company_claims_status_idx")
    .on("company_claims")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createTable("company_pending_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema
    .createIndex("company_pending_changes_status_idx")
    .on("company_pending_changes")
    .columns(["status", "submitted_at"])
    .execute();
  await db.schema
    .createIndex("company_pending_changes_company_idx")
    .on("company_pending_changes")
    .columns(["company_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "company_pending_changes",
    "company_claims",
    "company_invitations",
    "company_members",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
