import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { seedIfEmpty } from "./plan.seed.js";
import { listPlans } from "./plan.service.js";

// Each test opens its own empty database, so none relies on what another left behind.
describe.each(testDialects)("seeding on %s", (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(dialect);
  });
  afterEach(async () => t.close());

  it("loads the plan into an empty database, and does nothing when a plan is there", async () => {
    const outcome = await seedIfEmpty(t.db, async () => kadoma());
    expect(outcome).not.toBeNull();
    let read = 0;
    expect(
      await seedIfEmpty(t.db, async () => {
        read++;
        return kadoma();
      }),
    ).toBeNull();
    expect(read).toBe(0);
    expect((await listPlans(t.db)).map((p) => [p.id, p.counts.actions])).toEqual([["kadoma", 45]]);
  });

  // SQLite connections in one process cannot wait for each other (the driver is synchronous), so
  // SQLite's concurrent start is tested with separate processes in serve.command.test.ts.
  it.runIf(dialect === "postgres")(
    "loads the plan once when several servers start on one empty database at the same moment",
    async () => {
      const others = await Promise.all([openDatabase(t.url), openDatabase(t.url), openDatabase(t.url)]);
      try {
        const outcomes = await Promise.all(
          [t, ...others].map((h) => seedIfEmpty(h.db, async () => kadoma())),
        );
        expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
        expect((await listPlans(t.db)).map((p) => [p.id, p.counts.actions])).toEqual([["kadoma", 45]]);
      } finally {
        await Promise.all(others.map((h) => h.close()));
      }
    },
  );
});
