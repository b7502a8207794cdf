import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/connection.js";
import type { Db } from "../core/plan/plan.repository.js";
import { serializePlan } from "../core/plan/plan.serialize.js";
import { importPlan } from "../core/plan/plan.service.js";
import { DEFAULT_SCALES } from "../core/review/scales.js";
import { as, testApp, testAuthenticate } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { kadoma, smallPlan, testAction } from "../test/fixtures.js";

/**
 * Twenty staff press save at the same moment from the same version. On PostgreSQL the requests
 * run on two servers' connection pools (two apps, two pools, one database), as behind a load
 * balancer; SQLite has one connection per process. Each write route must have exactly one
 * winner, refuse the rest with 409 naming the current version, and leave a history with one
 * entry per version and a plan whose stored counts equal its rows.
 */
const N = 20;
const manager = as("plan_manager", "manager@city.example");

interface ErrorJson {
  error: { code: string; issues?: { path: string }[]; details?: { currentVersion?: number } };
}

describe.each(testDialects)("parallel writers on %s", (dialect) => {
  let t: TestDatabase;
  let other: DatabaseHandle | undefined;
  const apps: FastifyInstance[] = [];
  let plans = 0;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    const deps = { authenticate: testAuthenticate, owns: async () => false };
    apps.push(await testApp(t, deps));
    if (dialect === "postgres") {
      other = await openDatabase(t.url);
      apps.push(await testApp({ ...t, db: other.db }, deps));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await other?.close();
    await t.close();
  });

  const inject = (options: InjectOptions, i = 0) =>
    apps[i % apps.length]!.inject({ ...options, headers: { ...manager, ...options.headers } });
  const call = async (method: "GET" | "POST" | "PUT", url: string, payload?: unknown) => {
    const res = await inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body ? res.json<Record<string, unknown>>() : {};
  };
  /** All at once: every request is sent before any answer is awaited. */
  const race = (request: (i: number) => InjectOptions) =>
    Promise.all(Array.from({ length: N }, (_, i) => inject(request(i), i)));

  /** One winner with `status`; every other answer a 409 naming `currentVersion` (when given). */
  function expectOneWinner(answers: LightMyRequestResponse[], status: number, currentVersion?: number) {
    const statuses = answers.map((a) => a.statusCode);
    expect(
      statuses.filter((s) => s === status),
      statuses.join(" "),
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === 409),
      statuses.join(" "),
    ).toHaveLength(N - 1);
    const winner = answers.findIndex((a) => a.statusCode === status);
    for (const loser of answers.filter((a) => a.statusCode === 409)) {
      const body = loser.json<ErrorJson>();
      expect(body.error.code).toBe("conflict");
      if (currentVersion !== undefined) {
        expect(body.error.details?.currentVersion).toBe(currentVersion);
        expect(body.error.issues?.[0]?.path).toBe("baseVersion");
      }
    }
    return winner;
  }

  /**
   * The history holds one entry per version of every action, review and the plan (in the order
   * written, each version one more than the last: no duplicate, no gap); each row is at its
   * latest version; the plan's stored counts equal its rows.
   */
  async function expectConsistent(db: Db, planId: string) {
    const changes = await db
      .selectFrom("changes")
      .select(["entity", "entity_key", "version"])
      .where("plan_id", "=", planId)
      .orderBy("seq")
      .execute();
    const versions = new Map<string, number[]>();
    for (const c of changes) {
      const key = `${c.entity}/${c.entity_key}`;
      versions.set(key, [...(versions.get(key) ?? []), c.version]);
    }
    for (const [key, list] of versions) {
      list.forEach((v, i) => {
        if (i > 0) expect(v, `${key} versions ${list.join(",")}`).toBe(list[i - 1]! + 1);
      });
    }
    const latest = (key: string) => versions.get(key)?.at(-1);
    const plan = await db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan.version).toBe(latest("plan/"));
    const actions = await db
      .selectFrom("actions")
      .select(["number", "version"])
      .where("plan_id", "=", planId)
      .execute();
    for (const a of actions) expect(a.version, `action ${a.number}`).toBe(latest(`action/${a.number}`));
    const reviews = await db
      .selectFrom("action_reviews")
      .select(["fiscal_year", "action_number", "version"])
      .where("plan_id", "=", planId)
      .execute();
    for (const r of reviews) {
      expect(r.version, `review ${r.fiscal_year}/${r.action_number}`).toBe(
        latest(`review/${r.fiscal_year}/${r.action_number}`) ?? 1,
      );
    }
    const count = async (table: "strategies" | "measures" | "actions") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("plan_id", "=", planId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([plan.count_strategies, plan.count_measures, plan.count_actions]).toEqual([
      await count("strategies"),
      await count("measures"),
      await count("actions"),
    ]);
  }

  /** A small plan of its own (actions 1 and 2; action 1 has a challenge to copy forward). */
  async function freshPlan(options: { cycle?: boolean } = {}): Promise<string> {
    const id = `race-${++plans}`;
    const doc = smallPlan({ id }, [testAction(1, { challenges: ["人手不足"] }), testAction(2)]);
    await t.db.transaction().execute((trx) => importPlan(trx, doc));
    if (options.cycle) {
      await call("POST", `/api/v1/plans/${id}/reviews`, {
        fiscalYear: 2025,
        asOf: "2026-02-28",
        deadline: "2099-03-15",
      });
    }
    return id;
  }
  const reviewUrl = (planId: string) => `/api/v1/plans/${planId}/reviews/2025/actions/1`;
  const reviewVersion = async (planId: string) => (await call("GET", reviewUrl(planId))).version as number;
  const results = (text: string) => ({
    results: text,
    challenges: [],
    grade: null,
    direction: null,
    analysis: "",
    indicators: [],
  });

  it("lets one of twenty edits of an action win and refuses the rest naming version 2", async () => {
    const planId = await freshPlan();
    const { action, version } = await call("GET", `/api/v1/plans/${planId}/actions/1/edit`);
    expect(version).toBe(1);
    const answers = await race((i) => ({
      method: "PUT",
      url: `/api/v1/plans/${planId}/actions/1`,
      payload: { baseVersion: 1, action: { ...(action as object), name: `編集${i}` } },
    }));
    const winner = expectOneWinner(answers, 200, 2);
    expect(answers[winner]!.json()).toMatchObject({ version: 2 });
    const saved = await call("GET", `/api/v1/plans/${planId}/actions/1`);
    expect(saved.name).toBe(`編集${winner}`);
    await expectConsistent(t.db, planId);
  });

  it("lets one of twenty restores win", async () => {
    const planId = await freshPlan();
    const { action } = await call("GET", `/api/v1/plans/${planId}/actions/2/edit`);
    await call("PUT", `/api/v1/plans/${planId}/actions/2`, {
      baseVersion: 1,
      action: { ...(action as object), name: "改名" },
    });
    const answers = await race(() => ({
      method: "POST",
      url: `/api/v1/plans/${planId}/actions/2/restore`,
      payload: { version: 1, baseVersion: 2 },
    }));
    expectOneWinner(answers, 200, 3);
    expect((await call("GET", `/api/v1/plans/${planId}/actions/2`)).name).toBe("アクション2");
    await expectConsistent(t.db, planId);
  });

  it("lets one of twenty changes of the scales win", async () => {
    const planId = await freshPlan();
    const { version } = await call("GET", `/api/v1/plans/${planId}/scales`);
    const answers = await race((i) => ({
      method: "PUT",
      url: `/api/v1/plans/${planId}/scales`,
      payload: {
        baseVersion: version,
        scales: {
          ...DEFAULT_SCALES,
          grades: DEFAULT_SCALES.grades.map((g) => ({ ...g, label: `${g.label}${i}` })),
        },
      },
    }));
    expectOneWinner(answers, 200, (version as number) + 1);
    await expectConsistent(t.db, planId);
  });

  it("opens a year's review once and closes it once", async () => {
    const planId = await freshPlan();
    const opened = await race(() => ({
      method: "POST",
      url: `/api/v1/plans/${planId}/reviews`,
      payload: { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2099-03-15" },
    }));
    expectOneWinner(opened, 201);
    const cycles = await t.db
      .selectFrom("action_reviews")
      .select("action_number")
      .where("plan_id", "=", planId)
      .execute();
    expect(cycles).toHaveLength(2);
    const closed = await race(() => ({ method: "POST", url: `/api/v1/plans/${planId}/reviews/2025/close` }));
    expectOneWinner(closed, 204);
    await expectConsistent(t.db, planId);
  });

  it("lets one of twenty at each step of a review win: draft, submit, return, approve, reopen, publish", async () => {
    const planId = await freshPlan({ cycle: true });
    const url = reviewUrl(planId);
    const step = async (path: string, extra: object, method: "POST" | "PUT" = "POST") => {
      const base = await reviewVersion(planId);
      const answers = await race((i) => ({
        method,
        url: `${url}${path}`,
        payload: { baseVersion: base, ...(path === "" ? { content: results(`結果${i}`) } : extra) },
      }));
      expectOneWinner(answers, 200, base + 1);
      expect(await reviewVersion(planId)).toBe(base + 1);
    };
    await step("", {}, "PUT");
    await step("/submit", {});
    await step("/return", { comment: "数字を添えて" });
    await call("POST", `${url}/submit`, { baseVersion: await reviewVersion(planId) });
    await step("/approve", {});
    await step("/reopen", {});
    await call("POST", `${url}/submit`, { baseVersion: await reviewVersion(planId) });
    await call("POST", `${url}/approve`, { baseVersion: await reviewVersion(planId) });
    const published = await race(() => ({
      method: "POST",
      url: `/api/v1/plans/${planId}/reviews/2025/publish`,
      payload: {},
    }));
    expectOneWinner(published, 200);
    const action = await call("GET", `/api/v1/plans/${planId}/actions/1`);
    expect(
      (action.records as { fiscalYear: number; kind: string }[]).filter((r) => r.fiscalYear === 2025),
    ).toHaveLength(1);
    await expectConsistent(t.db, planId);
  });

  it("copies forward once when twenty ask at the same moment", async () => {
    const planId = await freshPlan({ cycle: true });
    const answers = await race(() => ({
      method: "POST",
      url: `/api/v1/plans/${planId}/reviews/2025/copy-forward`,
      payload: { actions: [1] },
    }));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(N).fill(200));
    const filled = answers.map((a) => a.json<{ filled: unknown[] }>().filled.length);
    expect(filled.filter((n) => n > 0)).toEqual([1]);
    expect(await reviewVersion(planId)).toBe(2);
    await expectConsistent(t.db, planId);
  });

  it("accepts an indicator proposal once", async () => {
    const { proposals } = (await call("GET", "/api/v1/plans/kadoma/indicator-proposals?status=proposed")) as {
      proposals: { id: string; actionNumber: number }[];
    };
    const proposal = proposals[0]!;
    const answers = await race(() => ({
      method: "POST",
      url: `/api/v1/plans/kadoma/indicator-proposals/${encodeURIComponent(proposal.id)}/accept`,
      payload: { as: "actual", name: "件数", kind: "activity" },
    }));
    expectOneWinner(answers, 200);
    const action = await call("GET", `/api/v1/plans/kadoma/actions/${proposal.actionNumber}`);
    expect((action.indicators as { name: string }[]).filter((i) => i.name === "件数")).toHaveLength(1);
    await expectConsistent(t.db, "kadoma");
  });

  it("never mixes two versions of a plan in a whole-plan read while imports replace it", async () => {
    const planId = await freshPlan();
    const generation = (k: number) =>
      smallPlan(
        { id: planId, title: `版${k}` },
        [1, 2, 3, 4].map((n) => testAction(n, { name: `版${k}-${n}` })),
      );
    let writing = true;
    const writer = (async () => {
      for (let k = 1; k <= 8; k++) {
        await t.db.transaction().execute((trx) => importPlan(trx, generation(k)));
      }
      writing = false;
    })();
    const seen: string[] = [];
    const reader = async (i: number) => {
      while (writing) {
        const res = await inject({ method: "GET", url: `/api/v1/plans/${planId}` }, i);
        const doc = res.json<{ plan: { title: string }; actions: { name: string }[] }>();
        // Before the first import the plan has its own two actions; after it, every row read
        // belongs to the generation of the plan row.
        const k = doc.plan.title.startsWith("版") ? doc.plan.title.slice(1) : null;
        seen.push(k ?? "");
        const names = k === null ? ["アクション1", "アクション2"] : [1, 2, 3, 4].map((n) => `版${k}-${n}`);
        expect(doc.actions.map((a) => a.name)).toEqual(names);
      }
    };
    await Promise.all([writer, ...Array.from({ length: 6 }, (_, i) => reader(i))]);
    expect(new Set(seen).size).toBeGreaterThan(1);
    await expectConsistent(t.db, planId);
  });

  const importBody = (doc: ReturnType<typeof smallPlan>): InjectOptions => ({
    method: "POST",
    url: `/api/v1/plans/${doc.plan.id}/import?format=json`,
    headers: { "content-type": "application/json" },
    payload: Buffer.from(serializePlan(doc)),
  });

  it("replaces a plan once when twenty import the same file at the same moment", async () => {
    const planId = await freshPlan();
    const doc = smallPlan({ id: planId, title: "改訂版" }, [
      testAction(1, { challenges: ["人手不足"] }),
      testAction(3),
    ]);
    const answers = await race(() => importBody(doc));
    const outcomes = answers.map((a) =>
      a.statusCode === 200 ? a.json<{ outcome: string }>().outcome : String(a.statusCode),
    );
    // The others either read the plan after the winner wrote it (nothing to change) or before
    // (refused: the plan changed while their file was read).
    expect(
      outcomes.filter((o) => o === "replaced"),
      outcomes.join(" "),
    ).toHaveLength(1);
    expect(
      outcomes.every((o) => ["replaced", "unchanged", "409"].includes(o)),
      outcomes.join(" "),
    ).toBe(true);
    await expectConsistent(t.db, planId);
  });

  it("never brings back an action that an import racing the edits removed", async () => {
    for (let round = 0; round < 3; round++) {
      const planId = await freshPlan();
      const { action } = await call("GET", `/api/v1/plans/${planId}/actions/2/edit`);
      const withoutTwo = smallPlan({ id: planId }, [testAction(1, { challenges: ["人手不足"] })]);
      const answers = await race((i) =>
        i === N / 2
          ? importBody(withoutTwo)
          : {
              method: "PUT",
              url: `/api/v1/plans/${planId}/actions/2`,
              payload: { baseVersion: 1, action: { ...(action as object), name: `編集${i}` } },
            },
      );
      const imported = answers[N / 2]!;
      const edits = answers.filter((_, i) => i !== N / 2).map((a) => a.statusCode);
      expect(edits.filter((s) => s === 200).length, edits.join(" ")).toBeLessThanOrEqual(1);
      expect(
        edits.every((s) => s === 200 || s === 409),
        edits.join(" "),
      ).toBe(true);
      const two = await inject({ method: "GET", url: `/api/v1/plans/${planId}/actions/2` });
      if (imported.statusCode === 200) expect(two.statusCode).toBe(404);
      else expect(imported.statusCode).toBe(409);
      await expectConsistent(t.db, planId);
    }
  });
});
