import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlan, importPlan } from "../../core/plan/plan.service.js";
import { seedTestFirms, TEST_FIRMS } from "../../test/companies.js";
import { as, testApp, testAuthenticate } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

describe.each(testDialects)("the indicator-sources API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const manager = as("plan_manager");
  const binding = (n: number, code = "1") => `/api/v1/plans/kadoma/actions/${n}/indicators/${code}/source`;
  const call = (
    method: "GET" | "PUT" | "DELETE",
    url: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t, { authenticate: testAuthenticate });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("lists the sources with unit, definition and parameters, and is in the OpenAPI document", async () => {
    const res = await call("GET", "/api/v1/indicator-sources");
    expect(res.statusCode).toBe(200);
    const sources = res.json<{
      sources: { id: string; unit: string; definition: { ja: string }; params: object }[];
    }>().sources;
    const listed = sources.find((s) => s.id === "companies.listed");
    expect(listed).toMatchObject({ unit: "社", params: {}, readsPast: true, publicValue: true });
    expect(listed!.definition.ja).toContain("企業ポータルに掲載されていた企業の数");
    expect(sources.find((s) => s.id === "companies.by_process")!.params).toHaveProperty("process");
    const doc = (await call("GET", "/api/v1/openapi.json")).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/indicator-sources",
        "/api/v1/plans/{planId}/actions/{number}/indicators/{code}/source",
      ]),
    );
  });

  it("computes a value for a municipality, and names a bad parameter", async () => {
    const url = "/api/v1/indicator-sources/companies.listed/value?municipalityCode=272230";
    expect((await call("GET", url)).json()).toMatchObject({ value: 0, empty: true, unit: "社" });
    await seedTestFirms(t.db);
    expect((await call("GET", url)).json()).toMatchObject({ value: TEST_FIRMS.length, empty: false });
    const bad = await call(
      "GET",
      `/api/v1/indicator-sources/companies.by_process/value?municipalityCode=272230&params=${encodeURIComponent('{"process":"空中浮遊"}')}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe(
      "params.process",
    );
    expect((await call("GET", "/api/v1/indicator-sources/companies.nothing")).statusCode).toBe(404);
  });

  it("shows Kadoma's action 16 bound to companies.listed, with the city's reported years untouched", async () => {
    const res = (await call("GET", binding(16))).json<{ binding: unknown; computed: { value: number } }>();
    expect(res.binding).toEqual({ source: "companies.listed", params: {} });
    expect(res.computed.value).toBe(TEST_FIRMS.length);
    const indicator = (await getPlan(t.db, "kadoma")).actions.find((a) => a.number === 16)!.indicators[0]!;
    expect(indicator.values.map((v) => [v.fiscalYear, v.actual])).toEqual([[2024, 136]]);
    expect(indicator.baseline?.value).toBe(122);
  });

  it("lets a plan manager bind and unbind an indicator; refuses a wrong unit or an unknown process", async () => {
    // Action 28's indicator counts firms (社): by process is a count of firms.
    const put = (payload: object) => call("PUT", binding(28), manager, payload);
    expect((await call("PUT", binding(28), as("viewer"), { source: "companies.listed" })).statusCode).toBe(
      403,
    );
    const unknown = await put({ source: "companies.by_process", params: { process: "空中浮遊" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe(
      "params.process",
    );
    const ok = await put({ source: "companies.by_process", params: { process: "切削加工" } });
    expect(ok.statusCode).toBe(200);
    expect((await call("GET", binding(28))).json()).toMatchObject({
      binding: { source: "companies.by_process", params: { process: "切削加工" } },
      computed: { value: 1 },
    });
    const history = (await call("GET", "/api/v1/plans/kadoma/actions/28/history")).json<{
      versions: unknown[];
    }>();
    expect(history.versions.length).toBeGreaterThan(1);
    expect((await call("DELETE", binding(28), manager)).statusCode).toBe(200);
    expect((await call("GET", binding(28))).json()).toMatchObject({ binding: null, computed: null });
    // Action 1's second indicator is an amount in 億円: a count of firms cannot be it.
    const wrong = await call("PUT", binding(1, "2"), manager, { source: "companies.listed" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe("source");
  });
});
