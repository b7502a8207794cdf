import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { importCompanies } from "./import-companies.js";
import { ensureMunicipality, KADOMA } from "../../core/municipalities/municipality.js";
import type { CompanyInput } from "../../core/companies/company.schema.js";
import { FACETS, searchCompanies, type CompanyQuery } from "../../core/companies/company.search.js";
import { loadVocabulary } from "../../core/companies/vocabulary.js";

/*
 * On random registries and random queries: every facet count is the total that clicking it gives,
 * and a keyword finds exactly the firms whose public text holds it (width and case ignored), so the
 * facet counting and the keyword sequences (company_grams) can never drift from the plain meaning.
 * Each run replaces the whole registry by an import, which also exercises deleting sequences.
 */
const PROCESSES = ["プレス加工", "マシニング加工", "旋盤加工", "溶接", "めっき", "切削加工"];
const MATERIALS = ["鉄", "ステンレス", "アルミニウム"];
const TOWNS = ["北岸和田", "宮野町", "本町"];
const CERTS = ["ISO 9001", "エコアクション21"];
const WORDS = ["溶接", "精密", "短納期", "ﾌﾟﾚｽ", "ＩＳＯ", "iso", "密", "試作品", "06-1111"];

const firm = (i: number) =>
  fc
    .record({
      processes: fc.subarray(PROCESSES, { minLength: 1, maxLength: 3 }),
      materials: fc.subarray(MATERIALS, { maxLength: 2 }),
      town: fc.constantFrom(...TOWNS),
      certs: fc.subarray(CERTS, { maxLength: 1 }),
      press: fc.option(fc.integer({ min: 50, max: 400 }), { nil: null }),
      employees: fc.integer({ min: 1, max: 200 }),
      pr: fc.subarray(["溶接", "精密", "短納期", "プレス", "ISO", "試作品"], { maxLength: 3 }),
      privatePr: fc.boolean(),
      privateProcesses: fc.boolean(),
      listed: fc.boolean(),
    })
    .map((f): CompanyInput & { id: string } => ({
      id: `p-${i}`,
      name: `試験工業${i}（架空）`,
      nameKana: "しけんこうぎょう",
      town: f.town,
      employees: f.employees,
      processes: f.processes,
      materials: f.materials,
      certifications: f.certs.map((name) => ({ name, number: "", expires: null })),
      equipment: f.press === null ? [] : [{ kind: "プレス機", specs: { pressForceKn: `${f.press}t` } }],
      pr: f.pr.join("・"),
      phone: `06-1111-${String(i).padStart(4, "0")}`,
      listed: f.listed,
      fields: {
        phone: { visibility: "private" },
        // Always stated: an import keeps a field's earlier visibility when the file says nothing.
        pr: { visibility: f.privatePr ? "private" : "public" },
        processes: { visibility: f.privateProcesses ? "private" : "public" },
      },
    }));

const registry = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => firm(i))));
const query = fc.record({
  process: fc.subarray(PROCESSES, { maxLength: 2 }),
  material: fc.subarray(MATERIALS, { maxLength: 1 }),
  town: fc.subarray(TOWNS, { maxLength: 2 }),
  q: fc.option(fc.constantFrom(...WORDS), { nil: undefined, freq: 3 }),
  word: fc.constantFrom(...WORDS),
  pressMin: fc.option(fc.integer({ min: 500, max: 3000 }), { nil: undefined }),
});

describe.each(testDialects)("company facets on random data, %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => ensureMunicipality(trx, KADOMA));
  });
  afterAll(() => t.close());

  it("counts every facet value as the total its click gives, and a keyword finds exactly the firms showing it", async () => {
    await fc.assert(
      fc.asyncProperty(registry, query, async (firms, q) => {
        const entries = firms.map((input, i) => ({ input, where: `#${i}`, locate: (p: string) => p }));
        await importCompanies(t.db, KADOMA.code, entries, { replace: true });
        const vocab = await loadVocabulary(t.db, KADOMA.code);
        const base: CompanyQuery = {
          municipalityCode: KADOMA.code,
          q: q.q,
          filters: { process: q.process, material: q.material, town: q.town },
          specs: q.pressMin === undefined ? [] : [{ key: "pressForceKn", min: q.pressMin }],
          pageSize: 100,
        };
        const result = await searchCompanies(t.db, vocab, base, "public");
        {
          const found = await searchCompanies(
            t.db,
            vocab,
            { municipalityCode: KADOMA.code, q: q.word, pageSize: 100 },
            "public",
          );
          const want = q.word.normalize("NFKC").toLowerCase();
          const publicTexts = (f: CompanyInput) => [
            f.name ?? "",
            f.nameKana ?? "",
            f.town ?? "",
            ...(f.fields?.pr?.visibility === "private" ? [] : [f.pr ?? ""]),
            ...(f.fields?.processes?.visibility === "private" ? [] : (f.processes ?? [])),
            ...(f.materials ?? []),
            ...(f.certifications ?? []).map((c) => (typeof c === "string" ? c : c.name)),
            ...(f.equipment ?? []).map((m) => m.kind),
          ];
          const expected = firms
            .filter((f) => f.listed !== false)
            .filter((f) =>
              publicTexts(f).some((text) =>
                text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "").includes(want),
              ),
            )
            .map((f) => f.id)
            .sort();
          expect(found.companies.map((c) => c.id).sort(), `q=${q.word}`).toEqual(expected);
        }
        // Values a click could choose but no firm in the results holds must not be left out of a
        // count either: every process, material and town of the data is clicked, listed or not.
        const candidates: Partial<Record<(typeof FACETS)[number], string[]>> = {
          process: PROCESSES.map((p) => vocab.resolve("process", p)!.code),
          material: MATERIALS.map((m) => vocab.resolve("material", m)!.code),
          town: TOWNS,
        };
        for (const facet of FACETS) {
          const listed = new Map(result.facets[facet].map((f) => [f.value, f.count]));
          for (const value of candidates[facet] ?? []) {
            const clicked = await searchCompanies(
              t.db,
              vocab,
              { ...base, filters: { ...base.filters, [facet]: [value] } },
              "public",
            );
            expect(listed.get(value) ?? 0, `${facet}=${value} (all values)`).toBe(clicked.total);
          }
          for (const f of result.facets[facet]) {
            const clicked = await searchCompanies(
              t.db,
              vocab,
              { ...base, filters: { ...base.filters, [facet]: [f.value] } },
              "public",
            );
            expect(clicked.total, `${facet}=${f.value}`).toBe(f.count);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
