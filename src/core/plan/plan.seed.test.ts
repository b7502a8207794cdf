import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";

// SQLite connections in one process cannot wait for each other (the driver is synchronous), so
// SQLite's concurrent start is tested with separate processes in serve.command.test.ts.
const dialects = testDialects.filter((d) => d === "postgres");
import { kadoma } from "../../test/fixtures.js";
import { seedIfEmpty } from "./plan.seed.js";
import { listPlans } from "./plan.service.js";

describe.skipIf(dialects.length === 0).each(dialects)("seeding on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("loads the plan once when several servers start on one empty database at the same moment", async () => {
    const others = await Promise.all([openDatabase(t.url), openDatabase(t.url), openDatabase(t.url)]);
    const outcomes = await Promise.all([t, ...others].map((h) => seedIfEmpty(h.db, async () => kadoma())));
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
    expect((await listPlans(t.db)).map((p) => [p.id, p.counts.actions])).toEqual([["kadoma", 45]]);
    expect(await seedIfEmpty(t.db, async () => kadoma())).toBeNull();
    await Promise.all(others.map((h) => h.close()));
  });

  it("does nothing when a plan is there", async () => {
    expect(await seedIfEmpty(t.db, async () => kadoma())).toBeNull();
  });
});
