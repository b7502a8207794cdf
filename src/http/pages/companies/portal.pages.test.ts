import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureMunicipality, type Municipality } from "../../../core/municipalities/municipality.js";
import { testApp } from "../../../test/app.js";
import { seedTestFirms } from "../../../test/companies.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../../test/databases.js";

const enc = encodeURIComponent;
/** The names in the results table, in order. */
const names = (html: string) =>
  [...html.matchAll(/<a href="\/companies\/kadoma\/firms\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe.each(testDialects)("the company portal pages on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await seedTestFirms(t.db);
    app = await testApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });
  const get = (url: string) => app.inject({ method: "GET", url });

  it("finds the presses of at least 200 t, whether the box says 200t or 1960kN, with facet counts", async () => {
    for (const min of ["200t", "1960kN", "２００トン"]) {
      const res = await get(`/companies/kadoma?process=${enc("プレス加工")}&pressForceKnMin=${enc(min)}`);
      expect(res.statusCode).toBe(200);
      expect(names(res.body).sort()).toEqual(["大和鍛圧（架空）", "門真プレス製作所（架空）"].sort());
      expect(res.body).toContain("2社が見つかりました");
    }
    // The town facet counts what choosing it would give.
    const res = await get(`/companies/kadoma?process=${enc("プレス加工")}&pressForceKnMin=200t`);
    expect(res.body).toMatch(/北岸和田<span class="kit-facet__count">（1件）<\/span>/);
  });

  it("lists a parent process's firms on its page, children included", async () => {
    const res = await get(`/companies/kadoma/processes/${enc("切削加工")}`);
    expect(res.statusCode).toBe(200);
    expect(names(res.body)).toEqual(["精密マシニング（架空）"]);
    expect((await get(`/companies/kadoma/processes/${enc("存在しない加工")}`)).statusCode).toBe(404);
  });

  it("answers a range it cannot read with 400, the error summary linking to the box", async () => {
    const res = await get("/companies/kadoma?pressForceKnMin=abc");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#pressForceKnMin"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("shows a company's public fields with what the city checked, and never a private one", async () => {
    const res = await get("/companies/kadoma/firms/welder");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("溶接工房みなみ（架空）");
    expect(res.body).toContain("薄板の溶接が得意です。");
    expect(res.body).toContain("市が確認済み");
    expect(res.body).not.toContain("06-9999-0001");
    expect((await get("/companies/kadoma/firms/nobody")).statusCode).toBe(404);
    expect((await get("/companies/osaka/firms/welder")).statusCode).toBe(404);
  });

  it("keeps private fields out of every search hit and download, and states the licence", async () => {
    const hit = await get(`/companies/kadoma?q=${enc("06-9999-0001")}`);
    // The box shows back what was typed; no firm is found by its private phone number.
    expect(names(hit.body)).toEqual([]);
    expect(hit.body).toContain("0社が見つかりました");
    const csv = await get("/companies/kadoma/open-data.csv");
    const json = await get("/companies/kadoma/open-data.json");
    for (const res of [csv, json]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain("06-9999-0001");
      expect(res.headers.link).toContain("creativecommons.org/licenses/by/4.0");
    }
    expect(csv.body.split("\n")[0]).toContain("id,name");
    expect(csv.body).toContain("溶接工房みなみ（架空）");
    const doc = json.json<{ licence: { name: string }; companies: { id: string; phone?: string }[] }>();
    expect(doc.licence.name).toBe("CC BY 4.0");
    expect(doc.companies).toHaveLength(5);
    expect(doc.companies.find((c) => c.id === "welder")).not.toHaveProperty("phone");
  });

  it("says how to add firms when a municipality's registry is empty", async () => {
    const empty: Municipality = {
      code: "272116",
      slug: "toyonaka-test",
      name: "豊中市",
      prefecture: "大阪府",
    };
    await ensureMunicipality(t.db, empty);
    const res = await get("/companies/toyonaka-test");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("まだ企業が登録されていません");
    expect(res.body).toContain("shinko companies import");
    expect((await get("/companies/nowhere")).statusCode).toBe(404);
  });
});
