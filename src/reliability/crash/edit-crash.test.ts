import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { editCrashes } from "./edit-crashes.js";

// The reduced crash run for edits: a few SIGKILLs per database. `npm run crash -- --kills 100`
// runs the full one and writes its report (docs/reliability.md).
describe.each(testDialects)("edits killed with SIGKILL on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it(
    "keeps each edit whole or absent, the revision and history counting them",
    { timeout: 120_000 },
    async () => {
      const report = await editCrashes({ databaseUrl: t.url, dialect, kills: 4, actions: 120, seed: 8 });
      expect(report.records.flatMap((r) => r.problems)).toEqual([]);
      expect(report.records.map((r) => r.ended)).toContain("killed");
      expect(report.detail.editsCommitted).toBeGreaterThan(0);
    },
  );
});
