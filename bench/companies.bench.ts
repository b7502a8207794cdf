/**
 * `npm run bench:companies` (also run by `npm run bench`): the company registry at 4,000 /
 * 40,000 / 400,000 fictitious firms (about two machines each) on SQLite and PostgreSQL. Measures
 * the import of 10,000 firms, a search with two facets and a spec range, and a keyword search
 * (p50/p95 of the core search, facet counts included), and writes docs/benchmarks-companies.md
 * and .json. Options: --sizes 4000,40000 (default), --skip-postgres.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { searchCompanies, type CompanyQuery } from "../src/core/companies/company.search.js";
import { loadVocabulary } from "../src/core/companies/vocabulary.js";
import { ensureMunicipality, KADOMA } from "../src/core/municipalities/municipality.js";
import { openDatabase } from "../src/db/connection.js";
import { dropPostgresSchema, postgresAnswers } from "../src/db/test-support.js";
import { generateCompanies } from "../src/io/companies/generate-companies.js";
import { importCompanies } from "../src/io/companies/import-companies.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "4000,40000" },
    "skip-postgres": { type: "boolean", default: false },
  },
});
const sizes = values.sizes.split(",").map(Number);
const POSTGRES = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const log = (line: string) => process.stderr.write(`${line}\n`);
const BATCH = 10_000;

interface Row {
  dialect: string;
  companies: number;
  machines: number;
  importMs: number;
  facetsRange: { p50: number; p95: number };
  keyword: { p50: number; p95: number };
}

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

async function run(dialect: "sqlite" | "postgres", size: number, dir: string): Promise<Row> {
  const url = dialect === "sqlite" ? join(dir, `c${size}.db`) : `${POSTGRES}?schema=bench_companies`;
  if (dialect === "postgres") await dropPostgresSchema(POSTGRES, "bench_companies");
  const handle = await openDatabase(url);
  const { db } = handle;
  try {
    await db.transaction().execute((trx) => ensureMunicipality(trx, KADOMA));
    let importMs = 0;
    for (let done = 0; done < size; done += BATCH) {
      const n = Math.min(BATCH, size - done);
      const entries = generateCompanies(n, { seed: done + 1, prefix: `b${done / BATCH}` }).map(
        (input, i) => ({ input, where: `${i}`, locate: (p: string) => p }),
      );
      const t0 = performance.now();
      await importCompanies(db, KADOMA.code, entries);
      const ms = performance.now() - t0;
      if (done === 0) importMs = Math.round(ms);
      log(`  ${dialect} ${done + n} firms (batch ${Math.round(ms)} ms)`);
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
    const time = async (queries: CompanyQuery[]) => {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
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
    const facetsRange = await time([
      { filters: { process: ["プレス加工"], material: ["鉄"] }, specs: [{ key: "pressForceKn", min: 1960 }] },
      {
        filters: { process: ["切削加工"], town: ["北岸和田", "宮野町"] },
        specs: [{ key: "travelXMm", min: 1000 }],
      },
      {
        filters: { process: ["板金加工"], material: ["ステンレス"] },
        specs: [{ key: "maxSheetThicknessMm", min: 12 }],
      },
    ]);
    const keyword = await time([{ q: "溶接" }, { q: "金型" }, { q: "短納期" }, { q: "めっき" }]);
    log(
      `  ${dialect} ${size}: import of ${Math.min(size, BATCH)} ${importMs} ms; facets+range p95 ${facetsRange.p95} ms; keyword p95 ${keyword.p95} ms`,
    );
    return { dialect, companies: size, machines, importMs, facetsRange, keyword };
  } finally {
    await handle.close();
    if (dialect === "postgres") await dropPostgresSchema(POSTGRES, "bench_companies");
  }
}

const dir = mkdtempSync(join(tmpdir(), "shinko-bench-companies-"));
try {
  const rows: Row[] = [];
  const dialects: ("sqlite" | "postgres")[] = ["sqlite"];
  if (!values["skip-postgres"] && (await postgresAnswers(POSTGRES))) dialects.push("postgres");
  for (const size of sizes) for (const d of dialects) rows.push(await run(d, size, dir));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    command: `npm run bench:companies -- --sizes ${values.sizes}`,
    rows,
  };
  writeFileSync("docs/benchmarks-companies.json", `${JSON.stringify(report, null, 2)}\n`);
  const table = rows.map(
    (r) =>
      `| ${r.dialect} | ${r.companies.toLocaleString("en")} | ${r.machines.toLocaleString("en")} | ${r.importMs.toLocaleString("en")} | ${r.facetsRange.p50} / ${r.facetsRange.p95} | ${r.keyword.p50} / ${r.keyword.p95} |`,
  );
  writeFileSync(
    "docs/benchmarks-companies.md",
    `# Company registry benchmark\n\nWritten by \`${report.command}\` (bench/companies.bench.ts) on ${report.date.slice(0, 10)}, Node ${report.node}, on the shared 2-core machine.\nFictitious firms (src/io/companies/generate-companies.ts) in one municipality. Import: the first batch of 10,000 firms (or all, when fewer) through \`importCompanies\` in one transaction. Searches: the core \`searchCompanies\` as the public sees it, total, one page and all six facet counts included; 50 timed runs after 10 warm-ups. Targets: facets+range p95 < 50 ms, keyword p95 < 100 ms, 10k import < 30 s.\n\n| database | companies | machines | import (ms) | facets + range p50 / p95 (ms) | keyword p50 / p95 (ms) |\n| --- | --- | --- | --- | --- | --- |\n${table.join("\n")}\n`,
  );
  log("wrote docs/benchmarks-companies.md and .json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
