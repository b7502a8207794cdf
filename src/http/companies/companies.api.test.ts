import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTestFirms } from "../../test/companies.js";
import { as, testApp, testAuthenticate } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";

interface SearchAnswer {
  total: number;
  facets: Record<string, { value: string; name: string; count: number }[]>;
  companies: { id: string; name: string; phone?: string }[];
}

describe.each(testDialects)("companies API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const search = async (qs: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ method: "GET", url: `/api/v1/companies?${qs}`, headers });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<SearchAnswer>();
  };
  const ids = async (qs: string) => (await search(qs)).companies.map((c) => c.id).sort();
  const enc = encodeURIComponent;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await seedTestFirms(t.db);
    app = await testApp(t, { authenticate: testAuthenticate });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("?process=プレス加工&pressForceKnMin=1960 returns exactly the firms with a press of at least 200 t", async () => {
    expect(await ids(`process=${enc("プレス加工")}&pressForceKnMin=1960`)).toEqual([
      "press-200t",
      "press-kn",
    ]);
    expect(await ids(`process=${enc("プレス加工")}&pressForceKnMin=${enc("200t")}`)).toEqual([
      "press-200t",
      "press-kn",
    ]);
    expect(await ids(`process=${enc("プレス加工")}&pressForceKnMax=${enc("１５０トン")}`)).toEqual([
      "press-small",
    ]);
  });

  it("finds a firm listing only マシニング加工 under 切削加工, and two-character words with q", async () => {
    expect(await ids(`process=${enc("切削加工")}`)).toEqual(["machining-only"]);
    expect(await ids(`q=${enc("溶接")}`)).toEqual(["press-200t", "welder"]);
    expect(await ids(`q=${enc("ＡＢＣ")}`)).toEqual([]);
  });

  it("ORs values within a facet and ANDs facets; every facet count equals the total of its click", async () => {
    expect(await ids(`material=${enc("鉄")}&material=${enc("アルミニウム")}`)).toEqual([
      "machining-only",
      "press-200t",
      "press-kn",
      "press-small",
    ]);
    const base = `material=${enc("ステンレス")}&town=${enc("上野口町")}&town=${enc("北岸和田")}`;
    const answer = await search(base);
    expect(answer.total).toBe(2);
    for (const [facet, counts] of Object.entries(answer.facets)) {
      for (const f of counts) {
        const without = base
          .split("&")
          .filter((p) => !p.startsWith(`${facet}=`))
          .join("&");
        const clicked = await search(`${without}&${facet}=${enc(f.value)}`);
        expect(clicked.total, `${facet}=${f.name}`).toBe(f.count);
      }
    }
  });

  it("keeps private fields from the public and from viewers, not from the staff who manage companies", async () => {
    expect(await ids(`q=${enc("06-9999-0001")}`)).toEqual([]);
    const pub = await app.inject({ method: "GET", url: "/api/v1/companies/welder" });
    expect(pub.json()).not.toHaveProperty("phone");
    for (const role of ["viewer", "action_owner"] as const) {
      const read = await app.inject({ method: "GET", url: "/api/v1/companies/welder", headers: as(role) });
      expect(read.json(), role).not.toHaveProperty("phone");
      expect((await search(`q=${enc("06-9999-0001")}`, as(role))).total, role).toBe(0);
    }
    for (const role of ["plan_manager", "admin"] as const) {
      const staff = await app.inject({ method: "GET", url: "/api/v1/companies/welder", headers: as(role) });
      expect(staff.json(), role).toMatchObject({ phone: "06-9999-0001" });
      expect((await search(`q=${enc("06-9999-0001")}`, as(role))).total, role).toBe(1);
    }
  });

  it("refuses a bad query naming the parameter, and a bad company naming the field, writing nothing", async () => {
    const r = await app.inject({ method: "GET", url: `/api/v1/companies?pressForceKnMin=${enc("トン")}` });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { issues: [{ path: "query.pressForceKnMin" }] } });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/companies?municipality=kadoma",
      headers: as("plan_manager"),
      payload: { id: "bad", name: "不正（架空）", town: "宮野町", corporateNumber: "1234567890123" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { issues: [{ path: "corporateNumber", message: "check digit is wrong (expected 9)" }] },
    });
    expect((await app.inject({ method: "GET", url: "/api/v1/companies/bad" })).statusCode).toBe(404);
  });

  it("creates, updates and deletes with versions, history and the audit log", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/companies?municipality=272230",
      headers: as("plan_manager"),
      payload: {
        id: "api-firm",
        name: "API工業（架空）",
        town: "宮野町",
        equipment: [{ kind: "プレスブレーキ", specs: { pressForceKn: "80t" } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/companies/api-firm",
      headers: as("plan_manager"),
      payload: {
        baseVersion: 1,
        company: { name: "API工業（架空）", town: "宮野町", processes: ["曲げ加工"] },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, processes: ["曲げ加工"], equipment: [] });
    const stale = await app.inject({
      method: "PUT",
      url: "/api/v1/companies/api-firm",
      headers: as("plan_manager"),
      payload: { baseVersion: 1, company: { name: "古い（架空）", town: "宮野町" } },
    });
    expect(stale.statusCode).toBe(409);
    expect(await ids(`process=${enc("板金加工")}`)).toEqual(["api-firm"]);
    const del = await app.inject({
      method: "DELETE",
      url: "/api/v1/companies/api-firm",
      headers: as("plan_manager"),
    });
    expect(del.statusCode).toBe(204);
    const history = await app.inject({
      method: "GET",
      url: "/api/v1/companies/api-firm/history",
      headers: as("viewer"),
    });
    expect(history.json<{ versions: { summary: string }[] }>().versions.map((v) => v.summary)).toEqual([
      "removed API工業（架空）",
      "changed processes, equipment",
      "created API工業（架空）",
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("kind")
      .where("subject_id", "=", "api-firm")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.kind)).toEqual(["company.created", "company.updated", "company.deleted"]);
  });
});
