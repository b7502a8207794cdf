import type { Kysely } from "kysely";

/**
 * Runs fn in a transaction: the caller's when `db` already is one, else a new one. Services that
 * must do slow work first (hashing a password) and then write use this, so the write lock is not
 * held while scrypt runs.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
