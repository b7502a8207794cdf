import { PostgresAdapter, type Kysely } from "kysely";
import type { DialectName } from "./connection.js";

/** Which database a Kysely instance talks to, for the few statements (triggers) that differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
