import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { savePlan } from "../../core/plan/plan.service.js";
import { kadoma } from "../../test/fixtures.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { planProblems } from "./plan-invariants.js";

// The crash harness trusts these checks to see a half-written plan: each breach is reported.
describe.each(testDialects)("the plan's invariants on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db
      .transaction()
      .execute((trx) => savePlan(trx, validatePlanDocument(kadoma()), { actor: "test" }));
  });
  afterAll(async () => t.close());

  it("hold for a plan written whole", async () => {
    expect(await planProblems(t.db, "kadoma")).toEqual([]);
  });

  it("report counts, search sequences and versions that disagree with the rows", async () => {
    await t.db.updateTable("plans").set({ count_actions: 1 }).where("id", "=", "kadoma").execute();
    await t.db.deleteFrom("plan_grams").where("plan_id", "=", "kadoma").where("gram", "=", "門真").execute();
    await t.db
      .updateTable("actions")
      .set({ version: 9 })
      .where("plan_id", "=", "kadoma")
      .where("number", "=", 1)
      .execute();
    const problems = await planProblems(t.db, "kadoma");
    expect(problems).toEqual([
      expect.stringMatching(/^count_actions 1, but \d+ actions$/) as string,
      expect.stringMatching(/^plan_grams holds \d+ sequences, the actions have \d+$/) as string,
      "action 1 version 9, history's last 1",
    ]);
  });

  it("report a plan that is missing", async () => {
    expect(await planProblems(t.db, "nowhere")).toEqual(['plan "nowhere" is missing']);
  });
});
