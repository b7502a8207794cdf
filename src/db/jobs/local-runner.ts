import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { DAY, systemClock, type Clock } from "../../core/clock.js";
import { parseCron, type Cron } from "../../core/jobs/cron.js";
import {
  checkDefinition,
  JOB_KIND,
  type EnqueueOptions,
  type JobData,
  type JobDefinition,
  type JobRunner,
} from "../../core/jobs/jobs.js";
import type { Database } from "../schema.js";

export interface RunnerLog {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

interface Registered {
  definition: JobDefinition;
  cron?: Cron;
}

/**
 * The job runner on SQLite: jobs are rows of `jobs`, polled by the server's process. Every claim
 * is a compare-and-set and each scheduled minute is a row of `job_schedule_runs`, so several
 * processes sharing the file (a CLI import beside the server) still run each job once.
 *
 * @example
 * const runner = localJobRunner({ db, log });
 * runner.register({ kind: "mail.deliver", schedule: "* * * * *", handle: async () => { … } });
 * await runner.start();
 */
export function localJobRunner(options: {
  db: Kysely<Database>;
  log: RunnerLog;
  clock?: Clock;
  /** How often the table is polled (default one second). */
  pollMs?: number;
  /** How long a claimed job may run before another process may take it over. */
  leaseMs?: number;
}): JobRunner & { runDue(): Promise<number> } {
  const { db, log } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const registered = new Map<string, Registered>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let lastSlot = "";
  let stopping = false;

  async function enqueue(kind: string, data: JobData = {}, opts: EnqueueOptions = {}): Promise<void> {
    if (!JOB_KIND.test(kind)) throw new Error(`job kind "${kind}" is not a valid name`);
    const now = clock.now();
    const def = registered.get(kind)?.definition;
    await (opts.trx ?? db)
      .insertInto("jobs")
      .values({
        id: randomUUID(),
        kind,
        data: JSON.stringify(data),
        status: "pending",
        attempts: 0,
        max_attempts: 1 + (def?.retryLimit ?? 3),
        run_at: new Date(now.getTime() + (opts.delaySeconds ?? 0) * 1000).toISOString(),
        locked_until: null,
        last_error: null,
        created_at: now.toISOString(),
        finished_at: null,
      })
      .execute();
  }

  /** Enqueues each schedule whose minute has come, once per minute across processes. */
  async function fireSchedules(): Promise<void> {
    const now = clock.now();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const slot = minute.toISOString();
    if (slot === lastSlot) return;
    lastSlot = slot;
    for (const { definition, cron } of registered.values()) {
      if (!cron?.matches(minute)) continue;
      await db.transaction().execute(async (trx) => {
        const first = await trx
          .insertInto("job_schedule_runs")
          .values({ kind: definition.kind, slot })
          .onConflict((oc) => oc.columns(["kind", "slot"]).doNothing())
          .executeTakeFirst();
        if (Number(first.numInsertedOrUpdatedRows ?? 0n) > 0) await enqueue(definition.kind, {}, { trx });
      });
    }
    // Housekeeping once a minute: finished jobs and old slots after a week (failed jobs stay).
    const weekAgo = new Date(now.getTime() - 7 * DAY).toISOString();
    await db.deleteFrom("jobs").where("status", "=", "done").where("finished_at", "<", weekAgo).execute();
    await db.deleteFrom("job_schedule_runs").where("slot", "<", weekAgo).execute();
  }

  async function runOne(id: string, kind: string): Promise<boolean> {
    const registration = registered.get(kind);
    if (!registration) return false;
    const at = clock.now();
    const claimed = await db
      .updateTable("jobs")
      .set((eb) => ({
        status: "running",
        attempts: eb("attempts", "+", 1),
        locked_until: new Date(at.getTime() + leaseMs).toISOString(),
      }))
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("run_at", "<=", at.toISOString())]),
          eb.and([eb("status", "=", "running"), eb("locked_until", "<", at.toISOString())]),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const job = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    try {
      await registration.definition.handle(JSON.parse(job.data) as JobData);
      await db
        .updateTable("jobs")
        .set({ status: "done", finished_at: clock.now().toISOString(), locked_until: null })
        .where("id", "=", id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.max_attempts;
      const delay = (registration.definition.retryDelaySeconds ?? 30) * 1000 * 2 ** (job.attempts - 1);
      await db
        .updateTable("jobs")
        .set({
          status: dead ? "failed" : "pending",
          last_error: message.slice(0, 2_000),
          locked_until: null,
          run_at: new Date(clock.now().getTime() + delay).toISOString(),
          ...(dead ? { finished_at: clock.now().toISOString() } : {}),
        })
        .where("id", "=", id)
        .execute();
      log.error({ err: error, job: { id, kind, attempt: job.attempts, dead } }, `job ${kind} failed`);
    }
    return true;
  }

  /** One poll: fire schedules, then run every job that is due. Returns how many ran. */
  async function runDue(): Promise<number> {
    await fireSchedules();
    const kinds = [...registered.keys()];
    if (kinds.length === 0) return 0;
    let ran = 0;
    for (;;) {
      const now = clock.now().toISOString();
      const due = await db
        .selectFrom("jobs")
        .select(["id", "kind"])
        .where("kind", "in", kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
            eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
          ]),
        )
        .orderBy("run_at")
        .limit(20)
        .execute();
      let progressed = false;
      for (const job of due) {
        if (await runOne(job.id, job.kind)) {
          ran += 1;
          progressed = true;
        }
      }
      if (!progressed || stopping) return ran;
    }
  }

  function tick() {
    if (running) return;
    running = runDue()
      .catch((error: unknown) => {
        log.error({ err: error }, "job runner: poll failed");
        return 0;
      })
      .finally(() => (running = undefined));
  }

  return {
    description: "in-process job runner (SQLite: jobs table, polled)",
    register(definition) {
      checkDefinition(definition, new Set(registered.keys()));
      registered.set(definition.kind, {
        definition,
        ...(definition.schedule ? { cron: parseCron(definition.schedule) } : {}),
      });
    },
    enqueue,
    runDue,
    async start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(tick, pollMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
