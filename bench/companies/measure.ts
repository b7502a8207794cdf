/**
 * The company registry at national scale (issue 12): fictitious firms (架空, about two machines
 * each) imported in batches of 10,000 into one search scope, then the core search timed as the
 * public sees it. Used by `npm run bench` and `npm run bench:companies`; writes
 * docs/benchmarks-companies.md and .json.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { searchCompanies, type CompanyQuery } from "../../src/core/companies/company.search.js";
import { loadVocabulary } from "../../src/core/companies/vocabulary.js";
import { ensureMunicipality, KADOMA } from "../../src/core/municipalities/municipality.js";
import { openDatabase } from "../../src/db/connection.js";
import { dropPostgresSchema } from "../../src/db/test-support.js";
import { generateCompanies } from "../../src/io/companies/generate-companies.js";
import { importCompanies } from "../../src/io/companies/import-companies.js";

const BATCH = 10_000;

export interface CompaniesRow {
  dialect: string;
  companies: number;
  machines: number;
  /** The first 10,000 firms (or all, when fewer) into an empty registry. */
  importMs: number;
  /** The last batch, into a registry already holding the others (equal to importMs below 10,000). */
  lastImportMs: number;
  facetsRange: { p50: number; p95: number };
  keyword: { p50: number; p95: number };
  /** The machine's 1-minute load average when the row started and ended (2 shared cores). */
  load: [number, number];
}

export interface CompaniesReport {
  date: string;
  node: string;
  command: string;
  rows: CompaniesRow[];
}

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

const FACETS_RANGE: CompanyQuery[] = [
  { filters: { process: ["プレス加工"], material: ["鉄"] }, specs: [{ key: "pressForceKn", min: 1960 }] },
  {
    filters: { process: ["切削加工"], town: ["北岸和田", "宮野町"] },
    specs: [{ key: "travelXMm", min: 1000 }],
  },
  {
    filters: { process: ["板金加工"], material: ["ステンレス"] },
    specs: [{ key: "maxSheetThicknessMm", min: 12 }],
  },
];
/** 短納期 is in every generated firm's PR text: the worst case, every firm a result. */
const KEYWORDS: CompanyQuery[] = [{ q: "溶接" }, { q: "金型" }, { q: "短納期" }, { q: "めっき" }];

const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

export async function measureCompanies(
  dialect: "sqlite" | "postgres",
  size: number,
  dir: string,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<CompaniesRow> {
  const startLoad = load1();
  const url = dialect === "sqlite" ? join(dir, `c${size}.db`) : `${postgresUrl}?schema=bench_companies`;
  if (dialect === "postgres") await dropPostgresSchema(postgresUrl, "bench_companies");
  const handle = await openDatabase(url);
  const { db } = handle;
  try {
    await db.transaction().execute((trx) => ensureMunicipality(trx, KADOMA));
    let importMs = 0;
    let lastImportMs = 0;
    for (let done = 0; done < size; done += BATCH) {
      const n = Math.min(BATCH, size - done);
      const entries = generateCompanies(n, { seed: done + 1, prefix: `b${done / BATCH}` }).map(
        (input, i) => ({ input, where: `${i}`, locate: (p: string) => p }),
      );
      const t0 = performance.now();
      await importCompanies(db, KADOMA.code, entries);
      lastImportMs = Math.round(performance.now() - t0);
      if (done === 0) importMs = lastImportMs;
      log(`  ${dialect} ${done + n} firms (batch ${lastImportMs} ms, load ${load1()})`);
    }
    const machines = Number(
      (
        await db
          .selectFrom("equipment")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const vocab = await loadVocabulary(db, KADOMA.code);
    const time = async (queries: CompanyQuery[], runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs + 10; i++) {
        const t0 = performance.now();
        await searchCompanies(
          db,
          vocab,
          { municipalityCode: KADOMA.code, ...queries[i % queries.length] },
          "public",
        );
        if (i >= 10) times.push(performance.now() - t0);
      }
      return percentiles(times);
    };
    // Fewer timed runs at 400,000 firms, where one keyword search over every firm takes seconds.
    const runs = size >= 400_000 ? 20 : 50;
    const facetsRange = await time(FACETS_RANGE, runs);
    const keyword = await time(KEYWORDS, runs);
    const load: [number, number] = [startLoad, load1()];
    log(
      `  ${dialect} ${size}: import of ${Math.min(size, BATCH)} ${importMs} ms (last batch ${lastImportMs} ms); facets+range p95 ${facetsRange.p95} ms; keyword p95 ${keyword.p95} ms; load ${load.join("→")}`,
    );
    return { dialect, companies: size, machines, importMs, lastImportMs, facetsRange, keyword, load };
  } finally {
    await handle.close();
    if (dialect === "postgres") await dropPostgresSchema(postgresUrl, "bench_companies");
  }
}

const fmt = (n: number) => n.toLocaleString("en");

export function writeCompaniesReport(report: CompaniesReport): void {
  writeFileSync("docs/benchmarks-companies.json", `${JSON.stringify(report, null, 2)}\n`);
  const table = report.rows.map(
    (r) =>
      `| ${r.dialect} | ${fmt(r.companies)} | ${fmt(r.machines)} | ${fmt(r.importMs)} | ${fmt(r.lastImportMs)} | ${r.facetsRange.p50} / ${r.facetsRange.p95} | ${r.keyword.p50} / ${r.keyword.p95} | ${r.load[0]} → ${r.load[1]} |`,
  );
  writeFileSync(
    "docs/benchmarks-companies.md",
    `# Company registry benchmark

Written by \`${report.command}\` (bench/companies/measure.ts) on ${report.date.slice(0, 10)}, Node ${report.node}, on the shared 2-core machine.
Fictitious firms (src/io/companies/generate-companies.ts, every name 「（架空）」), all in one search scope (the worst case: a real national registry spreads them over 1,741 municipalities and a portal searches one). Import: batches of 10,000 firms through \`importCompanies\`, each in one transaction; "first" is the first batch into an empty registry, "last" the last one into a registry holding the rest. Searches: the core \`searchCompanies\` as the public sees it, total, one page and all six facet counts included; 50 timed runs after 10 warm-ups (20 at 400,000). Facets + range: two facets and a spec range (プレス加工 + 鉄 + pressForceKn ≥ 1960, …). Keyword: 溶接, 金型, めっき (a tenth of the firms each) and 短納期 (in every firm's PR text, so every firm is a result). Load: the 1-minute load average when the row started and ended (2 cores, shared with other jobs). Targets: facets+range p95 < 50 ms, keyword p95 < 100 ms, 10k import < 30 s.

| database | companies | machines | import first 10k (ms) | import last 10k (ms) | facets + range p50 / p95 (ms) | keyword p50 / p95 (ms) | load |
| --- | --- | --- | --- | --- | --- | --- | --- |
${table.join("\n")}
`,
  );
}
