import { describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { openTestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { exportPlan } from "../export/export-plan.js";
import { IMPORT_LIMITS } from "../import/import-limits.js";
import { MAX_LISTED_PROBLEMS, runImport } from "../import/import-plan.js";
import { readImport } from "../import/read-import.js";

// A CSV of many bad rows answers with a bounded list (a million bad rows answered with 82 MB of
// errors), and a CSV over the row limit is refused before its rows are read.

async function csvWithRows(rows: number, bad: (n: number) => string): Promise<Uint8Array> {
  const csv = new TextDecoder().decode((await exportPlan(validatePlanDocument(kadoma()), "csv")).bytes);
  const [header, first] = csv.split("\r\n") as [string, string];
  const lines = [header, first];
  for (let n = 0; n < rows; n++) lines.push(bad(n));
  return new TextEncoder().encode(lines.join("\r\n"));
}

async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("a CSV of many bad rows", () => {
  it("lists the first problems and counts the rest", async () => {
    const bytes = await csvWithRows(3_000, (n) => `kadoma,,,,,,,,,,,,,,,,X${n},`);
    const draft = await readImport(bytes, { source: "bad.csv", format: "csv" });
    const t = await openTestDatabase("sqlite");
    try {
      const error = await refusal(() => runImport(t.db, draft, { source: "bad.csv", dryRun: true }));
      expect(error.code).toBe("validation_failed");
      expect(error.issues).toHaveLength(MAX_LISTED_PROBLEMS + 1);
      expect(error.issues[0]!.path).toMatch(/^row 3, column /);
      const total = Number(/: (\d+) problems/.exec(error.message)![1]);
      expect(total).toBeGreaterThan(3_000);
      expect(error.issues.at(-1)).toEqual({
        path: "bad.csv",
        message: `and ${total - MAX_LISTED_PROBLEMS} more problems (only the first ${MAX_LISTED_PROBLEMS} are listed)`,
      });
    } finally {
      await t.close();
    }
  });

  it("is refused past the row limit, naming the limit and the line, before its rows are read", async () => {
    const bytes = await csvWithRows(IMPORT_LIMITS.rows + 10, () => "x");
    const error = await refusal(() => readImport(bytes, { source: "huge.csv", format: "csv" }));
    expect(error.code).toBe("too_large");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toMatch(/^huge\.csv, line \d{5}$/);
    expect(error.issues[0]!.message).toBe(
      `more than ${IMPORT_LIMITS.rows.toLocaleString("en-US")} rows; an import reads at most ${IMPORT_LIMITS.rows.toLocaleString("en-US")} rows`,
    );
  });
});
