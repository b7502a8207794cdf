import type { Db } from "../plan/plan.repository.js";

/**
 * Background work, as the core sees it. A context declares what to do (a {@link JobDefinition}:
 * a kind, a handler, perhaps a schedule); src/background.ts registers the definitions with the
 * runner of the database in use: pg-boss on PostgreSQL (each job once across all servers),
 * an in-process runner over the `jobs` table on SQLite. See docs/mail-and-jobs.md.
 */
export type JobData = Record<string, unknown>;

export interface JobDefinition {
  /** Unique, dotted: "mail.deliver", "review.reminders". Letters, digits, dot, dash, underscore. */
  kind: string;
  /**
   * Does the work. Throwing fails the attempt: it is retried with backoff until `retryLimit`
   * retries are used up, then the job stays failed (the dead-letter list) with its error.
   * Handlers must be safe to run again (an attempt can fail after doing part of its work).
   */
  handle(data: JobData): Promise<void>;
  /** Retries after the first attempt (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry; doubled for each further one (default 30). */
  retryDelaySeconds?: number;
  /**
   * Cron expression, five fields, UTC ("0 * * * *": hourly on the hour). The job is then enqueued
   * once per matching minute across all servers.
   */
  schedule?: string;
}

export interface EnqueueOptions {
  /**
   * Enqueue inside this transaction: the job exists only if it commits. (pg-boss writes its job
   * row through the transaction; the SQLite runner inserts into `jobs`.)
   */
  trx?: Db;
  /** Run no earlier than this many seconds from now. */
  delaySeconds?: number;
}

/** Where a context enqueues work. */
export interface JobQueue {
  /**
   * @example
   * await jobs.enqueue("mail.deliver");
   */
  enqueue(kind: string, data?: JobData, options?: EnqueueOptions): Promise<void>;
}

/** The runner the composition root starts and stops. */
export interface JobRunner extends JobQueue {
  /** Registers a kind before start. */
  register(definition: JobDefinition): void;
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to a limit) for the running ones. */
  stop(): Promise<void>;
  readonly description: string;
}

export const JOB_KIND = /^[a-z][a-z0-9_.-]{0,63}$/;

/** Refuses a definition that cannot work, at registration (so at start, not at 3 a.m.). */
export function checkDefinition(definition: JobDefinition, known: ReadonlySet<string>): void {
  if (!JOB_KIND.test(definition.kind)) throw new Error(`job kind "${definition.kind}" is not a valid name`);
  if (known.has(definition.kind)) throw new Error(`job kind "${definition.kind}" is registered twice`);
}
