import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { getPlan, importPlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { importBytes } from "../../test/import-helpers.js";

const SEED = fileURLToPath(new URL("../../../data/sources/kadoma/action-plan-2025-02.tsv", import.meta.url));
const DOC = fileURLToPath(new URL("../../../docs/import-seed-differences.md", import.meta.url));

/** Every field where two plans differ: plan.x, strategy C, measure C, action N: field. */
function differences(a: PlanDocument, b: PlanDocument): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const key of new Set([...Object.keys(a.plan), ...Object.keys(b.plan)])) {
    if (!same(a.plan[key as keyof typeof a.plan], b.plan[key as keyof typeof b.plan]))
      out.push(`plan.${key}`);
  }
  if (!same(a.strategies, b.strategies)) out.push("strategies");
  if (!same(a.measures, b.measures)) out.push("measures");
  const numbers = new Set([...a.actions, ...b.actions].map((x) => x.number));
  for (const n of [...numbers].sort((x, y) => x - y)) {
    const x = a.actions.find((v) => v.number === n);
    const y = b.actions.find((v) => v.number === n);
    if (!x || !y) {
      out.push(`action ${n}`);
      continue;
    }
    for (const field of Object.keys(x) as (keyof typeof x)[]) {
      // The dataset's indicators are one documented difference, whichever actions have them.
      if (!same(x[field], y[field]))
        out.push(field === "indicators" ? "actions: indicators" : `action ${n}: ${field}`);
    }
  }
  return out;
}

/** The first column of the documented table: `plan.source`, `action 11: schedule` … */
function documented(): string[] {
  return [...readFileSync(DOC, "utf8").matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]!);
}

describe.each(testDialects)("the seed text imported on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("gives the canonical dataset except for the documented differences", async () => {
    const report = await importBytes(t.db, readFileSync(SEED), {
      source: "action-plan-2025-02.tsv",
      format: "tsv",
      planId: "kadoma",
    });
    expect(report).toMatchObject({ outcome: "created", planId: "kadoma", format: "tsv", encoding: "utf8" });
    expect(report.warnings.map((w) => w.path)).toEqual([
      "line 20, column O",
      "line 21, column A",
      "line 23, column A",
    ]);
    const imported = await getPlan(t.db, "kadoma");
    expect(imported.actions).toHaveLength(45);
    expect([...new Set(differences(imported, kadoma()))].sort()).toEqual(documented().sort());
  });

  it("over the canonical plan, finds it by its title, keeps its own fields and would change only the corrected actions", async () => {
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    const report = await importBytes(t.db, readFileSync(SEED), {
      source: "seed.tsv",
      format: "tsv",
      dryRun: true,
    });
    expect(report).toMatchObject({ planId: "kadoma", outcome: "replaced", dryRun: true });
    expect(report.changes.plan).toEqual([]);
    expect(report.changes.actions.changed.map((a) => [a.number, a.fields])).toEqual(
      [11, 24, 28, 29, 30, 31, 32, 33, 34, 35].map((n) => [n, ["schedule", "recovered"]]),
    );
  });
});
