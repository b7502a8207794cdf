import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { DomainError } from "../errors.js";
import {
  actionHistory,
  comparePlan,
  diffActionVersions,
  restoreActionVersion,
} from "../history/history.service.js";
import { indicatorReport } from "../indicators/report.js";
import { getActionForEdit } from "../plan/plan.edit.js";
import { getPlan, importPlan, type Clock } from "../plan/plan.service.js";
import { copyForward } from "./copy-forward.js";
import { cycleStatus, openCycle } from "./cycle.service.js";
import { publishReviews } from "./publish.js";
import type { Actor } from "./review.permissions.js";
import { findCycle, findReview } from "./review.repository.js";
import type { ReviewContent } from "./review.schema.js";
import { approveReview, returnReview, saveDraft, submitReview } from "./review.service.js";

class TestClock implements Clock {
  constructor(public at: string) {}
  now() {
    return new Date(this.at);
  }
}

const manager: Actor = { id: "manager@city.example", role: "plan_manager" };
const owner: Actor = { id: "owner@city.example", role: "action_owner" };
const viewer: Actor = { id: "viewer@city.example", role: "viewer" };
const owns = async (id: string, _plan: string, n: number) => id === owner.id && [13, 16].includes(n);

// Each test starts from its own database holding Kadoma's plan, so none depends on what another
// left behind (vitest --sequence.shuffle runs them in any order). The steps the later stages need
// (open the year, review and publish three actions) are helpers each test calls.
describe.each(testDialects)("a whole review cycle on %s", (dialect) => {
  let t: TestDatabase;
  let clock: TestClock;
  const as = (actor: Actor) => ({ actor, owns, clock });
  const tx = <T>(fn: (db: TestDatabase["db"]) => Promise<T>) => t.db.transaction().execute(fn);
  const review = async (n: number) => (await findReview(t.db, "kadoma", 2025, n))!;
  const write = async (n: number, actor: Actor, patch: Partial<ReviewContent>) => {
    const r = await review(n);
    return tx((db) =>
      saveDraft(
        db,
        "kadoma",
        2025,
        n,
        { baseVersion: r.version, content: { ...r.content, ...patch } },
        as(actor),
      ),
    );
  };
  // Versions are read before each transaction: SQLite's one connection is busy inside it.
  const version = async (n: number) => (await review(n)).version;
  const submit = async (n: number, actor: Actor) => {
    const v = await version(n);
    await tx((db) => submitReview(db, "kadoma", 2025, n, v, as(actor)));
  };
  const approve = async (n: number) => {
    const v = await version(n);
    await tx((db) => approveReview(db, "kadoma", 2025, n, v, as(manager)));
  };
  const openFY2025 = async () => {
    clock.at = "2026-02-01T09:00:00Z";
    return tx((db) =>
      openCycle(db, "kadoma", { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, as(manager)),
    );
  };
  /** What three actions' reviews say for FY 2025 (13 and 16 by their owner, 23 by the manager). */
  const writeThree = async () => {
    clock.at = "2026-03-10T09:00:00Z";
    await write(13, owner, {
      results: "・会員大会を開催。",
      grade: "B",
      direction: "continue",
      analysis: "加入企業は増えたが、定例会の平均参加率は13.2%から9.7%、12%に下がった。",
      indicators: [
        { code: "1", target: 105, actual: 104 },
        { code: "2", target: 15, actual: 12 },
      ],
    });
    await write(16, owner, {
      results: "・掲載企業の追加。(150社)",
      grade: "A",
      direction: "expand",
      // Bound to companies.listed, whose registry is empty here: the city's count needs its reason.
      indicators: [
        {
          code: "1",
          target: 140,
          actual: 150,
          fromSource: { decision: "overridden", reason: "市の掲載台帳による", computed: null },
        },
      ],
    });
    await write(23, manager, {
      results: "合同企業就職説明会・面接会(令和7年9月) 【総来場者数 90名/雇用マッチング数9名(市内企業)】",
      grade: "C",
      direction: "improve",
      indicators: [
        { code: "1", target: 120, actual: 90 },
        { code: "2", target: 10, actual: 9 },
      ],
    });
  };
  /** Opens FY 2025, reviews three actions, approves and publishes them. */
  const publishThree = async () => {
    await openFY2025();
    await writeThree();
    for (const [n, actor] of [
      [13, owner],
      [16, owner],
      [23, manager],
    ] as const)
      await submit(n, actor);
    for (const n of [13, 16, 23]) await approve(n);
    clock.at = "2026-03-20T09:00:00Z";
    expect(await tx((db) => publishReviews(db, "kadoma", 2025, as(manager)))).toEqual([13, 16, 23]);
  };

  beforeEach(async () => {
    clock = new TestClock("2025-03-01T09:00:00Z");
    t = await openTestDatabase(dialect);
    await tx((db) => importPlan(db, kadoma(), { clock, actor: "cli" }));
  });
  afterEach(async () => t.close());

  it("opens FY 2025: every action gets its record, all lacking an update", async () => {
    clock.at = "2026-02-01T09:00:00Z";
    await expect(
      tx((db) =>
        openCycle(db, "kadoma", { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, as(owner)),
      ),
    ).rejects.toThrow("only a plan manager can open a review");
    const cycle = await tx((db) =>
      openCycle(db, "kadoma", { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, as(manager)),
    );
    expect(cycle).toMatchObject({ fiscalYear: 2025, status: "open" });
    const status = await cycleStatus(t.db, "kadoma", 2025, clock);
    expect(status.total).toBe(45);
    expect(status.counts.not_started).toBe(45);
    expect(status.lacking).toHaveLength(45);
    await expect(
      tx((db) =>
        openCycle(
          db,
          "kadoma",
          { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
          as(manager),
        ),
      ),
    ).rejects.toThrow("already open");
  });

  it("refuses a deadline already past (in Japan), naming the field, and opens nothing", async () => {
    // 16 March 2026, 00:30 in Tokyo: 15 March is past there, though still the 15th in UTC.
    clock.at = "2026-03-15T15:30:00Z";
    const open = (deadline: string) =>
      tx((db) => openCycle(db, "kadoma", { fiscalYear: 2025, asOf: "2026-02-28", deadline }, as(manager)));
    const refused = await open("2026-03-15").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("validation_failed");
    expect((refused as DomainError).issues).toEqual([
      { path: "deadline", message: "2026-03-15 is in the past (today is 2026-03-16)" },
    ]);
    expect(await findCycle(t.db, "kadoma", 2025)).toBeUndefined();
    // Today itself is allowed.
    expect(await open("2026-03-16")).toMatchObject({ deadline: "2026-03-16", status: "open" });
  });

  it("copies forward only into blanks, from FY 2024, and still counts those actions as lacking", async () => {
    await openFY2025();
    await write(13, owner, { results: "・会員大会を開催。" });
    const filled = await tx((db) => copyForward(db, "kadoma", 2025, as(manager)));
    const of13 = filled.find((f) => f.actionNumber === 13)!;
    expect(of13.filled).not.toContain("results");
    expect(of13.filled).toContain("challenges");
    expect((await review(13)).content.results).toBe("・会員大会を開催。");
    const r1 = await review(1);
    expect(r1.content.results).toContain("【令和6年度 13件認定(投資額計約4.26億円)】");
    expect(r1.content.grade).toBeNull();
    expect(r1.status).toBe("not_started");
    const status = await cycleStatus(t.db, "kadoma", 2025, clock);
    expect(status.lacking).not.toContain(13);
    expect(status.lacking).toHaveLength(44);
  });

  it("lets owners edit their actions only, and viewers nothing", async () => {
    await openFY2025();
    await expect(write(1, owner, { results: "x" })).rejects.toThrow("not assigned to action 1");
    await expect(write(13, viewer, { results: "x" })).rejects.toThrow(DomainError);
    await expect(write(13, owner, { grade: "Z" })).rejects.toThrow('unknown grade "Z"');
  });

  it("refuses the second of two edits made from the same version, showing the first", async () => {
    await openFY2025();
    const start = await review(16);
    await tx((db) =>
      saveDraft(
        db,
        "kadoma",
        2025,
        16,
        { baseVersion: start.version, content: { ...start.content, results: "・掲載企業の追加。(150社)" } },
        as(owner),
      ),
    );
    const error = await tx((db) =>
      saveDraft(
        db,
        "kadoma",
        2025,
        16,
        { baseVersion: start.version, content: { ...start.content, results: "別の内容" } },
        as(manager),
      ),
    ).then(
      () => null,
      (e: unknown) => e as DomainError,
    );
    if (!(error instanceof DomainError)) throw new Error("expected a conflict");
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("owner@city.example");
    expect(error.details?.current).toMatchObject({ results: "・掲載企業の追加。(150社)" });
    expect((await review(16)).content.results).toBe("・掲載企業の追加。(150社)");
  });

  it("updates three actions with results, indicator actuals and evaluations; submit, return, approve, publish", async () => {
    await openFY2025();
    await writeThree();
    await write(13, owner, { analysis: "加入企業は増えたが参加率が下がった。" });
    await submit(13, owner);
    await submit(16, owner);
    await submit(23, manager);
    const v13 = await version(13);
    await expect(tx((db) => approveReview(db, "kadoma", 2025, 13, v13, as(owner)))).rejects.toThrow(
      "only a plan manager",
    );
    await tx((db) =>
      returnReview(
        db,
        "kadoma",
        2025,
        13,
        { baseVersion: v13, comment: "参加率の分析を加えてください" },
        as(manager),
      ),
    );
    expect(await review(13)).toMatchObject({
      status: "returned",
      returnComment: "参加率の分析を加えてください",
    });
    await write(13, owner, {
      analysis: "加入企業は増えたが、定例会の平均参加率は13.2%から9.7%、12%に下がった。",
    });
    await submit(13, owner);
    for (const n of [13, 16, 23]) await approve(n);

    // Nothing of the drafts is in the plan before publishing.
    const before = await getPlan(t.db, "kadoma");
    expect(before.actions.find((a) => a.number === 13)!.records.map((r) => r.fiscalYear)).toEqual([
      2023, 2024,
    ]);

    clock.at = "2026-03-20T09:00:00Z";
    expect(await tx((db) => publishReviews(db, "kadoma", 2025, as(manager)))).toEqual([13, 16, 23]);
    const a13 = (await getPlan(t.db, "kadoma")).actions.find((a) => a.number === 13)!;
    expect(a13.records.at(-1)).toEqual({
      fiscalYear: 2025,
      kind: "result",
      asOf: "2026-02-28",
      text: "・会員大会を開催。",
    });
    expect(a13.evaluations).toEqual([
      {
        fiscalYear: 2025,
        grade: "B",
        direction: "continue",
        analysis: "加入企業は増えたが、定例会の平均参加率は13.2%から9.7%、12%に下がった。",
      },
    ]);
    expect(a13.indicators[0]!.values.at(-1)).toEqual({
      fiscalYear: 2025,
      target: 105,
      actual: 104,
      evidence: null,
    });
    expect((await review(13)).status).toBe("published");
  });

  it("rates the indicators and rolls them up to measures, strategies and the plan, with the formula", async () => {
    await publishThree();
    const report = indicatorReport(await getPlan(t.db, "kadoma"), 2025);
    const rated = (n: number, code: string) =>
      report.rows.find((r) => r.actionNumber === n && r.indicator.code === code)!.rated;
    expect(rated(13, "1")).toMatchObject({ achievement: 99, rating: "slightly_behind" });
    expect(rated(13, "2")).toMatchObject({ achievement: 80, rating: "slightly_behind" });
    expect(rated(16, "1")).toMatchObject({ achievement: 107.1, rating: "on_track" });
    expect(rated(23, "1")).toMatchObject({ achievement: 75, rating: "behind" });
    expect(rated(1, "1").rating).toBe("no_target");
    expect(report.measures.find((m) => m.code === "2-1")!.rollUp).toMatchObject({ rated: 2, progress: 89.5 });
    expect(report.strategies.find((s) => s.code === "2")!.rollUp).toMatchObject({ rated: 3, progress: 93 });
    expect(report.strategies.find((s) => s.code === "3")!.rollUp).toMatchObject({ rated: 2, progress: 82.5 });
    expect(report.plan).toMatchObject({ rated: 5, progress: 88.8 });
    expect(report.plan.formula).toContain("÷ 5");
  });

  it("keeps every version: history, a diff between two, a restore, and the plan compared between fiscal years", async () => {
    await publishThree();
    const history = await actionHistory(t.db, "kadoma", 13);
    expect(history.map((h) => [h.version, h.source, h.actor])).toEqual([
      [2, "publish", "manager@city.example"],
      [1, "import", "cli"],
    ]);
    const diff = await diffActionVersions(t.db, "kadoma", 13, 1, 2);
    expect(diff.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        "records[fiscalYear=2025,kind=result]",
        "indicators[code=1].values[fiscalYear=2025]",
        "evaluations[fiscalYear=2025]",
      ]),
    );

    const comparison = await comparePlan(t.db, "kadoma", 2024, 2025);
    expect(comparison.changed.map((c) => c.number)).toEqual([13, 16, 23]);
    expect(comparison.added).toEqual([]);

    clock.at = "2026-04-02T09:00:00Z";
    const { version } = await getActionForEdit(t.db, "kadoma", 13);
    await tx((db) => restoreActionVersion(db, "kadoma", 13, 1, version, { actor: manager.id, clock }));
    const restored = (await getPlan(t.db, "kadoma")).actions.find((a) => a.number === 13)!;
    expect(restored.records.map((r) => r.fiscalYear)).toEqual([2023, 2024]);
    expect((await actionHistory(t.db, "kadoma", 13))[0]).toMatchObject({ version: 3, source: "restore" });
    await expect(
      tx((db) => restoreActionVersion(db, "kadoma", 13, 2, version, { actor: manager.id, clock })),
    ).rejects.toThrow(/was changed by manager@city.example/);
  });
});
