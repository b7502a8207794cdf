import type { Clock } from "../../core/clock.js";
import type { JobRunner } from "../../core/jobs/jobs.js";
import type { DatabaseHandle } from "../connection.js";
import { localJobRunner, type RunnerLog } from "./local-runner.js";
import { pgBossRunner } from "./pgboss-runner.js";

/**
 * pg-boss's schema beside ours: "pgboss" for the default schema, "<schema>_jobs" when DATABASE_URL
 * names one (tests give each file its own, so their queues stay apart too).
 */
export function jobSchemaOf(handle: Pick<DatabaseHandle, "postgres">): string {
  const schema = handle.postgres?.schema;
  return schema ? `${schema}_jobs` : "pgboss";
}

/**
 * The runner for the database in use: pg-boss on PostgreSQL, the in-process runner on SQLite.
 *
 * @example
 * const runner = createJobRunner(handle, { log: app.log });
 */
export function createJobRunner(
  handle: DatabaseHandle,
  options: { log: RunnerLog; clock?: Clock; work?: boolean },
): JobRunner {
  if (handle.dialect === "postgres" && handle.postgres) {
    return pgBossRunner({
      connectionString: handle.postgres.connectionString,
      schema: jobSchemaOf(handle),
      log: options.log,
      work: options.work ?? true,
    });
  }
  const runner = localJobRunner({
    db: handle.db,
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (options.work === false) return { ...runner, start: async () => undefined };
  return runner;
}
