import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { smallPlan, testAction } from "../../test/fixtures.js";
import { DomainError } from "../errors.js";
import { getPlan, importPlan, type Clock } from "../plan/plan.service.js";
import { serializePlan } from "../plan/plan.serialize.js";
import { openCycle } from "../review/cycle.service.js";
import { publishReviews } from "../review/publish.js";
import type { Actor } from "../review/review.permissions.js";
import { findReview } from "../review/review.repository.js";
import { approveReview, saveDraft, submitReview } from "../review/review.service.js";
import { setBinding } from "./binding.service.js";
import { computeSource } from "./compute.service.js";
import { SourceRegistry } from "./registry.js";
import { defineSource } from "./source.js";

/**
 * The registry's mechanics with a source written here: reviews of a plan opened up to a date
 * (a real count over a real table, so dates and parameters matter). The companies' own sources
 * are tested in src/core/companies/companies.sources.test.ts.
 */
const cyclesOpened = defineSource<{ status?: "open" | "closed" }>({
  id: "test.cycles_opened",
  unit: "件",
  name: { ja: "開いた評価年度の数", en: "Review cycles opened" },
  definition: { ja: "その日までに開いた評価年度の数", en: "Review cycles opened up to the date" },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({ status: z.enum(["open", "closed"]).optional() }),
  paramHelp: { status: { ja: "状態", en: "Status" } },
  readsPast: true,
  publicValue: true,
  compute: async (db, q) => {
    let query = db
      .selectFrom("review_cycles")
      .select(["plan_id"])
      .where("opened_at", "<=", `${q.asOf}T23:59:59Z`);
    if (q.params.status) query = query.where("status", "=", q.params.status);
    const rows = await query.execute();
    const all = await db.selectFrom("review_cycles").select("plan_id").execute();
    return {
      value: rows.length,
      count: rows.length,
      empty: all.length === 0,
      link: { href: "/plans", public: true },
    };
  },
});

class TestClock implements Clock {
  constructor(public at: string) {}
  now() {
    return new Date(this.at);
  }
}

const manager: Actor = { id: "manager@city.example", role: "plan_manager" };
const registry = new SourceRegistry([cyclesOpened]);
const plan = () =>
  smallPlan({ id: "sourceshi", municipalityCode: "272230" }, [
    testAction(1, {
      indicators: [
        {
          code: "1",
          name: "開いた年度",
          unit: "件",
          kind: "activity",
          baseline: null,
          values: [],
          source: "",
        },
        { code: "2", name: "金額", unit: "億円", kind: "outcome", baseline: null, values: [], source: "" },
      ],
    }),
  ]);

