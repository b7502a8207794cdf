import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { smallPlan, testAction } from "../../test/fixtures.js";
import { listAudit } from "../audit/audit.query.js";
import { listEntityChanges } from "../history/history.repository.js";
import type { Indicator } from "../indicators/indicator.schema.js";
import { importPlan, type Clock } from "../plan/plan.service.js";
import { copyForward, fillBlanks } from "./copy-forward.js";
import { openCycle } from "./cycle.service.js";
import type { Actor } from "./review.permissions.js";
import { findReview } from "./review.repository.js";
import { EMPTY_CONTENT, type ReviewContent } from "./review.schema.js";
import { approveReview, returnReview, saveDraft, submitReview } from "./review.service.js";

const clock: Clock = { now: () => new Date("2026-02-01T09:00:00Z") };
const manager: Actor = { id: "m1", role: "plan_manager", name: "kanri@city.example" };
const owner: Actor = { id: "o1", role: "action_owner", name: "tanto@city.example" };
const owns = async (id: string, _plan: string, n: number) => id === owner.id && n === 1;

const indicator = (code: string, target2024: number | null): Indicator => ({
  code,
  name: `指標${code}`,
  unit: "件",
  kind: "activity",
  baseline: null,
  values: [{ fiscalYear: 2024, target: target2024, actual: 7, evidence: null }],
  source: "",
});

/** An action whose FY 2024 is published: a result, challenges, an evaluation, indicator targets. */
const reviewed = (number: number) =>
  testAction(number, {
    records: [{ fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: `${number}の実績` }],
    challenges: [`${number}の課題`],
    evaluations: [{ fiscalYear: 2024, grade: "B", direction: "improve", analysis: `${number}の分析` }],
    indicators: [indicator("1", 10), indicator("2", null)],
  });

describe("fillBlanks", () => {
  const previous: ReviewContent = {
    results: "昨年の実績",
    challenges: ["課題A"],
    grade: "A",
    direction: "expand",
    analysis: "昨年の分析",
    indicators: [
      { code: "1", target: 10, actual: 9 },
      { code: "2", target: 20, actual: 25 },
      { code: "3", target: null, actual: 4 },
    ],
  };

  it("fills every blank from the year before, except the grade and the actuals", () => {
    const { content, filled } = fillBlanks(EMPTY_CONTENT, previous);
    expect(content).toEqual({
      results: "昨年の実績",
      challenges: ["課題A"],
      grade: null,
      direction: "expand",
      analysis: "昨年の分析",
      indicators: [
        { code: "1", target: 10, actual: null },
        { code: "2", target: 20, actual: null },
      ],
    });
    expect(filled).toEqual([
      "results",
      "challenges",
      "direction",
      "analysis",
      "indicators.1.target",
      "indicators.2.target",
    ]);
  });

  it("never overwrites what is written, and treats blanks of spaces as blank", () => {
    const current: ReviewContent = {
      results: "今年の実績",
      challenges: ["今年の課題"],
      grade: null,
      direction: "continue",
      analysis: "  \n ",
      indicators: [
        { code: "1", target: 12, actual: null },
        { code: "2", target: null, actual: 3 },
      ],
    };
    const { content, filled } = fillBlanks(current, previous);
    expect(content).toEqual({
      ...current,
      analysis: "昨年の分析",
      indicators: [
        { code: "1", target: 12, actual: null },
        { code: "2", target: 20, actual: 3 },
      ],
    });
    expect(filled).toEqual(["analysis", "indicators.2.target"]);
    expect(current.indicators[1]).toEqual({ code: "2", target: null, actual: 3 });
    expect(fillBlanks({ ...EMPTY_CONTENT, results: " " }, previous).content.results).toBe("昨年の実績");
  });

  it("copies nothing from a year that is blank itself", () => {
    const blank = {
      ...EMPTY_CONTENT,
      results: "  ",
      analysis: " ",
      indicators: [{ code: "1", target: null, actual: 1 }],
    };
    expect(fillBlanks(EMPTY_CONTENT, blank)).toEqual({ content: EMPTY_CONTENT, filled: [] });
  });
});

