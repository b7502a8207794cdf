import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { PlanCache } from "../../core/plan/plan.cache.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, importPlan } from "../../core/plan/plan.service.js";
import { exportCsv } from "../../io/csv/csv-export.js";
import { readImport } from "../../io/import/read-import.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { registerApiRoutes } from "../api/route.js";
import { createApp } from "../app.js";
import { installErrorHandler } from "../errors.js";
import { transferApiRoutes } from "./transfer.api.js";

interface ErrorBody {
  error: { code: string; message: string; issues: { path: string }[] };
}
type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

const NAME = "門真市ものづくり産業振興計画アクションプラン_2025-02-28";

describe.each(testDialects)("downloads and uploads on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  /** The upload routes with a signed-in plan manager (accounts arrive with issue 6). */
  let manager: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await createApp({ config: loadConfig({ LOG_LEVEL: "silent" }), db: t.db });
    manager = Fastify();
    installErrorHandler(manager);
    const routes = transferApiRoutes({ db: t.db, plans: new PlanCache(t.db), bodyLimit: 1024 * 1024 });
    registerApiRoutes(manager, routes, async () => ({
      accountId: "a1",
      email: "staff@city.example",
      role: "plan_manager",
    }));
  });
  afterAll(async () => {
    await app.close();
    await manager.close();
    await t.close();
  });

  it("downloads the city's table as .xlsx, named as a person would name it", async () => {
    const res = await app.inject({ url: "/api/v1/plans/kadoma/export.xlsx" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="kadoma_2025-02-28.xlsx"; filename*=UTF-8''${encodeURIComponent(NAME)}.xlsx`,
    );
    const draft = await readImport(res.rawPayload, { source: "download.xlsx", format: "xlsx" });
    expect(serializePlan(draft.document!)).toBe(kadomaJson());
  });

  it("downloads CSV in UTF-8 with a BOM or in Shift_JIS, and JSON byte for byte", async () => {
    const utf8 = await app.inject({ url: "/api/v1/plans/kadoma/export.csv" });
    expect(utf8.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(Buffer.compare(utf8.rawPayload, Buffer.from(exportCsv(kadoma())))).toBe(0);
    const sjis = await app.inject({ url: "/api/v1/plans/kadoma/export?format=csv&encoding=sjis" });
    expect(sjis.headers["content-type"]).toBe("text/csv; charset=Shift_JIS");
    expect(Buffer.compare(sjis.rawPayload, Buffer.from(exportCsv(kadoma(), "sjis")))).toBe(0);
    const json = await app.inject({ url: "/api/v1/plans/kadoma/export.json" });
    expect(json.body).toBe(kadomaJson());
    expect(json.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent(NAME)}.json`,
    );
  });

  it("answers 304 to a client that has the same download, 404 for an unknown plan, 400 for an unknown format", async () => {
    const first = await app.inject({ url: "/api/v1/plans/kadoma/export.csv" });
    const again = await app.inject({
      url: "/api/v1/plans/kadoma/export.csv",
      headers: { "if-none-match": first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await app.inject({ url: "/api/v1/plans/nowhere/export.xlsx" })).statusCode).toBe(404);
    const bad = await app.inject({ url: "/api/v1/plans/kadoma/export.pdf" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.issues[0]!.path).toBe("path.format");
  });

  it("refuses preview and import without sign-in (401), before reading the body, and changes nothing", async () => {
    for (const url of ["/api/v1/plans/kadoma/import/preview", "/api/v1/plans/kadoma/import"]) {
      const res = await app.inject({
        method: "POST",
        url,
        payload: Buffer.from(exportCsv(kadoma())),
        headers: { "content-type": "text/csv" },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorBody>().error.code).toBe("unauthorized");
    }
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
  });

  it("describes the routes in OpenAPI: access, and uploads as raw bodies", async () => {
    const paths = (await app.inject({ url: "/api/v1/openapi.json" })).json<{ paths: Json }>().paths;
    expect(paths["/api/v1/plans/{planId}/export.{format}"]!.get!["x-access"]).toBe("public");
    const preview = paths["/api/v1/plans/{planId}/import/preview"]!.post!;
    expect(preview["x-access"]).toBe("plan_manager");
    expect(preview.requestBody).toMatchObject({
      content: { "text/csv": { schema: { type: "string", format: "binary" } } },
    });
    expect(preview.responses).toMatchObject({
      200: { content: { "application/json": { schema: { $ref: "#/components/schemas/ImportReport" } } } },
    });
  });

  it("previews an upload for a plan manager: what would change, per action, and nothing written", async () => {
    const doc = kadoma();
    doc.actions[0]!.challenges.push("新しい課題");
    const res = await manager.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/import/preview?name=edited.csv",
      payload: Buffer.from(exportCsv(doc, "sjis")),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      format: "csv",
      encoding: "sjis",
      outcome: "replaced",
      changes: { actions: { changed: [{ number: 1, fields: ["challenges"] }], unchanged: 44 } },
    });
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
  });

  it("imports an upload, and refuses bad files with their places, and files over the limit with a size message", async () => {
    const doc = kadoma();
    doc.actions[0]!.challenges.push("新しい課題");
    const ok = await manager.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/import",
      payload: Buffer.from(exportCsv(doc)),
      headers: { "content-type": "text/csv" },
    });
    expect(ok.json()).toMatchObject({ dryRun: false, outcome: "replaced", revision: 2 });
    expect((await getPlan(t.db, "kadoma")).actions[0]!.challenges.at(-1)).toBe("新しい課題");

    const bad = await manager.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/import?format=xlsx",
      payload: Buffer.from("not a workbook"),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(bad.statusCode).toBe(415);
    expect(bad.json<ErrorBody>().error.message).toMatch(/not an \.xlsx workbook/);

    const big = await manager.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/import",
      payload: Buffer.alloc(2 * 1024 * 1024),
      headers: { "content-type": "text/csv" },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json<ErrorBody>().error.message).toBe("the upload is 2.0 MB, over the 1 MB limit for imports");
    expect((await getPlan(t.db, "kadoma")).actions[0]!.challenges.at(-1)).toBe("新しい課題");
  });
});
