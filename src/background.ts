import type { Config } from "./config.js";
import { systemClock, type Clock } from "./core/clock.js";
import type { JobRunner } from "./core/jobs/jobs.js";
import type { MailTransport } from "./core/mail/mail.js";
import { mailJobs } from "./core/mail/mail.jobs.js";
import { reviewReminderJobs } from "./core/review/reminders.jobs.js";
import type { DatabaseHandle } from "./db/connection.js";
import { createJobRunner } from "./db/jobs/index.js";
import type { RunnerLog } from "./db/jobs/local-runner.js";
import { DEFAULT_MAIL_FROM, mailTransportOf } from "./infra/mail/index.js";

export interface Background {
  jobs: JobRunner;
  transport: MailTransport;
  stop(): Promise<void>;
}

/**
 * The composition root of background work: the mail transport, the job runner of the database
 * in use, and every context's job definitions. A new context adds its definitions here.
 *
 * @example
 * const background = await startBackground({ config, handle, log: app.log });
 * // … on shutdown:
 * await background.stop();
 */
export async function startBackground(deps: {
  config: Config;
  handle: DatabaseHandle;
  log: RunnerLog;
  clock?: Clock;
  /** A transport other than the configuration's (tests). */
  transport?: MailTransport;
}): Promise<Background> {
  const { config, handle, log } = deps;
  const clock = deps.clock ?? systemClock;
  const transport = deps.transport ?? mailTransportOf(config, log);
  const jobs = createJobRunner(handle, { log, clock, work: config.jobs === "on" });
  const db = handle.db;
  for (const definition of [
    ...mailJobs({ db, transport, from: config.mailFrom ?? DEFAULT_MAIL_FROM, clock }),
    ...reviewReminderJobs({
      db,
      jobs,
      clock,
      settings: { daysBefore: config.reviewReminderDays, publicUrl: config.publicUrl },
    }),
  ]) {
    jobs.register(definition);
  }
  await jobs.start();
  return { jobs, transport, stop: () => jobs.stop() };
}
