/**
 * `npm run bench`: measures shinko beside the machine's limit and writes docs/benchmarks.md and
 * docs/benchmarks.json. Not part of `npm test`. Options:
 *   --seconds S       duration of each load run (default 10)
 *   --national N      municipalities for the national-scale runs (default 1741; 0 skips them)
 *   --skip-postgres   national runs on SQLite only
 *   --skip-io         leave out the import and export times
 *   --companies SIZES company registry sizes (default 4000,40000,400000; "" skips them), written
 *                     to docs/benchmarks-companies.md and .json (bench/companies/measure.ts)
 *   --render          only write docs/benchmarks.md again from docs/benchmarks.json
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../src/db/connection.js";
import { dropPostgresSchema, postgresAnswers } from "../src/db/test-support.js";
import { startBaseline, startShinko, type Running } from "./http/processes.js";
import { load, sequential, type LoadResult } from "./http/load.js";
import { measureCompanies, writeCompaniesReport, type CompaniesRow } from "./companies/measure.js";
import { measureImportExport } from "./io/import-export.js";
import { loadNational, type LoadReport } from "./national-load.js";
import { renderReport, type Report } from "./report.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    national: { type: "string", default: "1741" },
    "skip-postgres": { type: "boolean", default: false },
    "skip-io": { type: "boolean", default: false },
    companies: { type: "string", default: "4000,40000,400000" },
    render: { type: "boolean", default: false },
  },
});
if (values.render) {
  const saved = JSON.parse(readFileSync("docs/benchmarks.json", "utf8")) as Report;
  writeFileSync("docs/benchmarks.md", renderReport(saved));
  process.stderr.write("wrote docs/benchmarks.md from docs/benchmarks.json\n");
  process.exit(0);
}
const seconds = Number(values.seconds);
const municipalities = Number(values.national);
const POSTGRES = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const log = (line: string) => process.stderr.write(`${line}\n`);

async function versions() {
  const sqlite = await openDatabase(":memory:");
  const sqliteVersion = (await sql<{ v: string }>`select sqlite_version() as v`.execute(sqlite.db)).rows[0]!
    .v;
  await sqlite.close();
  let postgresVersion: string | null = null;
  if (await postgresAnswers(POSTGRES)) {
    const pg = await openDatabase(`${POSTGRES}?schema=bench_probe`);
    postgresVersion = (await sql<{ v: string }>`show server_version`.execute(pg.db)).rows[0]!.v;
    await pg.close();
    await dropPostgresSchema(POSTGRES, "bench_probe");
  }
  return { sqliteVersion, postgresVersion };
}

/**
 * shinko and the bare server side by side on one URL path, at 1, 10 and 100 connections. With
 * `encoding`, the client asks for it and the bare server sends shinko's compressed bytes.
 */
async function sideBySide(shinko: Running, path: string, contentType: string, encoding?: "br") {
  const headers: Record<string, string> = encoding ? { "accept-encoding": encoding } : {};
  const response = await fetch(`${shinko.url}${path}`, { headers });
  // fetch decompresses; ask node:http-level bytes through a raw request instead.
  const body = encoding
    ? await rawBody(`${shinko.url}${path}`, headers)
    : Buffer.from(await response.arrayBuffer());
  const baseline = await startBaseline(body, contentType, encoding);
  // The limit must answer exactly shinko's bytes, or the comparison means nothing.
  if (!(await rawBody(`${baseline.url}${path}`, headers)).equals(body)) {
    await baseline.stop();
    throw new Error(`the bare server does not answer the same bytes as shinko for ${path}`);
  }
  const rows: { connections: number; shinko: LoadResult; limit: LoadResult; ratio: number }[] = [];
  try {
    for (const connections of [1, 10, 100]) {
      log(`  ${path}${encoding ? ` (${encoding})` : ""} at ${connections} connections`);
      const limit = await load(`${baseline.url}${path}`, connections, seconds, headers);
      const ours = await load(`${shinko.url}${path}`, connections, seconds, headers);
      rows.push({
        connections,
        shinko: ours,
        limit,
        ratio: Math.round((ours.requestsPerSecond / limit.requestsPerSecond) * 1000) / 10,
      });
    }
  } finally {
    await baseline.stop();
  }
  return { path: encoding ? `${path} (Accept-Encoding: ${encoding})` : path, bytes: body.length, rows };
}

/** The bytes as sent on the wire (compressed), without fetch's decoding. */
function rawBody(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", reject);
    }).on("error", reject);
  });
}

