import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobData, JobRunner } from "../../core/jobs/jobs.js";
import { parseCron } from "../../core/jobs/cron.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, POSTGRES_URL, type TestDatabase } from "../../test/databases.js";
import { openDatabase, type DatabaseHandle } from "../connection.js";
import { createJobRunner, jobSchemaOf } from "./index.js";
import { localJobRunner } from "./local-runner.js";
import { pgBossRunner } from "./pgboss-runner.js";

const quiet = { info: () => undefined, error: () => undefined };

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

describe("cron expressions", () => {
  it("match the minutes they name, in UTC", () => {
    const at = (iso: string) => new Date(iso);
    expect(parseCron("* * * * *").matches(at("2026-03-01T10:17:00Z"))).toBe(true);
    expect(parseCron("5 * * * *").matches(at("2026-03-01T10:05:00Z"))).toBe(true);
    expect(parseCron("5 * * * *").matches(at("2026-03-01T10:06:00Z"))).toBe(false);
    expect(parseCron("*/15 9-17 * * 1-5").matches(at("2026-03-02T09:45:00Z"))).toBe(true); // Monday
    expect(parseCron("*/15 9-17 * * 1-5").matches(at("2026-03-01T09:45:00Z"))).toBe(false); // Sunday
    expect(parseCron("0 0 1 * 7").matches(at("2026-03-01T00:00:00Z"))).toBe(true);
    expect(() => parseCron("61 * * * *")).toThrow(/minute/);
    expect(() => parseCron("* * *")).toThrow(/five fields/);
  });
});

describe("the in-process runner (SQLite)", () => {
  let t: TestDatabase;
  let other: DatabaseHandle;
  const runners: JobRunner[] = [];
  beforeEach(async () => {
    t = await openTestDatabase("sqlite");
    other = await openDatabase(t.url); // a second process on the same file
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await other.close();
    await t.close();
  });

  it("handles an enqueued job once with two runners, and a schedule once per minute", async () => {
    const clock = new TestClock("2026-03-08T00:04:30.000Z");
    const handled: string[] = [];
    const make = (handle: DatabaseHandle, name: string) => {
      const runner = localJobRunner({ db: handle.db, log: quiet, clock });
      runner.register({
        kind: "test.echo",
        handle: async (data) => void handled.push(`${name}:${String(data.n)}`),
      });
      runner.register({
        kind: "test.hourly",
        schedule: "5 * * * *",
        handle: async () => void handled.push(`${name}:hourly`),
      });
      return runner;
    };
    const a = make(t, "a");
    const b = make(other, "b");
    // One after the other: two connections of one Node process cannot wait for each other's
    // SQLite lock (better-sqlite3 blocks the thread); separate server processes can.
    const both = async () => {
      await a.runDue();
      await b.runDue();
    };
    await a.enqueue("test.echo", { n: 1 });
    await both();
    expect(handled.filter((h) => h.endsWith(":1"))).toHaveLength(1);
    expect(handled.some((h) => h.endsWith("hourly"))).toBe(false); // 00:04, not yet
    clock.advance(60_000); // 00:05
    await both();
    await both();
    expect(handled.filter((h) => h.endsWith("hourly"))).toHaveLength(1);
    clock.advance(60_000); // 00:06: the schedule does not fire again
    await both();
    expect(handled.filter((h) => h.endsWith("hourly"))).toHaveLength(1);
  });

  it("retries a failing job with backoff, then keeps it as failed with its error", async () => {
    const clock = new TestClock("2026-03-08T00:00:10.000Z");
    const runner = localJobRunner({ db: t.db, log: quiet, clock });
    let attempts = 0;
    runner.register({
      kind: "test.flaky",
      retryLimit: 2,
      retryDelaySeconds: 10,
      handle: async () => {
        attempts++;
        throw new Error(`no luck ${attempts}`);
      },
    });
    await runner.enqueue("test.flaky");
    await runner.runDue();
    expect(attempts).toBe(1);
    clock.advance(5_000);
    await runner.runDue();
    expect(attempts).toBe(1); // the backoff has not passed
    clock.advance(10_000);
    await runner.runDue();
    clock.advance(20_000);
    await runner.runDue();
    clock.advance(60_000);
    await runner.runDue();
    expect(attempts).toBe(3);
    const row = await t.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "test.flaky", status: "failed", attempts: 3, last_error: "no luck 3" });
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job", async () => {
    const runner = localJobRunner({ db: t.db, log: quiet });
    const seen: JobData[] = [];
    runner.register({ kind: "test.tx", handle: async (d) => void seen.push(d) });
    await t.db
      .transaction()
      .execute(async (trx) => {
        await runner.enqueue("test.tx", { n: 1 }, { trx });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await t.db.transaction().execute((trx) => runner.enqueue("test.tx", { n: 2 }, { trx }));
    await runner.runDue();
    expect(seen).toEqual([{ n: 2 }]);
  });

  it("starts with the server's defaults on SQLite and stops cleanly", async () => {
    const runner = createJobRunner(t, { log: quiet });
    const seen: number[] = [];
    runner.register({ kind: "test.started", handle: async (d) => void seen.push(Number(d.n)) });
    runners.push(runner);
    await runner.start();
    await runner.enqueue("test.started", { n: 7 });
    await waitFor(() => seen.length > 0, 5_000);
    expect(seen).toEqual([7]);
    expect(runner.description).toMatch(/in-process/);
  });
});

