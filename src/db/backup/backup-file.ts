import { createHash } from "node:crypto";
import { openSync, readSync, closeSync, statSync } from "node:fs";
import SQLite from "better-sqlite3";
import { DomainError, type Issue } from "../../core/errors.js";
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  META_TABLE,
  MIGRATION_TABLES,
  type BackupTable,
} from "./backup-tables.js";

/** What a backup file says about itself (its `shinko_backup` table). */
export interface BackupMeta {
  format: string;
  createdAt: string;
  /** The dialect the data came from: sqlite or postgres. */
  source: string;
  /** The migrations the database had run, in name order. */
  migrations: string[];
  /** Rows per table. */
  tables: Record<BackupTable, number>;
  /** SHA-256 (hex) of every table's columns and rows, in table order (see {@link digestRows}). */
  sha256: string;
}

const SQLITE_MAGIC = "SQLite format 3\u0000";
const MAX_ISSUES = 20;

function refuse(file: string, message: string, issues: Issue[] = []): DomainError {
  return new DomainError("validation_failed", `${file}: ${message}; nothing was changed`, issues);
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** The columns of a table in a backup file, in their order. */
export function columnsOf(file: SQLite.Database, table: string): Column[] {
  return file.pragma(`table_info("${table}")`) as Column[];
}

function kindOf(value: unknown): string {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal number";
  if (Buffer.isBuffer(value)) return "binary data";
  return typeof value;
}

function typeProblem(value: unknown, column: Column): string | null {
  if (value === null) {
    return column.notnull || column.pk ? "is empty (NULL), which the column does not allow" : null;
  }
  const type = column.type.toUpperCase();
  if (type === "INTEGER") {
    return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint"
      ? null
      : `should be an integer, found ${kindOf(value)}`;
  }
  if (type === "TEXT") return typeof value === "string" ? null : `should be text, found ${kindOf(value)}`;
  return `has an unexpected column type ${column.type}`;
}

/** What the checksum covers for a table's head, and for each row. */
export const tableLine = (table: string, columns: readonly { name: string }[]): string =>
  `${table}\t${columns.map((c) => c.name).join(",")}\n`;
export const rowLine = (row: readonly unknown[]): string =>
  `${JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`;

/**
 * SHA-256 over every table's name, column names and rows (as JSON arrays, in rowid order), and
 * the rows' problems: a value of the wrong type, or empty where the column needs one. Backups
 * store the digest; restore computes it again, so a changed byte anywhere in the data shows.
 */
export function digestRows(file: SQLite.Database): {
  sha256: string;
  counts: Record<string, number>;
  issues: Issue[];
} {
  const hash = createHash("sha256");
  const counts: Record<string, number> = {};
  const issues: Issue[] = [];
  for (const table of BACKUP_TABLES) {
    const columns = columnsOf(file, table);
    hash.update(tableLine(table, columns));
    let n = 0;
    const rows = file.prepare(`select * from "${table}" order by rowid`).raw(true).iterate() as Iterable<
      unknown[]
    >;
    for (const row of rows) {
      n++;
      hash.update(rowLine(row));
      if (issues.length >= MAX_ISSUES) continue;
      row.forEach((value, i) => {
        const problem = typeProblem(value, columns[i]!);
        if (problem) issues.push({ path: `${table} row ${n} column ${columns[i]!.name}`, message: problem });
      });
    }
    counts[table] = n;
  }
  return { sha256: hash.digest("hex"), counts, issues };
}

/** Writes the description into a backup file (which must not have one yet). */
export function writeMeta(file: SQLite.Database, meta: BackupMeta): void {
  file.exec(`create table ${META_TABLE} (key text primary key, value text not null)`);
  const insert = file.prepare(`insert into ${META_TABLE} (key, value) values (?, ?)`);
  file.transaction(() => {
    for (const [key, value] of Object.entries(meta)) {
      insert.run(key, typeof value === "string" ? value : JSON.stringify(value));
    }
  })();
}

function readMeta(file: SQLite.Database, path: string): BackupMeta {
  const has = file.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(META_TABLE);
  if (!has)
    throw refuse(path, `not a shinko backup (a SQLite file without the ${BACKUP_FORMAT} description)`);
  const rows = file.prepare(`select key, value from ${META_TABLE}`).all() as { key: string; value: string }[];
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  if (get("format") !== BACKUP_FORMAT) {
    throw refuse(path, `format is "${get("format") ?? "missing"}", this shinko reads ${BACKUP_FORMAT}`);
  }
  try {
    return {
      format: get("format")!,
      createdAt: get("createdAt") ?? "",
      source: get("source") ?? "",
      migrations: JSON.parse(get("migrations") ?? "null") as string[],
      tables: JSON.parse(get("tables") ?? "null") as Record<BackupTable, number>,
      sha256: get("sha256") ?? "",
    };
  } catch {
    throw refuse(path, "the backup's description is damaged (not JSON)");
  }
}

function isSqliteFile(path: string): boolean {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return false;
    fd = openSync(path, "r");
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString("latin1") === SQLITE_MAGIC;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Checks a whole backup file without changing anything: a SQLite file that passes its integrity
 * and foreign-key checks, with the shinko-backup/1 description, made at the migrations this
 * program has (`migrations`), holding exactly the tables backups cover, with the recorded row
 * counts and checksum, and every value of the right type. Throws a DomainError naming the first
 * problem (and up to 20 rows) otherwise.
 *
 * @example
 * const meta = inspectBackup("nightly.shinko-backup", knownMigrationNames);
 */
export function inspectBackup(path: string, migrations: readonly string[]): BackupMeta {
  try {
    if (!isSqliteFile(path))
      throw refuse(path, `not a shinko backup (not a SQLite file; expected ${BACKUP_FORMAT})`);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("not_found", `${path}: no such file`);
  }
  let file: SQLite.Database | undefined;
  try {
    file = new SQLite(path, { readonly: true, fileMustExist: true });
    const integrity = (file.pragma("integrity_check") as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (integrity.join() !== "ok")
      throw refuse(path, `the file is damaged (integrity check: ${integrity.slice(0, 3).join("; ")})`);
    const meta = readMeta(file, path);
    checkMigrations(path, file, meta, migrations);
    checkTables(path, file);
    const { sha256, counts, issues } = digestRows(file);
    for (const table of BACKUP_TABLES) {
      if (meta.tables?.[table] !== counts[table]) {
        throw refuse(
          path,
          `table ${table} holds ${counts[table]} rows, the backup recorded ${meta.tables?.[table] ?? "none"}`,
        );
      }
    }
    if (sha256 !== meta.sha256)
      throw refuse(path, "checksum mismatch: the data changed after the backup was made");
    if (issues.length > 0) throw refuse(path, `${issues[0]!.path}: ${issues[0]!.message}`, issues);
    const orphans = file.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    if (orphans.length > 0) {
      const o = orphans[0]!;
      throw refuse(path, `table ${o.table} rowid ${o.rowid} refers to a missing row of ${o.parent}`);
    }
    return meta;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // SQLite refuses a truncated or overwritten file as it reads it ("database disk image is malformed").
    throw refuse(path, `the file is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    file?.close();
  }
}

function checkMigrations(
  path: string,
  file: SQLite.Database,
  meta: BackupMeta,
  known: readonly string[],
): void {
  if (!Array.isArray(meta.migrations)) throw refuse(path, "the backup does not record its migrations");
  const inFile = (
    file.prepare(`select name from kysely_migration order by name`).all() as { name: string }[]
  ).map((r) => r.name);
  if (inFile.join() !== [...meta.migrations].sort().join()) {
    throw refuse(path, "the migrations in the file differ from those the backup recorded");
  }
  const newer = meta.migrations.filter((m) => !known.includes(m));
  if (newer.length > 0) {
    throw refuse(
      path,
      `the backup was made by a newer shinko (migration ${newer.join(", ")} is unknown here)`,
    );
  }
  const older = known.filter((m) => !meta.migrations.includes(m));
  if (older.length > 0) {
    throw refuse(
      path,
      `the backup was made before migration ${older.join(", ")}; restore it with that shinko version, then upgrade`,
    );
  }
}

function checkTables(path: string, file: SQLite.Database): void {
  const names = (
    file
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const extra = names.filter(
    (n) =>
      n !== META_TABLE && !MIGRATION_TABLES.includes(n) && !(BACKUP_TABLES as readonly string[]).includes(n),
  );
  const missing = BACKUP_TABLES.filter((t) => !names.includes(t));
  if (missing.length > 0) throw refuse(path, `table ${missing.join(", ")} is missing from the backup`);
  if (extra.length > 0) throw refuse(path, `table ${extra.join(", ")} is not one shinko backs up`);
}
