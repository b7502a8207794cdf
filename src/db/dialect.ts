import { PostgresAdapter, type Kysely } from "kysely";
import type { DialectName } from "./connection.js";

/** Which database a Kysely instance talks to, for the few statements (triggers) that differ. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
