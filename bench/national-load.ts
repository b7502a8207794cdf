import { statSync } from "node:fs";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "../src/db/connection.js";
import { savePlan } from "../src/core/plan/plan.service.js";
import { generateNational } from "./generate/national.js";

export interface LoadReport {
  plans: number;
  actions: number;
  seconds: number;
  sizeMb: number;
}

/** Loads N generated plans, one transaction each (as N imports would), and measures the result. */
export async function loadNational(
  url: string,
  n: number,
  onProgress?: (done: number) => void,
): Promise<LoadReport> {
  const handle = await openDatabase(url);
  try {
    const start = performance.now();
    let actions = 0;
    let done = 0;
    for (const plan of generateNational(n)) {
      actions += plan.actions.length;
      await handle.db
        .transaction()
        .execute((trx) => savePlan(trx, plan, { actor: "bench", source: "import" }));
      done++;
      if (onProgress && done % 100 === 0) onProgress(done);
    }
    const seconds = (performance.now() - start) / 1000;
    return { plans: n, actions, seconds: Math.round(seconds * 10) / 10, sizeMb: await sizeMb(handle) };
  } finally {
    await handle.close();
  }
}

async function sizeMb(handle: DatabaseHandle): Promise<number> {
  if (handle.dialect === "sqlite") {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
    const bytes = statSync(handle.location).size;
    return Math.round((bytes / 1024 / 1024) * 10) / 10;
  }
  const row = await sql<{ bytes: string }>`
    select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'`.execute(handle.db);
  return Math.round((Number(row.rows[0]?.bytes ?? 0) / 1024 / 1024) * 10) / 10;
}
