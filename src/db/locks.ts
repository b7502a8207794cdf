import { sql, type Kysely } from "kysely";
import { dialectOf } from "./dialect.js";
import type { Database } from "./schema.js";

/**
 * Takes the write lock of one plan for the rest of the transaction, and says whether the plan
 * exists. Every write of a plan calls this before it reads anything it will check (a version, the
 * actions): on PostgreSQL, at READ COMMITTED, each statement after the lock sees what earlier
 * holders committed, so a version read afterwards is the current one. Without it, twenty editors
 * read "version 1" side by side, then queue for the lock and each write "version 2".
 * SQLite's transactions already begin with the database's write lock (BEGIN IMMEDIATE).
 */
export async function lockPlanRow(db: Kysely<Database>, planId: string): Promise<boolean> {
  if (dialectOf(db) === "postgres") {
    const result = await sql<{ id: string }>`select id from plans where id = ${planId} for update`.execute(
      db,
    );
    return result.rows.length > 0;
  }
  const row = await db.selectFrom("plans").select("id").where("id", "=", planId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Runs reads in one snapshot: several queries that together make one answer (a whole plan is
 * seven) never mix two versions of the data. A read-only REPEATABLE READ transaction on
 * PostgreSQL; on SQLite a deferred transaction, whose first read fixes the snapshot (WAL). Inside
 * a caller's transaction the reads simply join it.
 */
export async function inSnapshot<T>(
  db: Kysely<Database>,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(fn);
}
