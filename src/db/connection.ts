import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { ImmediateSqliteDialect } from "./sqlite-dialect.js";

export type DialectName = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, without credentials: a file path or host/database. */
  location: string;
  /** On PostgreSQL, how to reach the same database again (the job queue opens its own pool). */
  postgres?: { connectionString: string; schema?: string };
  close(): Promise<void>;
}

export interface DatabaseTarget {
  dialect: DialectName;
  /** SQLite file path (absolute), or the PostgreSQL connection string without the schema option. */
  target: string;
  /** PostgreSQL schema to use instead of public (tests give each file its own). */
  schema?: string;
}

/** `postgres://…` or `postgresql://…` is PostgreSQL; anything else is the path of a SQLite file. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`DATABASE_URL: schema "${schema}" must be lower-case letters, digits and _`);
    }
    return { dialect: "postgres", target: parsed.toString(), ...(schema ? { schema } : {}) };
  }
  const path = url.startsWith("file:") ? url.slice(5) : url;
  return { dialect: "sqlite", target: path === ":memory:" ? path : resolve(path) };
}

function redact(connectionString: string): string {
  const u = new URL(connectionString);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

// COUNT(*) and other bigint results arrive as strings by default; every count we make fits a double.
pg.types.setTypeParser(20, (v) => Number(v));

function openSqlite(path: string): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Several processes may share the file (servers, an import from the CLI): wait for the lock.
  sqlite.pragma("busy_timeout = 15000");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
}

async function openPostgres(target: DatabaseTarget): Promise<DatabaseHandle> {
  const schema = target.schema;
  if (schema) {
    const admin = new pg.Client({ connectionString: target.target });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: target.target,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    location: redact(target.target) + (schema ? ` (schema ${schema})` : ""),
    postgres: { connectionString: target.target, ...(schema ? { schema } : {}) },
    close: () => db.destroy(),
  };
}

/** Brings the schema up to date. Safe to run from several servers at once (the migrator locks). */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  // Name the schema: otherwise Kysely finds its lock table in any schema of the database (such as
  // another test's) and skips creating its own.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Features number their migrations in ranges (0010–0019 accounts, 0020– review …) and land in
    // any order, so a database may have run 0020 before 0010 arrives.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : failed ? "see the migration" : "unknown error";
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${cause}`);
  }
}

/**
 * Opens the database named by a DATABASE_URL value and migrates it to the latest schema.
 *
 * @example
 * const { db, close } = await openDatabase("data/shinko.db");
 */
export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  const handle = target.dialect === "sqlite" ? openSqlite(target.target) : await openPostgres(target);
  try {
    await migrateToLatest(handle.db, target.dialect === "postgres" ? (target.schema ?? "public") : undefined);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/** Checks the connection works (readiness probes, start-up). */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
