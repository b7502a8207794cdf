import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as m0040 from "../../db/migrations/0040-versions.js";
import type { Database } from "../../db/schema.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { DomainError } from "../errors.js";
import { importPlan } from "../plan/plan.service.js";
import { appendChanges, listEntityChanges, type NewChange } from "./history.repository.js";

const meta = { at: "2025-06-01T03:00:00.000Z", actor: "計画管理者" };
const edit = (version: number, summary: string): NewChange => ({
  entity: "action",
  key: "7",
  version,
  source: "edit",
  summary,
  before: null,
  after: { name: summary },
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(testDialects)("one history entry per version on %s", (dialect) => {
  let t: TestDatabase;
  const versionsOf7 = async (db: Kysely<Database>) =>
    (await listEntityChanges(db, "kadoma", "action", "7")).map((c) => [c.version, c.summary]);

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
  });
  afterEach(async () => {
    await t.close();
  });

  it("refuses a second entry for a version already recorded, and keeps nothing of the refused write", async () => {
    await t.db.transaction().execute((trx) => appendChanges(trx, "kadoma", [edit(2, "first")], meta));
    const second = t.db
      .transaction()
      .execute((trx) => appendChanges(trx, "kadoma", [edit(3, "fine"), edit(2, "twin")], meta));
    await expect(second).rejects.toThrow(DomainError);
    await expect(second).rejects.toThrow(/action 7 version 2: someone else saved this version first/);
    expect(await versionsOf7(t.db)).toEqual([
      [2, "first"],
      [1, expect.any(String)],
    ]);
  });

  it.skipIf(dialect !== "postgres")(
    "lets only one of two writers that read the same version record it (PostgreSQL, no lock taken)",
    async () => {
      const bothRead = { a: deferred(), b: deferred() };
      const aCommitted = deferred();
      // Each writer reads the action's version, as an edit does, then records version + 1. The
      // second records only after the first committed, so its sequence number is fresh: only the
      // unique version stops it.
      const writer = (name: "a" | "b") =>
        t.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom("actions")
            .select("version")
            .where("plan_id", "=", "kadoma")
            .where("number", "=", 7)
            .executeTakeFirstOrThrow();
          bothRead[name].resolve();
          await Promise.all([bothRead.a.promise, bothRead.b.promise]);
          if (name === "b") await aCommitted.promise;
          await appendChanges(trx, "kadoma", [edit(row.version + 1, `by ${name}`)], meta);
        });
      const a = writer("a").then(() => aCommitted.resolve());
      const results = await Promise.allSettled([a, writer("b")]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
      expect(await versionsOf7(t.db)).toEqual([
        [2, "by a"],
        [1, expect.any(String)],
      ]);
    },
  );

  it("keeps twins recorded before the index readable, the latest one holding the version", async () => {
    await m0040.down(t.db as unknown as Kysely<unknown>);
    await appendChanges(t.db, "kadoma", [edit(2, "overwritten")], meta);
    await appendChanges(t.db, "kadoma", [edit(2, "kept")], meta);
    await m0040.up(t.db as unknown as Kysely<unknown>);
    const rows = await listEntityChanges(t.db, "kadoma", "action", "7");
    expect(rows.map((r) => [r.version, r.summary])).toEqual([
      [2, "kept"],
      [1, expect.any(String)],
      [-rows.find((r) => r.summary === "overwritten")!.seq, "overwritten"],
    ]);
    // And the index holds from now on.
    await expect(
      t.db.transaction().execute((trx) => appendChanges(trx, "kadoma", [edit(2, "again")], meta)),
    ).rejects.toThrow(DomainError);
  });
});
