import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTestFirms } from "../../test/companies.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { KADOMA } from "../municipalities/municipality.js";
import { FACETS, searchCompanies, type CompanyQuery } from "./company.search.js";
import { loadVocabulary, type Vocabulary } from "./vocabulary.js";

describe.each(testDialects)("company search on %s", (dialect) => {
  let t: TestDatabase;
  let vocab: Vocabulary;
  const ids = async (query: CompanyQuery, audience: "public" | "staff" = "public") =>
    (await searchCompanies(t.db, vocab, { municipalityCode: KADOMA.code, ...query }, audience)).companies
      .map((c) => c.id)
      .sort();

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await seedTestFirms(t.db);
    vocab = await loadVocabulary(t.db, KADOMA.code);
  });
  afterAll(() => t.close());

  it("finds exactly the firms with a press of at least 200 t (1960 kN), whatever unit they wrote", async () => {
    const query = { filters: { process: ["プレス加工"] }, specs: [{ key: "pressForceKn", min: 1960 }] };
    expect(await ids(query)).toEqual(["press-200t", "press-kn"]);
    expect(await ids({ ...query, specs: [{ key: "pressForceKn", min: 1962 }] })).toEqual(["press-kn"]);
  });

  it("finds a firm that lists only マシニング加工 when searching its parent 切削加工", async () => {
    expect(await ids({ filters: { process: ["切削加工"] } })).toEqual(["machining-only"]);
    expect(await ids({ filters: { process: ["溶接"] } })).toEqual(["press-200t", "welder"]);
  });

  it("matches two-character words, ignoring width and case", async () => {
    expect(await ids({ q: "溶接" })).toEqual(["press-200t", "welder"]);
    expect(await ids({ q: "ﾏｼﾆﾝｸﾞ" })).toEqual(["machining-only"]);
  });

  it("never finds a private phone number publicly, but staff do", async () => {
    expect(await ids({ q: "06-9999-0001" })).toEqual([]);
    expect(await ids({ q: "06-9999-0001" }, "staff")).toEqual(["welder"]);
    const r = await searchCompanies(t.db, vocab, { q: "溶接工房" }, "public");
    expect(r.companies[0]).not.toHaveProperty("phone");
  });

  it("counts every facet value as the number of results a click on it gives", async () => {
    const base: CompanyQuery = {
      filters: { material: ["ステンレス"], process: ["溶接"] },
      employeesMax: 100,
    };
    const result = await searchCompanies(t.db, vocab, { municipalityCode: KADOMA.code, ...base }, "public");
    let checked = 0;
    for (const facet of FACETS) {
      for (const f of result.facets[facet]) {
        const clicked = await searchCompanies(
          t.db,
          vocab,
          { municipalityCode: KADOMA.code, ...base, filters: { ...base.filters, [facet]: [f.value] } },
          "public",
        );
        expect(clicked.total, `${facet}=${f.value}`).toBe(f.count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
    expect(result.facets.process.find((f) => f.value === "welding")?.selected).toBe(true);
  });

  it("ranges employees over ranges and refuses unknown facet values by name", async () => {
    expect(await ids({ employeesMin: 40, employeesMax: 59 })).toEqual(["press-200t"]);
    await expect(
      searchCompanies(t.db, vocab, { filters: { process: ["魔法"] } }, "public"),
    ).rejects.toMatchObject({
      code: "validation_failed",
      issues: [{ path: "query.process", message: '"魔法" is not a known process' }],
    });
  });
});
