import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAN_SCHEMA_FILE } from "../../core/plan/plan.json-schema.js";
import { testDialects } from "../../test/databases.js";
import { startPagesApp, type PagesApp } from "../pages/testing/page-fixtures.js";

describe.each(testDialects)("the open data's licence and schema on %s", (dialect) => {
  let served: PagesApp;
  beforeAll(async () => {
    served = await startPagesApp(dialect);
  });
  afterAll(async () => {
    await served.close();
  });

  it("serves the JSON Schema of shinko-plan/1 at a stable URL, as committed under docs/", async () => {
    const res = await served.app.inject({ url: "/api/v1/schemas/shinko-plan-1.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/schema\+json/);
    expect(res.body).toBe(readFileSync(PLAN_SCHEMA_FILE, "utf8"));
  });

  it("names the licence in the OpenAPI document's info", async () => {
    const info = (await served.app.inject({ url: "/api/v1/openapi.json" })).json<{
      info: { license: { identifier: string }; description: string };
    }>().info;
    expect(info.license.identifier).toBe("CC-BY-4.0");
    expect(info.description).toContain("政府標準利用規約 第2.0版");
  });

  it("names the licence in the whole-plan API and in every download", async () => {
    const plan = (await served.app.inject({ url: "/api/v1/plans/kadoma" })).json<{
      plan: { license: { id: string } };
    }>();
    expect(plan.plan.license.id).toBe("CC-BY-4.0");
    for (const format of ["json", "csv", "xlsx"]) {
      const res = await served.app.inject({ url: `/api/v1/plans/kadoma/export.${format}` });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers.link, format).toBe(
        '<https://creativecommons.org/licenses/by/4.0/deed.ja>; rel="license"',
      );
    }
    const json = (await served.app.inject({ url: "/api/v1/plans/kadoma/export.json" })).json<{
      plan: { license: { name: string; note: string } };
    }>();
    expect(json.plan.license.name).toContain("CC BY 4.0");
    expect(json.plan.license.note).toContain("政府標準利用規約（第2.0版）");
  });
});