async function nationalRun(dialect: "sqlite" | "postgres", dir: string) {
  const url = dialect === "sqlite" ? join(dir, "national.db") : `${POSTGRES}?schema=bench_national`;
  if (dialect === "postgres") await dropPostgresSchema(POSTGRES, "bench_national");
  log(`national on ${dialect}: loading ${municipalities} plans`);
  const loaded: LoadReport = await loadNational(url, municipalities, (done) => log(`  ${done} plans`));
  const server = await startShinko(url);
  try {
    const ids = Array.from({ length: municipalities }, (_, i) => `m${String(i + 1).padStart(5, "0")}`);
    let k = 0;
    const nextId = () => ids[(k = (k * 7919 + 13) % ids.length)]!;
    const measure = async (name: string, path: () => string, count = 200) => {
      // Rotate through plans so the cache does not answer every request.
      const times: Awaited<ReturnType<typeof sequential>>[] = [];
      for (let i = 0; i < 5; i++)
        times.push(await sequential(`${server.url}${path()}`, Math.ceil(count / 5)));
      const p = (key: "p50" | "p95") => Math.max(...times.map((t) => t[key]));
      log(`  ${name}: p50 ${p("p50")} ms, p95 ${p("p95")} ms`);
      return { name, p50: p("p50"), p95: p("p95"), status: times[0]!.status };
    };
    const endpoints = [
      await measure("plan list (API)", () => "/api/v1/plans"),
      await measure("plan list (page)", () => "/"),
      await measure("overview (page)", () => `/plans/${nextId()}`),
      await measure("whole plan (API)", () => `/api/v1/plans/${nextId()}`),
      await measure(
        "search across all plans: 溶接",
        () => `/api/v1/search?q=${encodeURIComponent("溶接")}`,
        50,
      ),
      await measure(
        "action filters (API)",
        () => `/api/v1/plans/${nextId()}/actions?strategy=2&priority=true&fiscalYear=2026`,
      ),
      await measure(
        "search in a plan (page)",
        () => `/plans/${nextId()}/search?q=${encodeURIComponent("支援")}&fiscalYear=2026`,
      ),
      await measure("roadmap (page)", () => `/plans/${nextId()}/roadmap`),
    ];
    return { dialect, loaded, endpoints, serverRssMb: server.rssMb() };
  } finally {
    await server.stop();
    if (dialect === "postgres") await dropPostgresSchema(POSTGRES, "bench_national");
  }
}

const dir = mkdtempSync(join(tmpdir(), "shinko-bench-"));
try {
  const report: Report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "",
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      ...(await versions()),
    },
    command: `npm run bench -- --seconds ${seconds} --national ${municipalities}${values["skip-postgres"] ? " --skip-postgres" : ""}${values["skip-io"] ? " --skip-io" : ""}`,
    seconds,
    kadoma: [],
    national: [],
  };
  log("Kadoma on SQLite, beside a bare node:http server");
  const shinko = await startShinko(join(dir, "kadoma.db"));
  try {
    report.kadoma.push(await sideBySide(shinko, "/api/v1/plans/kadoma", "application/json; charset=utf-8"));
    report.kadoma.push(
      await sideBySide(shinko, "/api/v1/plans/kadoma", "application/json; charset=utf-8", "br"),
    );
    report.kadoma.push(await sideBySide(shinko, "/plans/kadoma/table", "text/html; charset=utf-8"));
    report.kadomaRssMb = shinko.rssMb();
  } finally {
    await shinko.stop();
  }
  if (municipalities > 0) {
    report.national.push(await nationalRun("sqlite", dir));
    if (!values["skip-postgres"] && (await postgresAnswers(POSTGRES)))
      report.national.push(await nationalRun("postgres", dir));
  }
  if (!values["skip-io"]) {
    log("Import and export times");
    report.io = await measureImportExport(log);
  }
  writeFileSync("docs/benchmarks.json", `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync("docs/benchmarks.md", renderReport(report));
  log("wrote docs/benchmarks.md and docs/benchmarks.json");
  const sizes = values.companies
    .split(",")
    .filter((v) => v.trim() !== "")
    .map(Number);
  if (sizes.length > 0) {
    log("Company registry (issue 12)");
    const rows: CompaniesRow[] = [];
    const dialects: ("sqlite" | "postgres")[] = ["sqlite"];
    if (!values["skip-postgres"] && (await postgresAnswers(POSTGRES))) dialects.push("postgres");
    // Smallest first: the 400,000-firm runs take longest and come last.
    for (const size of sizes)
      for (const d of dialects) {
        rows.push(await measureCompanies(d, size, dir, POSTGRES, log));
        rmSync(join(dir, `c${size}.db`), { force: true });
      }
    writeCompaniesReport({
      date: new Date().toISOString(),
      node: process.version,
      command: `npm run bench -- --companies ${values.companies}`,
      rows,
    });
    log("wrote docs/benchmarks-companies.md and .json");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
