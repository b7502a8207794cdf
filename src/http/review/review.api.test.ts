import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importPlan } from "../../core/plan/plan.service.js";
import { as, testApp, testAuthenticate } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

// Each test starts from its own database holding Kadoma's plan and sets up what it needs (the
// published review of action 13 through publish13): none depends on another's leftovers
// (vitest --sequence.shuffle runs them in any order).
/** Far ahead: these tests run on the real clock, and a deadline already past is refused. */
const OPEN_2025 = { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2099-03-15" };

describe.each(testDialects)("review, history and indicator API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const owner = as("action_owner", "owner@city.example");
  const manager = as("plan_manager");
  const base = "/api/v1/plans/kadoma";

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t, {
      authenticate: testAuthenticate,
      owns: async (id, _plan, n) => id === "owner@city.example" && n === 13,
    });
  });
  afterEach(async () => {
    await app?.close();
    await t?.close();
  });

  const call = async (
    method: "GET" | "POST" | "PUT",
    url: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: res.statusCode,
      body: res.body
        ? res.json<
            Record<string, unknown> & {
              error?: {
                code: string;
                message: string;
                issues?: { path: string }[];
                details?: Record<string, unknown>;
              };
            }
          >()
        : {},
    };
  };
  const review = async () =>
    (await call("GET", `${base}/reviews/2025/actions/13`, owner)).body as {
      version: number;
      content: Record<string, unknown>;
    };

  /** The review of FY 2025 opened, action 13's written, submitted, approved and published. */
  const publish13 = async () => {
    expect((await call("POST", `${base}/reviews`, manager, OPEN_2025)).status).toBe(201);
    const start = await review();
    const content = {
      ...start.content,
      results: "・定例会を11回開催。",
      grade: "B",
      indicators: [{ code: "1", target: 105, actual: 104 }],
    };
    const steps: [string, Record<string, string>][] = [
      ["submit", owner],
      ["approve", manager],
    ];
    expect(
      (await call("PUT", `${base}/reviews/2025/actions/13`, owner, { baseVersion: start.version, content }))
        .status,
    ).toBe(200);
    for (const [step, who] of steps) {
      const baseVersion = (await review()).version;
      expect(
        (await call("POST", `${base}/reviews/2025/actions/13/${step}`, who, { baseVersion })).status,
      ).toBe(200);
    }
    expect((await call("POST", `${base}/reviews/2025/publish`, manager, {})).body).toEqual({
      published: [13],
    });
  };

  it("refuses every review route without an account (401) and with too low a role (403)", async () => {
    expect((await call("GET", `${base}/reviews`)).status).toBe(401);
    expect(
      (
        await call(
          "POST",
          `${base}/reviews`,
          {},
          { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2099-03-15" },
        )
      ).status,
    ).toBe(401);
    const viewer = await call("POST", `${base}/reviews`, as("viewer"), {
      fiscalYear: 2025,
      asOf: "2026-02-28",
      deadline: "2099-03-15",
    });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error!.message).toBe("this needs the plan_manager role");
  });

  it("names the field of a bad request", async () => {
    const bad = await call("POST", `${base}/reviews`, manager, {
      fiscalYear: 2025,
      asOf: "2026-02-30",
      deadline: "soon",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues!.map((i) => i.path)).toEqual(["body.deadline"]);
    const outside = await call("POST", `${base}/reviews`, manager, {
      fiscalYear: 2031,
      asOf: "2032-02-28",
      deadline: "2032-03-15",
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error!.issues![0]!.path).toBe("fiscalYear");
    // A deadline already past (the clock is the real one): refused by the core, naming the field.
    const past = await call("POST", `${base}/reviews`, manager, {
      fiscalYear: 2025,
      asOf: "2026-02-28",
      deadline: "2025-04-01",
    });
    expect(past.status).toBe(400);
    const issues = past.body.error!.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual(["deadline"]);
    expect(issues[0]!.message).toMatch(/^2025-04-01 is in the past \(today is \d{4}-\d{2}-\d{2}\)$/);
    expect((await call("GET", `${base}/reviews`, as("viewer"))).body).toMatchObject({ cycles: [] });
  });

  it("walks a review through the API: open, draft, conflict, submit, approve, publish", async () => {
    const opened = await call("POST", `${base}/reviews`, manager, {
      fiscalYear: 2025,
      asOf: "2026-02-28",
      deadline: "2099-03-15",
    });
    expect(opened.status).toBe(201);
    const status = await call("GET", `${base}/reviews/${encodeURIComponent("令和7年度")}`, as("viewer"));
    expect(status.body).toMatchObject({ total: 45, counts: { not_started: 45 } });

    const start = await review();
    const content = {
      ...start.content,
      results: "・定例会を11回開催。",
      grade: "B",
      indicators: [{ code: "1", target: 105, actual: 104 }],
    };
    const saved = await call("PUT", `${base}/reviews/2025/actions/13`, owner, {
      baseVersion: start.version,
      content,
    });
    expect(saved.status).toBe(200);

    // A second person saves from the same version: refused, with the first change shown.
    const stale = await call("PUT", `${base}/reviews/2025/actions/13`, manager, {
      baseVersion: start.version,
      content: { ...content, results: "上書き" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toMatch(/changed by owner@city\.example/);
    expect(stale.body.error!.details!.current).toMatchObject({ results: "・定例会を11回開催。" });
    expect((await review()).content.results).toBe("・定例会を11回開催。");

    expect(
      (await call("PUT", `${base}/reviews/2025/actions/14`, owner, { baseVersion: 1, content })).status,
    ).toBe(403);
    const wrong = await call("PUT", `${base}/reviews/2025/actions/13`, owner, {
      baseVersion: (await review()).version,
      content: { ...content, grade: "Z" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error!.issues![0]!.path).toBe("content.grade");

    expect(
      (
        await call("POST", `${base}/reviews/2025/actions/13/submit`, owner, {
          baseVersion: (await review()).version,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("POST", `${base}/reviews/2025/actions/13/approve`, owner, {
          baseVersion: (await review()).version,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call("POST", `${base}/reviews/2025/actions/13/approve`, manager, {
          baseVersion: (await review()).version,
        })
      ).status,
    ).toBe(200);

    // Approved but not published: the public plan does not show it.
    const publicBefore = (await call("GET", `${base}/actions/13`)).body as {
      records: { fiscalYear: number }[];
    };
    expect(publicBefore.records.map((r) => r.fiscalYear)).toEqual([2023, 2024]);

    const published = await call("POST", `${base}/reviews/2025/publish`, manager, {});
    expect(published.body).toEqual({ published: [13] });
    const publicAfter = (await call("GET", `${base}/actions/13`)).body as {
      records: { fiscalYear: number; text: string }[];
    };
    expect(publicAfter.records.at(-1)).toMatchObject({ fiscalYear: 2025, text: "・定例会を11回開催。" });

    const report = await call("GET", `${base}/indicators?fiscalYear=2025`);
    const row = (
      report.body.rows as { actionNumber: number; rated: { achievement: number; rating: string } }[]
    ).find((r) => r.actionNumber === 13)!;
    expect(row.rated).toMatchObject({ achievement: 99, rating: "slightly_behind" });
  });

  it("shows history, a diff and a comparison to the public, and restores for a manager", async () => {
    await publish13();
    const history = await call("GET", `${base}/actions/13/history`);
    expect(
      (history.body.versions as { version: number; source: string }[]).map((v) => [v.version, v.source]),
    ).toEqual([
      [2, "publish"],
      [1, "import"],
    ]);
    const diff = await call("GET", `${base}/actions/13/diff?from=1&to=2`);
    expect((diff.body.differences as { path: string }[]).map((d) => d.path)).toContain(
      "records[fiscalYear=2025,kind=result]",
    );
    const versions = history.body.versions as { at: string }[];
    const compare = await call("GET", `${base}/compare?from=${versions[1]!.at}&to=2099-12-31`);
    expect((compare.body.changed as { number: number }[]).map((c) => c.number)).toEqual([13]);
    const beforeThePlan = await call("GET", `${base}/compare?from=2020&to=2099-12-31`);
    expect((beforeThePlan.body.added as unknown[]).length).toBe(45);
    expect((await call("GET", `${base}/compare?from=yesterday&to=2025`)).body.error!.issues![0]!.path).toBe(
      "query.from",
    );

    expect(
      (await call("POST", `${base}/actions/13/restore`, {}, { version: 1, baseVersion: 2 })).status,
    ).toBe(401);
    const restored = await call("POST", `${base}/actions/13/restore`, manager, {
      version: 1,
      baseVersion: 2,
    });
    expect(restored.body).toMatchObject({ version: 3, changed: true });
    const again = await call("POST", `${base}/actions/13/restore`, manager, { version: 2, baseVersion: 2 });
    expect(again.status).toBe(409);
  });

  it("lets a manager edit an action and the scales, refusing what would break the plan", async () => {
    const edit = await call("GET", `${base}/actions/7/edit`, manager);
    const { action, version } = edit.body as { action: Record<string, unknown>; version: number };
    const renamed = await call("PUT", `${base}/actions/7`, manager, {
      baseVersion: version,
      action: { ...action, name: "新たな脱炭素推進施策" },
    });
    expect(renamed.body).toMatchObject({ version: version + 1 });
    const badMeasure = await call("PUT", `${base}/actions/7`, manager, {
      baseVersion: version + 1,
      action: { ...action, measure: "9-9" },
    });
    expect(badMeasure.status).toBe(400);
    expect(badMeasure.body.error!.issues![0]!.path).toBe("action.measure");

    const evaluated = await call("PUT", `${base}/actions/7`, manager, {
      baseVersion: version + 1,
      action: {
        ...action,
        name: "新たな脱炭素推進施策",
        evaluations: [{ fiscalYear: 2024, grade: "C", direction: "improve", analysis: "" }],
      },
    });
    expect(evaluated.status).toBe(200);

    const scales = (await call("GET", `${base}/scales`)).body as {
      version: number;
      scales: { grades: { code: string; label: string }[] };
    };
    const withoutC = { ...scales.scales, grades: scales.scales.grades.filter((g) => g.code !== "C") };
    const refused = await call("PUT", `${base}/scales`, manager, {
      baseVersion: scales.version,
      scales: withoutC,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error!.message).toMatch(/unknown grade "C"/);
    const relabelled = {
      ...scales.scales,
      grades: scales.scales.grades.map((g) => (g.code === "A" ? { ...g, label: "A（順調）" } : g)),
    };
    const saved = await call("PUT", `${base}/scales`, manager, {
      baseVersion: scales.version,
      scales: relabelled,
    });
    expect(saved.status).toBe(200);
    const stale = await call("PUT", `${base}/scales`, manager, {
      baseVersion: scales.version,
      scales: relabelled,
    });
    expect(stale.status).toBe(409);
    expect(
      ((await call("GET", `${base}/scales`)).body.scales as { grades: { label: string }[] }).grades[0]!.label,
    ).toBe("A（順調）");
  });

  it("lists proposals for a manager and accepts one into a new indicator", async () => {
    const list = await call("GET", `${base}/indicator-proposals?status=proposed`, manager);
    const proposals = list.body.proposals as { id: string; actionNumber: number; value: number }[];
    const seminar = proposals.find((p) => p.id === "13:result:2024:59")!;
    expect(seminar).toMatchObject({ actionNumber: 13, value: 11 });
    const accepted = await call(
      "POST",
      `${base}/indicator-proposals/${encodeURIComponent(seminar.id)}/accept`,
      manager,
      {
        as: "actual",
        name: "定例会の開催回数",
        kind: "activity",
      },
    );
    expect(accepted.status).toBe(200);
    const a13 = (await call("GET", `${base}/actions/13`)).body as {
      indicators: { name: string; values: { actual: number }[] }[];
    };
    expect(a13.indicators.find((i) => i.name === "定例会の開催回数")!.values[0]!.actual).toBe(11);
    const after = (await call("GET", `${base}/indicator-proposals`, manager)).body.proposals as {
      id: string;
      status: string;
    }[];
    expect(after.find((p) => p.id === seminar.id)!.status).toBe("accepted");
  });

  it("keeps a proposal accepted when the manager corrected its value first", async () => {
    const open = (await call("GET", `${base}/indicator-proposals?status=proposed`, manager)).body
      .proposals as { id: string; actionNumber: number; value: number }[];
    const proposal = open.find((p) => p.actionNumber !== 13)!;
    const corrected = proposal.value + 1;
    const accepted = await call(
      "POST",
      `${base}/indicator-proposals/${encodeURIComponent(proposal.id)}/accept`,
      manager,
      { as: "actual", name: "訂正した指標", kind: "outcome", value: corrected },
    );
    expect(accepted.status).toBe(200);
    const after = (await call("GET", `${base}/indicator-proposals`, manager)).body.proposals as {
      id: string;
      status: string;
      indicatorCode: string | null;
    }[];
    const listed = after.find((p) => p.id === proposal.id)!;
    expect(listed.status).toBe("accepted");
    expect(listed.indicatorCode).toBe((accepted.body as { indicatorCode: string }).indicatorCode);
    const again = await call(
      "POST",
      `${base}/indicator-proposals/${encodeURIComponent(proposal.id)}/accept`,
      manager,
      { as: "actual", name: "二重", kind: "outcome" },
    );
    expect(again.status).toBe(409);
  });

  it("rejects a proposal only from the version the caller saw (compare-and-set)", async () => {
    const listed = (await call("GET", `${base}/indicator-proposals?status=proposed`, manager)).body
      .proposals as { id: string; version: number }[];
    const proposal = listed[0]!;
    expect(proposal.version).toBe(0);
    const url = `${base}/indicator-proposals/${encodeURIComponent(proposal.id)}/reject`;
    const missing = await call("POST", url, manager, { note: "版なし" });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.issues!.map((i) => i.path)).toEqual(["body.baseVersion"]);
    expect((await call("POST", url, manager, { note: "日付の数字", baseVersion: 0 })).status).toBe(204);
    // A second manager who read the list before that: refused, the first note kept.
    const stale = await call("POST", url, manager, { note: "重複", baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toMatch(/decided on since version 0 \(now version 1, rejected\)/);
    const after = (await call("GET", `${base}/indicator-proposals?status=rejected`, manager)).body
      .proposals as { id: string; note: string; version: number }[];
    expect(after.find((p) => p.id === proposal.id)).toMatchObject({ note: "日付の数字", version: 1 });
    // From the version it now has, the note can be changed.
    expect((await call("POST", url, manager, { note: "日付", baseVersion: 1 })).status).toBe(204);
  });
});
