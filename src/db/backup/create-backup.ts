import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { openDatabase, type DatabaseHandle } from "../connection.js";
import type { Database } from "../schema.js";
import { digestRows, inspectBackup, writeMeta, type BackupMeta } from "./backup-file.js";
import { BACKUP_FORMAT, BACKUP_TABLES, MIGRATION_TABLES } from "./backup-tables.js";

/** The tables a live database holds (besides Kysely's), to refuse a backup that would miss one. */
export async function liveTables(handle: Pick<DatabaseHandle, "db" | "dialect">): Promise<string[]> {
  const rows =
    handle.dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(handle.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db);
  return rows.rows.map((r) => r.name).filter((n) => !MIGRATION_TABLES.includes(n));
}

/** The migrations the database has run, in name order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Copies every table inside one REPEATABLE READ, read-only transaction: a snapshot however the server writes. */
async function copyFromPostgres(db: Kysely<Database>, target: string): Promise<string[]> {
  // The file gets the schema from the same migrations, so it reads like a SQLite database's backup.
  const created = await openDatabase(target);
  await created.close();
  const file = new SQLite(target);
  try {
    file.pragma("journal_mode = DELETE");
    return await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        const migrations = await appliedMigrations(trx);
        for (const table of BACKUP_TABLES) {
          const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx);
          if (rows.length === 0) continue;
          const columns = Object.keys(rows[0]!);
          const insert = file.prepare(
            `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
          );
          file.transaction(() => {
            for (const row of rows) insert.run(...columns.map((c) => row[c]));
          })();
        }
        return migrations;
      });
  } finally {
    file.close();
  }
}

export interface BackupResult {
  file: string;
  meta: BackupMeta;
  rows: number;
}

/**
 * Writes a consistent backup of the whole database to `file` while the server keeps running.
 * SQLite: VACUUM INTO (a read snapshot; writers are not blocked). PostgreSQL: every table read in
 * one REPEATABLE READ transaction into a SQLite file of the same schema. Either way the result is
 * a `shinko-backup/1` file: a SQLite database with a `shinko_backup` table recording the
 * migrations, row counts and a SHA-256 of the data, checked again before it is renamed into place.
 *
 * @example
 * const { meta } = await createBackup(handle, "backups/2025-04-01.shinko-backup", new Date());
 */
export async function createBackup(handle: DatabaseHandle, file: string, now: Date): Promise<BackupResult> {
  const path = resolve(file);
  const uncovered = (await liveTables(handle)).filter(
    (t) => !(BACKUP_TABLES as readonly string[]).includes(t),
  );
  if (uncovered.length > 0) {
    throw new Error(
      `table ${uncovered.join(", ")} is not covered by backups (src/db/backup/backup-tables.ts)`,
    );
  }
  if (!existsSync(dirname(path))) throw new Error(`${dirname(path)}: no such directory`);
  const partial = `${path}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    let migrations: string[];
    if (handle.dialect === "sqlite") {
      await sql`vacuum into ${partial}`.execute(handle.db);
      const file = new SQLite(partial);
      try {
        file.pragma("journal_mode = DELETE");
        migrations = (
          file.prepare(`select name from kysely_migration order by name`).all() as { name: string }[]
        ).map((r) => r.name);
      } finally {
        file.close();
      }
    } else {
      migrations = await copyFromPostgres(handle.db, partial);
    }
    const file = new SQLite(partial);
    let meta: BackupMeta;
    try {
      const { sha256, counts } = digestRows(file);
      meta = {
        format: BACKUP_FORMAT,
        createdAt: now.toISOString(),
        source: handle.dialect,
        migrations,
        tables: counts,
        sha256,
      };
      writeMeta(file, meta);
    } finally {
      file.close();
    }
    inspectBackup(partial, migrations);
    renameSync(partial, path);
    return { file: path, meta, rows: Object.values(meta.tables).reduce((a, b) => a + b, 0) };
  } finally {
    rmSync(partial, { force: true });
    for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(`${partial}${suffix}`, { force: true });
  }
}