describe.skipIf(!POSTGRES_URL)("pg-boss on PostgreSQL with two servers", () => {
  let t: TestDatabase;
  const runners: JobRunner[] = [];
  beforeEach(async () => {
    t = await openTestDatabase("postgres");
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${jobSchemaOf(t)} CASCADE`);
    await client.end();
    await t.close();
  });

  it(
    "runs a scheduled job once and an enqueued job once across two runners",
    { timeout: 60_000 },
    async () => {
      // A schedule for the current minute (daily): it fires in this minute's slot, once across servers.
      let now = new Date();
      if (now.getUTCSeconds() > 40) {
        await new Promise((r) => setTimeout(r, (61 - now.getUTCSeconds()) * 1000));
        now = new Date();
      }
      const cron = `${now.getUTCMinutes()} ${now.getUTCHours()} * * *`;
      const ran: string[] = [];
      const make = (name: string) => {
        const runner = pgBossRunner({
          connectionString: t.postgres!.connectionString,
          schema: jobSchemaOf(t),
          log: quiet,
          pollingIntervalSeconds: 0.5,
          cronMonitorIntervalSeconds: 1,
        });
        runner.register({
          kind: "test.scheduled",
          schedule: cron,
          handle: async () => void ran.push(`${name}:scheduled`),
        });
        runner.register({
          kind: "test.enqueued",
          handle: async (d) => void ran.push(`${name}:enqueued:${String(d.n)}`),
        });
        runners.push(runner);
        return runner;
      };
      const a = make("a");
      const b = make("b");
      await a.start(); // the first start creates pg-boss's schema; then both race
      await b.start();
      await b.enqueue("test.enqueued", { n: 1 });
      await a.enqueue("test.enqueued", { n: 2 });
      await waitFor(
        () =>
          ran.filter((r) => r.includes("enqueued")).length >= 2 && ran.some((r) => r.includes("scheduled")),
        20_000,
      );
      // Give the other server time to (wrongly) run anything a second time.
      await new Promise((r) => setTimeout(r, 4_000));
      expect(ran.filter((r) => r.endsWith("scheduled"))).toHaveLength(1);
      expect(ran.filter((r) => r.includes("enqueued:1"))).toHaveLength(1);
      expect(ran.filter((r) => r.includes("enqueued:2"))).toHaveLength(1);
    },
  );

  it("enqueues through the caller's transaction: a rollback leaves no job", { timeout: 30_000 }, async () => {
    const runner = pgBossRunner({
      connectionString: t.postgres!.connectionString,
      schema: jobSchemaOf(t),
      log: quiet,
      pollingIntervalSeconds: 0.5,
    });
    const seen: number[] = [];
    runner.register({ kind: "test.tx", handle: async (d) => void seen.push(Number(d.n)) });
    runners.push(runner);
    await runner.start();
    await t.db
      .transaction()
      .execute(async (trx) => {
        await runner.enqueue("test.tx", { n: 1 }, { trx });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await t.db.transaction().execute((trx) => runner.enqueue("test.tx", { n: 2 }, { trx }));
    await waitFor(() => seen.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(seen).toEqual([2]);
  });

  it("keeps a job whose handler keeps throwing as failed, with its error", { timeout: 30_000 }, async () => {
    const runner = pgBossRunner({
      connectionString: t.postgres!.connectionString,
      schema: jobSchemaOf(t),
      log: quiet,
      pollingIntervalSeconds: 0.5,
    });
    let attempts = 0;
    runner.register({
      kind: "test.broken",
      retryLimit: 1,
      retryDelaySeconds: 1,
      handle: async () => {
        attempts++;
        throw new Error("the handler threw");
      },
    });
    runners.push(runner);
    await runner.start();
    await runner.enqueue("test.broken");
    await waitFor(() => attempts >= 2, 15_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query<{ state: string; retry_count: number; output: { message?: string } }>(
      `SELECT state, retry_count, output FROM ${jobSchemaOf(t)}.job WHERE name = 'test.broken'`,
    );
    await client.end();
    expect(attempts).toBe(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "failed", retry_count: 1 });
    expect(rows[0]!.output.message).toBe("the handler threw");
  });
});
