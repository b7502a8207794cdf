import { statSync } from "node:fs";
import SQLite from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "./connection.js";

/**
 * What the crash harness (src/reliability/crash) needs to know that only the database can say:
 * whether the storage itself is sound after a process was killed, and whether another process has
 * started writing. Only tests and the crash runs use this.
 */

/**
 * SQLite: `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on a fresh connection (which
 * also replays or discards what a killed writer left in the WAL). PostgreSQL keeps its own files
 * sound and enforces foreign keys on the server: nothing to ask here (the plan's invariants are
 * checked through the query builder, see plan-invariants.ts). Returns the problems, empty when sound.
 */
export function storageProblems(databaseUrl: string): string[] {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect !== "sqlite") return [];
  const db = new SQLite(target.target, { fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== "ok");
    const foreign = db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    for (const f of foreign) problems.push(`foreign key: ${f.table} row ${f.rowid} has no ${f.parent}`);
    return problems;
  } finally {
    db.close();
  }
}

/** Polls whether a writer has begun its transaction's writes. */
export interface WriteProbe {
  /** True once the writer has written inside its transaction. */
  started(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A probe for the process that connects with `applicationName` (PostgreSQL: the backend holds a
 * transaction id once it has written) or that writes the SQLite file (its WAL grows by more than
 * `bytes`).
 */
export async function writeProbe(
  databaseUrl: string,
  applicationName: string,
  bytes = 8 * 1024,
): Promise<WriteProbe> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === "sqlite") {
    const wal = `${target.target}-wal`;
    const size = () => {
      try {
        return statSync(wal).size;
      } catch {
        return 0;
      }
    };
    const base = size();
    return { started: async () => size() > base + bytes, close: async () => undefined };
  }
  const client = new pg.Client({ connectionString: target.target });
  await client.connect();
  return {
    started: async () => {
      const result = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL",
        [applicationName],
      );
      return Number(result.rows[0]?.n) > 0;
    },
    close: () => client.end(),
  };
}

/** The URL a child process should use so that {@link writeProbe} can find its connection. */
export function withApplicationName(databaseUrl: string, applicationName: string): string {
  if (parseDatabaseUrl(databaseUrl).dialect === "sqlite") return databaseUrl;
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", applicationName);
  return url.toString();
}
