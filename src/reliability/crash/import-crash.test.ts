import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { importCrashes } from "./import-crashes.js";

// The reduced crash run for imports through the CLI: a few SIGKILLs per database.
// `npm run crash -- --kills 100` runs the full one and writes its report (docs/reliability.md).
describe.each(testDialects)("a large import killed with SIGKILL on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("leaves the plan as it was before or after, never half-written", { timeout: 120_000 }, async () => {
    const report = await importCrashes({ databaseUrl: t.url, dialect, kills: 3, actions: 300, seed: 8 });
    expect(report.records.flatMap((r) => r.problems)).toEqual([]);
    expect(report.records.map((r) => r.state).every((s) => s === "before" || s === "after")).toBe(true);
    expect(report.records.map((r) => r.ended)).toContain("killed");
  });
});
