import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import {
  checkDefinition,
  JOB_KIND,
  type EnqueueOptions,
  type JobData,
  type JobDefinition,
  type JobRunner,
} from "../../core/jobs/jobs.js";
import type { RunnerLog } from "./local-runner.js";

export interface PgBossSettings {
  connectionString: string;
  /** pg-boss's own schema (its tables never mix with ours). */
  schema: string;
  log: RunnerLog;
  /** Whether this process works jobs and fires schedules; false: it only enqueues. */
  work?: boolean;
  /** How often each worker asks for jobs (default 2 s; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** How often schedules are checked (default 30 s; 1–45). */
  cronMonitorIntervalSeconds?: number;
}

/**
 * The job runner on PostgreSQL: pg-boss. Jobs are claimed with SELECT … FOR UPDATE SKIP LOCKED, so
 * each runs once across all servers; a schedule fires once per minute slot (pg-boss takes a lock
 * to check schedules and sends with a singleton key per minute); a failing job is retried with
 * exponential backoff and, after its retries, stays in state `failed` with its error.
 *
 * @example
 * const runner = pgBossRunner({ connectionString, schema: "pgboss", log });
 */
export function pgBossRunner(settings: PgBossSettings): JobRunner {
  const definitions = new Map<string, JobDefinition>();
  const work = settings.work ?? true;
  let boss: PgBoss | undefined;
  // Loaded on start, and only on PostgreSQL: a SQLite server does not pay for pg-boss's import.
  async function open(): Promise<PgBoss> {
    const { default: PgBossClass } = await import("pg-boss");
    const instance = new PgBossClass({
      connectionString: settings.connectionString,
      schema: settings.schema,
      max: 4,
      application_name: "shinko-jobs",
      supervise: work,
      schedule: work,
      ...(settings.cronMonitorIntervalSeconds
        ? {
            cronMonitorIntervalSeconds: settings.cronMonitorIntervalSeconds,
            cronWorkerIntervalSeconds: settings.cronMonitorIntervalSeconds,
          }
        : {}),
    });
    instance.on("error", (error) => settings.log.error({ err: error }, "pg-boss error"));
    return instance;
  }
  const started = () => {
    if (!boss) throw new Error("the job queue is not started");
    return boss;
  };

  return {
    description: `pg-boss queue (PostgreSQL schema ${settings.schema})${work ? "" : ", enqueue only"}`,
    register(definition) {
      checkDefinition(definition, new Set(definitions.keys()));
      definitions.set(definition.kind, definition);
    },
    async enqueue(kind: string, data: JobData = {}, options: EnqueueOptions = {}) {
      if (!JOB_KIND.test(kind)) throw new Error(`job kind "${kind}" is not a valid name`);
      const trx = options.trx;
      await started().send(kind, data, {
        ...(options.delaySeconds ? { startAfter: options.delaySeconds } : {}),
        // Written through the caller's transaction: the job exists only if it commits.
        ...(trx
          ? {
              db: {
                executeSql: async (text: string, values: unknown[]) => {
                  const result = await trx.executeQuery(CompiledQuery.raw(text, values));
                  return { rows: result.rows };
                },
              },
            }
          : {}),
      });
    },
    async start() {
      if (boss) return;
      boss = await open();
      await boss.start();
      for (const def of definitions.values()) {
        const queue = {
          name: def.kind,
          retryLimit: def.retryLimit ?? 3,
          retryDelay: def.retryDelaySeconds ?? 30,
          retryBackoff: true,
        };
        await boss.createQueue(def.kind, queue);
        await boss.updateQueue(def.kind, queue);
        if (!work) continue;
        if (def.schedule) await boss.schedule(def.kind, def.schedule, {}, { tz: "UTC" });
        else await boss.unschedule(def.kind);
        await boss.work<JobData>(
          def.kind,
          { pollingIntervalSeconds: settings.pollingIntervalSeconds ?? 2, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) await def.handle(job.data ?? {});
          },
        );
      }
    },
    async stop() {
      const running = boss;
      boss = undefined;
      await running?.stop({ graceful: true, timeout: 8_000, wait: true });
    },
  };
}
