import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, smallPlan, testAction } from "../../test/fixtures.js";
import { getActionForEdit, updateAction } from "../plan/plan.edit.js";
import { importPlan } from "../plan/plan.service.js";
import { candidatePlans } from "./plan-grams.repository.js";
import { searchAllPlans } from "./search.repository.js";

describe.each(testDialects)("search across plans on %s", (dialect) => {
  let t: TestDatabase;
  const search = (q: string, limit = 50, offset = 0) => searchAllPlans(t.db, q, { limit, offset });
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    await t.db.transaction().execute((trx) => importPlan(trx, smallPlan()));
  });
  afterAll(async () => t.close());

  it("finds a word in the one plan that has it, and reads no plan for a word none has", async () => {
    expect(await search("溶接")).toEqual({
      total: 1,
      totalIsLowerBound: false,
      hits: [
        { planId: "testshi", municipality: "テスト市", number: 2, name: "溶接技術の継承", measure: "1-1" },
      ],
    });
    expect(await candidatePlans(t.db, ["鋳造"])).toEqual([]);
    expect(await search("鋳造")).toEqual({ total: 0, totalIsLowerBound: false, hits: [] });
    expect(await candidatePlans(t.db, ["支援"])).toEqual(["kadoma"]);
  });

  it("pages through hits in plan and number order, with an exact count", async () => {
    const all = await search("補助");
    expect(all.total).toBe(12);
    const second = await search("補助", 5, 5);
    expect(second.hits.map((h) => h.number)).toEqual(all.hits.slice(5, 10).map((h) => h.number));
  });

  it("finds a word as soon as an edit adds it", async () => {
    // A word no other test of this file searches for: the tests share one database.
    expect((await search("鍛造")).total).toBe(0);
    const { action, version } = await getActionForEdit(t.db, "testshi", 1);
    await t.db.transaction().execute((trx) =>
      updateAction(trx, "testshi", 1, {
        baseVersion: version,
        action: { ...action, challenges: ["鍛造技術の継承。"] },
      }),
    );
    expect((await search("鍛造")).hits.map((h) => [h.planId, h.number])).toEqual([["testshi", 1]]);
    // One-character terms cannot be narrowed, but still match.
    expect((await search("鍛")).total).toBe(1);
  });

  it("says when there are more than a thousand matches", async () => {
    const many = smallPlan(
      { id: "manyshi" },
      Array.from({ length: 1_100 }, (_, i) => testAction(i + 1, { name: `共通語${i}` })),
    );
    await t.db.transaction().execute((trx) => importPlan(trx, many));
    const r = await search("共通語", 10);
    expect(r).toMatchObject({ total: 1_000, totalIsLowerBound: true });
    expect(r.hits).toHaveLength(10);
  });
});
