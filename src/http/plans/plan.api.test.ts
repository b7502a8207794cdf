import { brotliDecompressSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan, removePlan } from "../../core/plan/plan.service.js";
import { testApp } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";

describe.each(testDialects)("plan API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers });
  const json = async (url: string) => {
    const res = await get(url);
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const numbers = async (query: string) => {
    const res = await get(`/api/v1/plans/kadoma/actions?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; actions: { number: number }[] }>().actions.map((a) => a.number);
  };

  it("lists the plans, each with its id", async () => {
    const { status, body } = await json("/api/v1/plans");
    expect(status).toBe(200);
    expect(body.plans).toEqual([
      expect.objectContaining({ id: "kadoma", counts: { strategies: 3, measures: 15, actions: 45 } }),
    ]);
  });

  it("shows every change in the plan list at once, though the list is kept between requests", async () => {
    const titles = async () =>
      (await json("/api/v1/plans")).body.plans as { id: string; title: string; revision: number }[];
    expect((await titles()).map((p) => p.id)).toEqual(["kadoma"]);
    const other = kadoma();
    other.plan.id = "other";
    await t.db.transaction().execute((trx) => importPlan(trx, other));
    expect((await titles()).map((p) => p.id)).toEqual(["kadoma", "other"]);
    // Two writes in a row, maybe within the same millisecond: the second is seen too.
    other.plan.title = "改訂 1";
    await t.db.transaction().execute((trx) => importPlan(trx, other));
    other.plan.title = "改訂 2";
    await t.db.transaction().execute((trx) => importPlan(trx, other));
    expect((await titles()).find((p) => p.id === "other")?.title).toBe("改訂 2");
    await t.db.transaction().execute((trx) => removePlan(trx, "other"));
    expect((await titles()).map((p) => p.id)).toEqual(["kadoma"]);
  });

  it("returns the whole plan as the canonical document, with an ETag", async () => {
    const res = await get("/api/v1/plans/kadoma");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toBe(kadomaJson());
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await get("/api/v1/plans/kadoma", { "if-none-match": etag })).statusCode).toBe(304);
  });

  it("sends the plan compressed to clients that accept it, with its own tag", async () => {
    const res = await get("/api/v1/plans/kadoma", { "accept-encoding": "gzip, br" });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toContain("Accept-Encoding");
    expect(brotliDecompressSync(res.rawPayload).toString("utf8")).toBe(kadomaJson());
    expect(res.rawPayload.length).toBeLessThan(kadomaJson().length / 5);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/-br"$/);
    expect(
      (await get("/api/v1/plans/kadoma", { "accept-encoding": "br", "if-none-match": etag })).statusCode,
    ).toBe(304);
  });

  it("serves a changed plan after a re-import (no stale cache)", async () => {
    const before = (await get("/api/v1/plans/kadoma")).headers.etag;
    const changed = kadoma();
    changed.actions[0]!.challenges.push("追加の課題");
    await t.db.transaction().execute((trx) => importPlan(trx, changed));
    const res = await get("/api/v1/plans/kadoma");
    expect(res.headers.etag).not.toBe(before);
    expect(res.json<{ actions: { challenges: string[] }[] }>().actions[0]!.challenges).toContain(
      "追加の課題",
    );
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    expect((await get("/api/v1/plans/kadoma")).body).toBe(kadomaJson());
  });

  it("filters actions by every filter, combined with AND", async () => {
    expect(await numbers("")).toHaveLength(45);
    expect(await numbers("strategy=2&priority=true")).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(await numbers("measure=1-2")).toEqual([4, 5, 6, 7]);
    expect(await numbers("tag=GX")).toEqual([4]);
    expect(await numbers("new=true")).toEqual([3, 7, 10, 12, 17, 19, 27, 30, 35]);
    expect(await numbers("new=false&strategy=1")).toEqual([1, 2, 4, 5, 6, 8, 9, 11]);
    expect(await numbers("fiscalYear=2024&measure=3-2")).toEqual([29]);
  });

  it("reads the fiscal year in era or western form", async () => {
    const western = await numbers("fiscalYear=2024");
    expect(await numbers(`fiscalYear=${encodeURIComponent("令和6年度")}`)).toEqual(western);
    expect(await numbers("fiscalYear=R6")).toEqual(western);
  });

  it("searches two-character words, ignoring width and case", async () => {
    expect(await numbers(`q=${encodeURIComponent("創業")}`)).toEqual([8, 14]);
    expect(await numbers(`q=${encodeURIComponent("ＤＸ")}`)).toEqual([1, 2, 3]);
    expect(await numbers(`q=${encodeURIComponent("補助")}&strategy=3`)).toEqual([25, 28, 29, 35, 36, 37, 42]);
  });

  it("returns one action, and 404 for one that does not exist", async () => {
    const { status, body } = await json("/api/v1/plans/kadoma/actions/40");
    expect(status).toBe(200);
    expect(body).toMatchObject({ number: 40, relistOf: 11, measure: "3-4" });
    const missing = await json("/api/v1/plans/kadoma/actions/99");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: "not_found", message: 'action 99 of plan "kadoma" not found' },
    });
    expect((await json("/api/v1/plans/nosuch")).status).toBe(404);
    expect((await json("/api/v1/plans/nosuch/actions")).status).toBe(404);
  });

  it.each([
    [
      "/api/v1/plans/kadoma/actions?fiscalYear=%E4%BB%A4%E5%92%8C0%E5%B9%B4%E5%BA%A6",
      "query.fiscalYear",
      /令和0年 does not exist/,
    ],
    ["/api/v1/plans/kadoma/actions?fiscalYear=soon", "query.fiscalYear", /not a fiscal year/],
    ["/api/v1/plans/kadoma/actions?priority=maybe", "query.priority", /true or false/],
    ["/api/v1/plans/kadoma/actions?fisclYear=2024", "query.fisclYear", /not a known field/],
    ["/api/v1/plans/kadoma/actions?tag=a&tag=b", "query.tag", /must be string, not a list/],
    ["/api/v1/plans/kadoma/actions?strategy=%3Cscript%3E", "query.strategy", /short code/],
    ["/api/v1/plans/kadoma/actions/abc", "path.number", /action number/],
    ["/api/v1/plans/kadoma/actions/0", "path.number", /action number/],
    ["/api/v1/plans/KADOMA", "path.planId", /lower-case/],
  ])("answers %s with 400 naming the field", async (url, path, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; issues: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues[0]!.path).toBe(path);
    expect(body.error.issues[0]!.message).toMatch(message);
    expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("answers a request body it cannot parse with 4xx, never 500", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/plans",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it("sets the security headers on every response", async () => {
    for (const url of ["/api/v1/plans", "/api/v1/plans/kadoma/actions/1", "/api/v1/nothing-here"]) {
      const res = await get(url);
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"]).not.toContain("unsafe-inline");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBeTruthy();
    }
  });

  it("publishes an OpenAPI 3.1 document that describes every API route and its parameters", async () => {
    const { status, body } = await json("/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const paths = body.paths as Record<
      string,
      Record<string, { parameters: { name: string; in: string }[] }>
    >;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/plans",
        "/api/v1/plans/{planId}",
        "/api/v1/plans/{planId}/actions",
        "/api/v1/plans/{planId}/actions/{number}",
      ]),
    );
    const filters = paths["/api/v1/plans/{planId}/actions"]!.get!.parameters.map((p) => `${p.in}:${p.name}`);
    expect(filters).toEqual([
      "path:planId",
      "query:strategy",
      "query:measure",
      "query:tag",
      "query:priority",
      "query:new",
      "query:relisted",
      "query:fiscalYear",
      "query:q",
    ]);
    const schemas = (body.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["PlanDocument", "Action", "Error"]));
    // Every $ref points at a schema that exists.
    const refs = JSON.stringify(body).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of refs) expect(schemas[ref.split("/").pop()!]).toBeDefined();
  });

  it("searches every plan on the server", async () => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent("創業")}`);
    expect(res.json()).toEqual({
      total: 2,
      totalIsLowerBound: false,
      hits: [
        expect.objectContaining({ planId: "kadoma", municipality: "門真市", number: 8 }),
        expect.objectContaining({ planId: "kadoma", number: 14 }),
      ],
    });
    expect(
      (await get(`/api/v1/search?q=${encodeURIComponent("補助")}&limit=2&offset=1`)).json(),
    ).toMatchObject({ total: 12, hits: [{ number: 5 }, { number: 8 }] });
    const empty = await get("/api/v1/search?q=%20");
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe("query.q");
  });

  it("answers health and readiness probes", async () => {
    expect((await json("/health")).body).toEqual({ status: "ok" });
    expect((await json("/ready")).body).toEqual({ status: "ready" });
  });
});
