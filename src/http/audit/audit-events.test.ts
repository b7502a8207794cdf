import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../core/audit/audit.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { as, testApp, testAuthenticate } from "../../test/app.js";
import { cli } from "../../test/cli.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

/**
 * Every edit, review step, publication, import and export leaves an audit entry naming who did
 * it and to what; a refused change leaves none.
 */
describe.each(testDialects)("audit entries for each kind of event on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let dir: string;
  const owner = as("action_owner", "owner@city.example");
  const manager = as("plan_manager", "manager@city.example");
  const base = "/api/v1/plans/kadoma";
  type Editable = { action: { name: string }; version: number };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t, {
      authenticate: testAuthenticate,
      owns: async (id, _plan, n) => id === "owner@city.example" && n === 13,
    });
    dir = mkdtempSync(join(tmpdir(), "shinko-audit-"));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T = Record<string, unknown>>(
    method: "GET" | "POST" | "PUT",
    url: string,
    headers = {},
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: (res.body.startsWith("{") ? res.json() : {}) as T };
  };
  /** The log as an administrator reads it, oldest first. */
  const log = async (): Promise<AuditEntry[]> => {
    const res = await call("GET", "/api/v1/audit?limit=500", as("admin"));
    expect(res.status).toBe(200);
    return (res.body.entries as AuditEntry[]).reverse();
  };
  const kinds = async () => (await log()).map((e) => e.kind);
  const review13 = async () =>
    (await call("GET", `${base}/reviews/2025/actions/13`, owner)).body as {
      version: number;
      content: Record<string, unknown>;
    };
  const step = async (path: string, who: Record<string, string>, body: Record<string, unknown> = {}) => {
    const r = await call("POST", `${base}/reviews/2025/actions/13/${path}`, who, {
      baseVersion: (await review13()).version,
      ...body,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it("records edits, review steps, publication, imports and exports with actor and subject", async () => {
    expect(await kinds()).toEqual([]);
    // The review of a year, step by step.
    expect(
      (
        await call("POST", `${base}/reviews`, manager, {
          fiscalYear: 2025,
          asOf: "2026-02-28",
          deadline: "2099-03-15",
        })
      ).status,
    ).toBe(201);
    expect((await call("POST", `${base}/reviews/2025/copy-forward`, owner, { actions: [13] })).status).toBe(
      200,
    );
    const start = await review13();
    const saved = await call("PUT", `${base}/reviews/2025/actions/13`, owner, {
      baseVersion: start.version,
      content: { ...start.content, results: "定例会を11回開催。" },
    });
    expect(saved.status).toBe(200);
    await step("submit", owner);
    await step("return", manager, { comment: "数字を足してください" });
    await step("submit", owner);
    await step("approve", manager);
    expect((await call("POST", `${base}/reviews/2025/publish`, manager, {})).status).toBe(200);
    await step("reopen", manager);
    expect((await call("POST", `${base}/reviews/2025/close`, manager, {})).status).toBe(204);

    // Edits of the plan.
    const edit = (await call<Editable>("GET", `${base}/actions/7/edit`, manager)).body;
    const renamed = { ...edit.action, name: `${edit.action.name}（改）` };
    expect(
      (await call("PUT", `${base}/actions/7`, manager, { baseVersion: edit.version, action: renamed }))
        .status,
    ).toBe(200);
    expect(
      (
        await call("POST", `${base}/actions/7/restore`, manager, {
          version: edit.version,
          baseVersion: edit.version + 1,
        })
      ).status,
    ).toBe(200);
    const scales = (
      await call<{ version: number; scales: { grades: { code: string; label: string }[] } }>(
        "GET",
        `${base}/scales`,
      )
    ).body;
    const relabelled = {
      ...scales.scales,
      grades: scales.scales.grades.map((g: { code: string; label: string }) =>
        g.code === "A" ? { ...g, label: "A（順調）" } : g,
      ),
    };
    expect(
      (await call("PUT", `${base}/scales`, manager, { baseVersion: scales.version, scales: relabelled }))
        .status,
    ).toBe(200);
    const proposals = (await call("GET", `${base}/indicator-proposals?status=proposed`, manager)).body
      .proposals as { id: string }[];
    const [first, second] = proposals;
    expect(
      (
        await call("POST", `${base}/indicator-proposals/${encodeURIComponent(first!.id)}/accept`, manager, {
          as: "actual",
          name: "開催回数",
          kind: "activity",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("POST", `${base}/indicator-proposals/${encodeURIComponent(second!.id)}/reject`, manager, {
          note: "別の数字",
          baseVersion: 0,
        })
      ).status,
    ).toBe(204);

    // Imports and exports through the API (a signed-in download only).
    const changed = { ...kadoma(), plan: { ...kadoma().plan, title: "門真市 改訂版" } };
    const upload = (path: string) =>
      app.inject({
        method: "POST",
        url: `${base}/${path}?name=kadoma.json`,
        headers: { ...manager, "content-type": "application/json" },
        payload: JSON.stringify(changed),
      });
    expect((await upload("import/preview")).statusCode).toBe(200);
    expect((await upload("import")).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: `${base}/export.csv` })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: "GET", url: `${base}/export.csv`, headers: manager })).statusCode,
    ).toBe(200);

    // And through the CLI.
    const file = join(dir, "kadoma.json");
    writeFileSync(file, JSON.stringify(kadoma()));
    expect((await cli(t.url, "import", file, "--dry-run")).code).toBe(0);
    expect((await cli(t.url, "import", file)).code).toBe(0);
    expect((await cli(t.url, "export", "--format", "json")).code).toBe(0);

    const entries = await log();
    expect(entries.map((e) => e.kind)).toEqual([
      "review_cycle.opened",
      "review.copied_forward",
      "review.saved",
      "review.submitted",
      "review.returned",
      "review.submitted",
      "review.approved",
      "review_cycle.published",
      "review.reopened",
      "review_cycle.closed",
      "action.updated",
      "action.restored",
      "scales.updated",
      "action.updated",
      "indicator.accepted",
      "indicator.rejected",
      "plan.imported",
      "plan.exported",
      "plan.imported",
      "plan.exported",
    ]);
    const byKind = (kind: string) => entries.find((e) => e.kind === kind)!;
    const managerActor = { id: "manager@city.example", label: "manager@city.example" };
    const ownerActor = { id: "owner@city.example", label: "owner@city.example" };
    expect(byKind("review_cycle.opened")).toMatchObject({
      actor: managerActor,
      subject: { type: "review_cycle", id: "kadoma/2025" },
      details: { fiscalYear: 2025 },
    });
    expect(byKind("review.copied_forward")).toMatchObject({ actor: ownerActor, details: { actions: [13] } });
    expect(byKind("review.saved")).toMatchObject({
      actor: ownerActor,
      subject: { type: "review", id: "kadoma/2025/13" },
      details: { actionNumber: 13, status: "draft" },
    });
    expect(byKind("review.submitted").actor).toEqual(ownerActor);
    for (const kind of ["review.returned", "review.approved", "review.reopened"]) {
      expect(byKind(kind)).toMatchObject({
        actor: managerActor,
        subject: { type: "review", id: "kadoma/2025/13" },
      });
    }
    expect(byKind("review_cycle.published")).toMatchObject({
      actor: managerActor,
      details: { actions: [13] },
    });
    expect(byKind("review_cycle.closed")).toMatchObject({
      actor: managerActor,
      subject: { id: "kadoma/2025" },
    });
    expect(byKind("action.updated")).toMatchObject({
      actor: managerActor,
      subject: { type: "action", id: "kadoma/7" },
      details: { version: edit.version + 1 },
    });
    expect(byKind("action.restored")).toMatchObject({
      actor: managerActor,
      subject: { id: "kadoma/7" },
      details: { restoredVersion: edit.version },
    });
    expect(byKind("scales.updated")).toMatchObject({
      actor: managerActor,
      subject: { type: "plan", id: "kadoma" },
    });
    expect(byKind("indicator.accepted")).toMatchObject({
      actor: managerActor,
      subject: { type: "indicator_proposal", id: `kadoma/${first!.id}` },
    });
    expect(byKind("indicator.rejected")).toMatchObject({
      actor: managerActor,
      subject: { id: `kadoma/${second!.id}` },
    });
    const imports = entries.filter((e) => e.kind === "plan.imported");
    expect(imports[0]).toMatchObject({
      actor: managerActor,
      subject: { type: "plan", id: "kadoma" },
      details: { outcome: "replaced", format: "json" },
    });
    expect(imports[1]!.actor.id).toBeNull();
    expect(imports[1]!.actor.label).toMatch(/^cli:/);
    const exports = entries.filter((e) => e.kind === "plan.exported");
    expect(exports[0]).toMatchObject({
      actor: managerActor,
      subject: { type: "plan", id: "kadoma" },
      details: { format: "csv" },
    });
    expect(exports[1]).toMatchObject({
      actor: { id: null },
      subject: { id: "kadoma" },
      details: { format: "json" },
    });
  });

  it("records nothing for a refused change", async () => {
    const before = (await log()).length;
    const edit = (await call<Editable>("GET", `${base}/actions/8/edit`, manager)).body;
    const renamed = { ...edit.action, name: "別名" };
    expect(
      (await call("PUT", `${base}/actions/8`, manager, { baseVersion: edit.version + 5, action: renamed }))
        .status,
    ).toBe(409);
    expect(
      (
        await call("PUT", `${base}/actions/8`, manager, {
          baseVersion: edit.version,
          action: { ...renamed, measure: "nope" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call("POST", `${base}/reviews/2025/actions/13/approve`, manager, { baseVersion: 1 })).status,
    ).toBe(409);
    const bad = await app.inject({
      method: "POST",
      url: `${base}/import?name=kadoma.json`,
      headers: { ...manager, "content-type": "application/json" },
      payload: '{"format":"shinko-plan/1","plan":{}}',
    });
    expect(bad.statusCode).toBe(400);
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    expect((await cli(t.url, "import", file)).code).not.toBe(0);
    expect((await log()).length).toBe(before);
  });
});