describe.each(testDialects)("copying forward on %s", (dialect) => {
  let t: TestDatabase;
  const tx = <T>(fn: (db: TestDatabase["db"]) => Promise<T>) => t.db.transaction().execute(fn);
  const review = async (n: number, fy = 2025) => (await findReview(t.db, "testshi", fy, n))!;
  const copy = (actor: Actor, numbers?: number[]) =>
    tx((db) => copyForward(db, "testshi", 2025, { actor, owns, clock }, numbers));

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    await tx((db) => importPlan(db, smallPlan({}, [reviewed(1), reviewed(2), reviewed(3)]), { clock }));
    await tx((db) =>
      openCycle(
        db,
        "testshi",
        { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
        { actor: manager, clock },
      ),
    );
  });
  afterEach(async () => t.close());

  it("copies results, challenges, direction, analysis and targets of the published year, keeping the status", async () => {
    expect(await copy(manager)).toEqual(
      [1, 2, 3].map((n) => ({
        actionNumber: n,
        filled: ["results", "challenges", "direction", "analysis", "indicators.1.target"],
      })),
    );
    const r = await review(2);
    expect(r).toMatchObject({
      status: "not_started",
      version: 2,
      updatedBy: "kanri@city.example",
      updatedAt: "2026-02-01T09:00:00.000Z",
    });
    expect(r.content).toEqual({
      results: "2の実績",
      challenges: ["2の課題"],
      grade: null,
      direction: "improve",
      analysis: "2の分析",
      indicators: [{ code: "1", target: 10, actual: null }],
    });
    const history = await listEntityChanges(t.db, "testshi", "review", "2025/2");
    expect(history.map((h) => [h.version, h.source, h.summary, h.actor])).toEqual([
      [
        2,
        "review",
        "copied forward: results, challenges, direction, analysis, indicators.1.target",
        "kanri@city.example",
      ],
    ]);
    const audit = (await listAudit(t.db, { kinds: ["review.copied_forward"] })).entries;
    expect(audit.map((a) => a.subject)).toEqual([{ type: "review_cycle", id: "testshi/2025" }]);
    expect(audit.map((a) => a.details)).toEqual([
      { planId: "testshi", fiscalYear: 2025, actions: [1, 2, 3] },
    ]);
  });

  it("never touches a submitted or an approved review", async () => {
    const submit = async (n: number) => {
      const r = await review(n);
      await tx((db) =>
        saveDraft(
          db,
          "testshi",
          2025,
          n,
          { baseVersion: r.version, content: { ...EMPTY_CONTENT, results: "提出済み" } },
          { actor: manager, clock },
        ),
      );
      await tx((db) => submitReview(db, "testshi", 2025, n, r.version + 1, { actor: manager, clock }));
    };
    await submit(1);
    await submit(2);
    const v2 = (await review(2)).version;
    await tx((db) => approveReview(db, "testshi", 2025, 2, v2, { actor: manager, clock }));
    const before = [await review(1), await review(2)];
    expect(await copy(manager)).toEqual([
      { actionNumber: 3, filled: ["results", "challenges", "direction", "analysis", "indicators.1.target"] },
    ]);
    expect([await review(1), await review(2)]).toEqual(before);
    expect(before.map((r) => [r.status, r.content.analysis, r.content.challenges])).toEqual([
      ["submitted", "", []],
      ["approved", "", []],
    ]);
  });

  it("fills the blanks of a draft, keeping what it says", async () => {
    const r = await review(1);
    await tx((db) =>
      saveDraft(
        db,
        "testshi",
        2025,
        1,
        { baseVersion: r.version, content: { ...EMPTY_CONTENT, results: "今年" } },
        { actor: manager, clock },
      ),
    );
    expect(await copy(manager, [1])).toEqual([
      { actionNumber: 1, filled: ["challenges", "direction", "analysis", "indicators.1.target"] },
    ]);
    expect(await review(1)).toMatchObject({
      status: "draft",
      content: { results: "今年", analysis: "1の分析" },
    });
  });

  it("copies for an owner only into the actions assigned to them, and for a viewer nothing", async () => {
    expect(await copy({ id: "v1", role: "viewer" })).toEqual([]);
    expect(await copy({ id: "o2", role: "action_owner" })).toEqual([]);
    expect((await copy(owner)).map((o) => o.actionNumber)).toEqual([1]);
    expect((await review(2)).version).toBe(1);
    expect((await review(1)).updatedBy).toBe("tanto@city.example");
  });

  it("copies only the actions asked for, and a second time nothing (no audit entry)", async () => {
    expect((await copy(manager, [3])).map((o) => o.actionNumber)).toEqual([3]);
    expect((await review(1)).version).toBe(1);
    expect(await copy(manager, [3])).toEqual([]);
    expect((await listAudit(t.db, { kinds: ["review.copied_forward"] })).entries).toHaveLength(1);
  });

  it("takes the year before from its review when there was one, not from the plan", async () => {
    await tx((db) =>
      openCycle(
        db,
        "testshi",
        { fiscalYear: 2024, asOf: "2025-02-28", deadline: "2026-03-15" },
        { actor: manager, clock },
      ),
    );
    const r = await review(1, 2024);
    await tx((db) =>
      saveDraft(
        db,
        "testshi",
        2024,
        1,
        {
          baseVersion: r.version,
          content: {
            ...EMPTY_CONTENT,
            results: "2024年度の下書き",
            direction: "expand",
            indicators: [{ code: "2", target: 5, actual: 1 }],
          },
        },
        { actor: manager, clock },
      ),
    );
    expect(await copy(manager, [1])).toEqual([
      { actionNumber: 1, filled: ["results", "direction", "indicators.2.target"] },
    ]);
    expect((await review(1)).content).toMatchObject({
      results: "2024年度の下書き",
      direction: "expand",
      challenges: [],
      analysis: "",
      indicators: [{ code: "2", target: 5, actual: null }],
    });
  });
  it("fills a returned review, and nothing for an owner when no assignment is known", async () => {
    const r = await review(3);
    const as = { actor: manager, clock };
    await tx((db) =>
      saveDraft(
        db,
        "testshi",
        2025,
        3,
        { baseVersion: r.version, content: { ...EMPTY_CONTENT, results: "書いた" } },
        as,
      ),
    );
    await tx((db) => submitReview(db, "testshi", 2025, 3, r.version + 1, as));
    await tx((db) =>
      returnReview(
        db,
        "testshi",
        2025,
        3,
        { baseVersion: r.version + 2, comment: "課題を書いてください" },
        as,
      ),
    );
    expect(await tx((db) => copyForward(db, "testshi", 2025, { actor: owner, clock }, [1, 2, 3]))).toEqual(
      [],
    );
    expect((await copy(manager, [3]))[0]!.filled).toEqual([
      "challenges",
      "direction",
      "analysis",
      "indicators.1.target",
    ]);
    expect(await review(3)).toMatchObject({
      status: "returned",
      content: { results: "書いた", challenges: ["3の課題"] },
    });
  });
});

