import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson, smallPlan, testAction } from "../../test/fixtures.js";
import { DomainError } from "../errors.js";
import { findActionNumbers } from "./plan.repository.js";
import { serializePlan } from "./plan.serialize.js";
import { findPlan, getPlan, importPlan, listPlans, removePlan, savePlan } from "./plan.service.js";

describe.each(testDialects)("plans on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
  });
  afterAll(async () => t.close());

  it("lists the plan with its counts", async () => {
    const plans = await listPlans(t.db);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      id: "kadoma",
      municipality: "門真市",
      fiscalYears: { from: 2024, to: 2028 },
      asOf: "2025-02-28",
      counts: { strategies: 3, measures: 15, actions: 45 },
    });
  });

  it("gives back exactly what was imported, byte for byte", async () => {
    const doc = await getPlan(t.db, "kadoma");
    expect(serializePlan(doc)).toBe(kadomaJson());
  });

  it("exports the same bytes twice (deterministic)", async () => {
    const a = serializePlan(await getPlan(t.db, "kadoma"));
    const b = serializePlan(await getPlan(t.db, "kadoma"));
    expect(a).toBe(b);
  });

  it("filters actions by strategy, measure, tag, flags and fiscal year", async () => {
    const find = (f: Parameters<typeof findActionNumbers>[2]) => findActionNumbers(t.db, "kadoma", f);
    expect(await find({})).toHaveLength(45);
    expect(await find({ strategy: "1" })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await find({ measure: "3-4" })).toEqual([40, 41]);
    expect(await find({ tag: "DX" })).toEqual([1, 2]);
    expect(await find({ tag: "一般市民・業界向け情報発信" })).toEqual([28, 30, 32]);
    expect(await find({ isNew: true })).toEqual([3, 7, 10, 12, 17, 19, 27, 30, 35]);
    expect(await find({ priority: true, strategy: "2" })).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(await find({ relisted: true })).toEqual([24, 31, 40, 42]);
    expect(await find({ relisted: false })).toHaveLength(41);
    // FY 2024 (令和6年度): only labels that start in R6 or run through it.
    expect(await find({ fiscalYear: 2024 })).toEqual([
      1, 5, 9, 11, 16, 17, 18, 19, 20, 21, 24, 29, 36, 40, 42, 44,
    ]);
    expect(await find({ fiscalYear: 2030 })).toEqual([]);
  });

  it("finds two-character Japanese words and ignores width and case", async () => {
    const q = (text: string) => findActionNumbers(t.db, "kadoma", { q: text });
    expect(await q("創業")).toEqual([8, 14]);
    expect(await q("万博")).toEqual([28, 29, 30, 33, 42, 43]);
    expect(await q("ＤＸ")).toEqual(await q("dx"));
    expect(await q("ＤＸ")).toEqual([1, 2, 3]);
    expect(await q("事業承継")).toEqual([40, 41]); // 【事業 承継】 in the source
    expect(await q("ｶﾄﾞﾏｲｽﾀｰ")).toEqual(await q("カドマイスター"));
    expect(await q("創業 支援")).toEqual([8, 14]);
    expect(await q("溶接")).toEqual([]);
    expect(await q("100%")).toEqual([]); // LIKE wildcards are literal
    expect(await q("_")).toEqual([]);
  });

  it("replaces a plan with the same id and keeps others", async () => {
    const other = smallPlan();
    const created = await t.db.transaction().execute((trx) => importPlan(trx, other));
    expect(created).toMatchObject({ planId: "testshi", replaced: false, revision: 1 });
    other.actions.push(testAction(3, { name: "新しいアクション" }));
    const replaced = await t.db.transaction().execute((trx) => importPlan(trx, other));
    expect(replaced).toMatchObject({ replaced: true, revision: 2, counts: { actions: 3 } });
    expect((await getPlan(t.db, "testshi")).actions.map((a) => a.name)).toContain("新しいアクション");
    expect((await listPlans(t.db)).map((p) => p.id)).toEqual(["kadoma", "testshi"]);
    await removePlan(t.db, "testshi");
    expect(await findPlan(t.db, "testshi")).toBeUndefined();
  });

  it("writes nothing when the transaction fails half-way", async () => {
    const before = serializePlan(await getPlan(t.db, "kadoma"));
    const changed = kadoma();
    changed.actions[0]!.name = "書き換え";
    await expect(
      t.db.transaction().execute(async (trx) => {
        await savePlan(trx, changed);
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(before);
  });

  it("refuses an invalid document before writing anything", async () => {
    const bad = kadoma();
    bad.actions[5]!.number = 1;
    const error = await t.db
      .transaction()
      .execute((trx) => importPlan(trx, bad))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues[0]).toEqual({
      path: "actions[5].number",
      message: "duplicate action number 1 (first at actions[0])",
    });
    expect((await listPlans(t.db)).map((p) => p.revision)).toEqual([1]);
  });
});
