import { createHash, type Hash } from "node:crypto";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { DatabaseHandle } from "../connection.js";
import type { Database } from "../schema.js";
import { DomainError } from "../../core/errors.js";
import { columnsOf, inspectBackup, rowLine, tableLine, type BackupMeta } from "./backup-file.js";
import { BACKUP_TABLES } from "./backup-tables.js";
import { appliedMigrations } from "./create-backup.js";

// Keeps each INSERT under both databases' limits on bound parameters.
const MAX_PARAMETERS = 30_000;

/**
 * The audit log refuses DELETE (migration 0011), which is right for the application and wrong
 * for a restore, which replaces the whole log with the backup's. Its triggers are set aside
 * inside the restore's transaction and put back before it commits, so no one ever sees the log
 * without them.
 */
async function withoutAuditTriggers(
  trx: Kysely<Database>,
  dialect: DatabaseHandle["dialect"],
  fn: () => Promise<void>,
) {
  if (dialect === "postgres") {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await fn();
    await sql`alter table audit_log enable trigger user`.execute(trx);
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'trigger' and tbl_name = 'audit_log'`.execute(trx);
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
  await fn();
  for (const t of triggers.rows) await sql.raw(t.sql).execute(trx);
}

async function loadTable(
  trx: Kysely<Database>,
  file: SQLite.Database,
  table: string,
  hash: Hash,
): Promise<number> {
  const columns = columnsOf(file, table).map((c) => c.name);
  hash.update(tableLine(table, columnsOf(file, table)));
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const rows = file.prepare(`select * from "${table}" order by rowid`).raw(true).iterate() as Iterable<
    unknown[]
  >;
  let pending: unknown[][] = [];
  let n = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const values = pending.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(values)}`.execute(
      trx,
    );
    n += pending.length;
    pending = [];
  };
  for (const row of rows) {
    hash.update(rowLine(row));
    pending.push(row);
    if (pending.length >= batch) await flush();
  }
  await flush();
  return n;
}

/**
 * A restore brings back data, not sign-ins: every session ends (the backup's sessions include
 * ones signed out since, and a session is cheap to start again), and a token revoked before the
 * restore stays revoked although the backup knew it as active. Tokens made after the backup are
 * not in it, so they are gone too.
 */
async function endRevivedCredentials(
  trx: Kysely<Database>,
  revokedNow: { id: string; revoked_at: string | null }[],
): Promise<void> {
  await trx.deleteFrom("sessions").execute();
  for (const token of revokedNow) {
    await trx
      .updateTable("access_tokens")
      .set({ revoked_at: token.revoked_at })
      .where("id", "=", token.id)
      .where("revoked_at", "is", null)
      .execute();
  }
}

export interface RestoreResult {
  meta: BackupMeta;
  rows: number;
}

/**
 * Replaces every table's rows with a backup's, all or nothing. The whole file is checked first
 * (inspectBackup): a damaged, changed, foreign or mismatched file is refused before anything is
 * touched. Then one transaction deletes the current rows and loads the backup's; `after` runs in
 * the same transaction (the audit entry for the restore). Readers see the old data or the new.
 * Sessions and revoked tokens are not revived (see endRevivedCredentials).
 *
 * @example
 * await restoreBackup(handle, "nightly.shinko-backup", (trx) => recordAudit(trx, event));
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  path: string,
  after: (trx: Kysely<Database>, meta: BackupMeta) => Promise<unknown>,
): Promise<RestoreResult> {
  const meta = inspectBackup(path, await appliedMigrations(handle.db));
  const file = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    let rows = 0;
    await handle.db.transaction().execute(async (trx) => {
      const revokedNow = await trx
        .selectFrom("access_tokens")
        .select(["id", "revoked_at"])
        .where("revoked_at", "is not", null)
        .execute();
      await withoutAuditTriggers(trx, handle.dialect, async () => {
        for (const table of [...BACKUP_TABLES].reverse()) await trx.deleteFrom(table).execute();
        // The rows loaded are summed again: a file changed after the check is rolled back too.
        const hash = createHash("sha256");
        for (const table of BACKUP_TABLES) rows += await loadTable(trx, file, table, hash);
        if (hash.digest("hex") !== meta.sha256) {
          throw new DomainError(
            "validation_failed",
            `${path}: the file changed while it was restored; nothing was changed`,
          );
        }
      });
      await endRevivedCredentials(trx, revokedNow);
      await after(trx, meta);
    });
    return { meta, rows };
  } finally {
    file.close();
  }
}