describe.each(testDialects)("what copy forward reads of the year before, on %s", (dialect) => {
  it("takes the year's own result, evaluation and target, not another year's, and leaves blanks blank", async () => {
    const t = await openTestDatabase(dialect);
    try {
      const other = (n: number) =>
        testAction(n, {
          records: [
            { fiscalYear: 2023, kind: "result", asOf: null, text: "2023年度の実績" },
            { fiscalYear: 2024, kind: "baseline", asOf: null, text: "2024年度の現状" },
          ],
          evaluations: [
            { fiscalYear: 2023, grade: "C", direction: "review", analysis: "2023年度の分析" },
            { fiscalYear: 2024, grade: "B", direction: "improve", analysis: "" },
          ],
          indicators: [
            {
              ...indicator("1", null),
              values: [
                { fiscalYear: 2023, target: 5, actual: 5, evidence: null },
                { fiscalYear: 2024, target: 8, actual: null, evidence: null },
              ],
            },
          ],
        });
      const doc = smallPlan({ fiscalYears: { from: 2023, to: 2028 } }, [other(1), testAction(2)]);
      await t.db.transaction().execute((db) => importPlan(db, doc, { clock }));
      await t.db
        .transaction()
        .execute((db) =>
          openCycle(
            db,
            "testshi",
            { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
            { actor: manager, clock },
          ),
        );
      const out = await t.db
        .transaction()
        .execute((db) => copyForward(db, "testshi", 2025, { actor: manager, clock }));
      expect(out).toEqual([{ actionNumber: 1, filled: ["direction", "indicators.1.target"] }]);
      expect((await findReview(t.db, "testshi", 2025, 1))!.content).toEqual({
        ...EMPTY_CONTENT,
        direction: "improve",
        indicators: [{ code: "1", target: 8, actual: null }],
      });
      expect((await findReview(t.db, "testshi", 2025, 2))!.content).toEqual(EMPTY_CONTENT);
    } finally {
      await t.close();
    }
  });
});
