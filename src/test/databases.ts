import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DatabaseHandle, type DialectName } from "../db/connection.js";
import { dropPostgresSchema } from "../db/test-support.js";

/**
 * Real databases for tests: SQLite always, PostgreSQL when `npm test` found a server
 * (it sets SHINKO_TEST_POSTGRES). Each test file gets its own SQLite file or PostgreSQL schema, so
 * files run in parallel without seeing each other.
 */
export const POSTGRES_URL = process.env.SHINKO_TEST_POSTGRES ?? "";

export const testDialects: DialectName[] = POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase extends DatabaseHandle {
  /** The DATABASE_URL that opens this same database (for CLI runs in a child process). */
  url: string;
}

let counter = 0;

export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "shinko-test-"));
    const url = join(dir, "test.db");
    const handle = await openDatabase(url);
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!POSTGRES_URL) throw new Error("PostgreSQL is not available for tests");
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const url = `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  const handle = await openDatabase(url);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await dropPostgresSchema(POSTGRES_URL, schema);
    },
  };
}