describe("the registry", () => {
  it("lists its sources by id with unit and definition, and refuses a bad or second id", () => {
    const listed = registry.list();
    expect(listed.map((s) => [s.id, s.unit, s.definition.ja])).toEqual([
      ["test.cycles_opened", "件", "その日までに開いた評価年度の数"],
    ]);
    expect(() => registry.register(cyclesOpened)).toThrow("registered twice");
    expect(() => new SourceRegistry([{ ...cyclesOpened, id: "Listed" }])).toThrow("context.figure");
    const error = (() => {
      try {
        registry.require("companies.nothing");
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.code).toBe("not_found");
    expect(error?.issues[0]?.message).toContain("test.cycles_opened");
  });
});

describe.each(testDialects)("computing and binding on %s", (dialect) => {
  let t: TestDatabase;
  const clock = new TestClock("2025-06-01T09:00:00Z");
  const tx = <T>(fn: (db: TestDatabase["db"]) => Promise<T>) => t.db.transaction().execute(fn);
  const ctx = { actor: manager, clock, sources: registry };
  const edit = { actor: manager.id, clock };
  const target = { planId: "sourceshi", number: 1, code: "1" };
  const review = async () => (await findReview(t.db, "sourceshi", 2025, 1))!;
  const save = async (indicators: unknown[]) => {
    const r = await review();
    return tx((db) =>
      saveDraft(
        db,
        "sourceshi",
        2025,
        1,
        { baseVersion: r.version, content: { ...r.content, results: "年度を開いた", indicators } },
        ctx,
      ),
    );
  };
  const issuesOf = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).issues.map((i) => i.path);
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await tx((db) => importPlan(db, plan(), { clock }));
  });
  afterAll(async () => t.close());

  it("computes at the fiscal year's end, at today while the year runs, and refuses a year not begun", async () => {
    const at = (fiscalYear: number, params: unknown = {}) =>
      computeSource(
        t.db,
        registry,
        { source: "test.cycles_opened", params, municipalityCode: "272230", fiscalYear },
        clock,
      );
    const before = await at(2025);
    expect(before).toMatchObject({
      value: 0,
      count: 0,
      empty: true,
      asOf: "2025-06-01",
      final: false,
      unit: "件",
    });
    await tx((db) =>
      openCycle(db, "sourceshi", { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" }, ctx),
    );
    expect(await at(2025)).toMatchObject({ value: 1, empty: false, asOf: "2025-06-01" });
    // FY 2024 ended on 31 March 2025, before the cycle was opened.
    expect(await at(2024)).toMatchObject({ value: 0, empty: false, asOf: "2025-03-31", final: true });
    expect(await issuesOf(at(2026))).toEqual(["fiscalYear"]);
    expect(await issuesOf(at(2025, { status: "gone" }))).toEqual(["params.status"]);
    expect(await at(2025, { status: "closed" })).toMatchObject({ value: 0 });
  });

  it("binds an indicator only to a known source in its unit, as a versioned change of the action", async () => {
    await expect(
      tx((db) => setBinding(db, registry, target, { source: "companies.gone" }, edit)),
    ).rejects.toThrow("not found");
    expect(
      await issuesOf(
        tx((db) =>
          setBinding(db, registry, { ...target, code: "2" }, { source: "test.cycles_opened" }, edit),
        ),
      ),
    ).toEqual(["source"]);
    const out = await tx((db) =>
      setBinding(db, registry, target, { source: "test.cycles_opened", params: {} }, edit),
    );
    expect(out).toMatchObject({ changed: true, binding: { source: "test.cycles_opened", params: {} } });
    const doc = await getPlan(t.db, "sourceshi");
    expect(doc.actions[0]!.indicators[0]!.computedFrom).toEqual({ source: "test.cycles_opened", params: {} });
    // The binding travels with the plan: exported and imported, the same bytes.
    await tx((db) => importPlan(db, JSON.parse(serializePlan(doc)), { clock }));
    expect(serializePlan(await getPlan(t.db, "sourceshi"))).toBe(serializePlan(doc));
  });

  it("accepts the computed actual or keeps an override with its reason; a bare different number is refused", async () => {
    expect(await issuesOf(save([{ code: "1", target: 2, actual: 5 }]))).toEqual([
      "content.indicators[0].fromSource",
    ]);
    expect(
      await issuesOf(
        save([{ code: "1", target: 2, actual: 5, fromSource: { decision: "overridden", reason: " " } }]),
      ),
    ).toEqual(["content.indicators[0].fromSource.reason"]);

    await save([{ code: "1", target: 2, actual: 999, fromSource: { decision: "accepted" } }]);
    const accepted = (await review()).content.indicators[0]!;
    expect(accepted).toMatchObject({
      actual: 1,
      fromSource: {
        decision: "accepted",
        reason: null,
        computed: { value: 1, asOf: "2025-06-01", count: 1 },
      },
    });

    await save([
      {
        code: "1",
        target: 2,
        actual: 3,
        fromSource: { decision: "overridden", reason: "他市分を含めて数えた" },
      },
    ]);
    const overridden = (await review()).content.indicators[0]!;
    expect(overridden).toMatchObject({
      actual: 3,
      fromSource: { decision: "overridden", reason: "他市分を含めて数えた", computed: { value: 1 } },
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["kind", "details"])
      .where("kind", "like", "indicator_source.%")
      .execute();
    expect(audit.map((a) => a.kind)).toEqual(["indicator_source.accepted", "indicator_source.overridden"]);
    expect(audit[1]!.details).toContain("他市分を含めて数えた");
  });

  it("publishes an accepted actual with where it came from", async () => {
    await save([{ code: "1", target: 2, actual: 1 }]); // equal to the computed value: accepted
    expect((await review()).content.indicators[0]!.fromSource?.decision).toBe("accepted");
    await tx(async (db) =>
      submitReview(db, "sourceshi", 2025, 1, (await findReview(db, "sourceshi", 2025, 1))!.version, ctx),
    );
    await tx(async (db) =>
      approveReview(db, "sourceshi", 2025, 1, (await findReview(db, "sourceshi", 2025, 1))!.version, ctx),
    );
    await tx((db) => publishReviews(db, "sourceshi", 2025, ctx));
    const value = (await getPlan(t.db, "sourceshi")).actions[0]!.indicators[0]!.values.find(
      (v) => v.fiscalYear === 2025,
    );
    expect(value).toEqual({
      fiscalYear: 2025,
      target: 2,
      actual: 1,
      evidence: null,
      computed: { source: "test.cycles_opened", params: {}, asOf: "2025-06-01", count: 1, empty: false },
    });
  });
});
