import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LoadResult } from "./http/load.js";
import { ioTable, type IoRow } from "./io/import-export.js";
import type { LoadReport } from "./national-load.js";

export interface Report {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    sqliteVersion: string;
    postgresVersion: string | null;
  };
  command: string;
  seconds: number;
  kadoma: {
    path: string;
    bytes: number;
    rows: { connections: number; shinko: LoadResult; limit: LoadResult; ratio: number }[];
  }[];
  kadomaRssMb?: number;
  national: {
    dialect: string;
    loaded: LoadReport;
    endpoints: { name: string; p50: number; p95: number; status: number }[];
    serverRssMb: number;
  }[];
  /** Import and export times (absent with --skip-io). */
  io?: IoRow[];
}

/** Hand-written investigations, kept beside the generated figures. */
const NOTES = fileURLToPath(new URL("./analysis.md", import.meta.url));

const GOALS = {
  api: "Whole-plan API at 100 connections: ≥ 60 % of the limit's requests per second, p99 < 20 ms",
  table: "Table page: ≥ 40 % of the limit",
  national:
    "National scale, both databases: list, overview, filters and roadmap p95 < 50 ms; search p95 < 100 ms; server memory < 300 MB",
  io: "Kadoma's xlsx export and import each < 300 ms; the 10,000-action workbook imported in < 10 s",
};

const ok = (pass: boolean) => (pass ? "met" : "**missed**");

/** The report as Markdown, every figure from the run. */
export function renderReport(r: Report): string {
  const lines: string[] = [];
  lines.push("# Benchmarks", "");
  lines.push(`Measured ${r.date} by \`${r.command}\` (figures also in \`docs/benchmarks.json\`).`, "");
  lines.push(
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, SQLite ${r.machine.sqliteVersion}` +
      `${r.machine.postgresVersion ? `, PostgreSQL ${r.machine.postgresVersion}` : ""}. Client (autocannon) and server share the machine's cores over loopback.`,
    "",
  );
  lines.push("## Kadoma beside the limit", "");
  lines.push(
    `Each row: shinko (\`shinko serve\`, SQLite) and a bare \`node:http\` server returning the same bytes from memory, ${r.seconds} s each, one after the other.`,
    "",
  );
  for (const target of r.kadoma) {
    lines.push(`### \`GET ${target.path}\` (${Math.round(target.bytes / 1024)} KB)`, "");
    lines.push(
      "| connections | shinko req/s | limit req/s | ratio | shinko p50 / p99 ms | limit p50 / p99 ms | errors |",
      "|---|---|---|---|---|---|---|",
    );
    for (const row of target.rows) {
      lines.push(
        `| ${row.connections} | ${row.shinko.requestsPerSecond} | ${row.limit.requestsPerSecond} | ${row.ratio} % | ${row.shinko.p50} / ${row.shinko.p99} | ${row.limit.p50} / ${row.limit.p99} | ${row.shinko.errors + row.shinko.non2xx} |`,
      );
    }
    lines.push("");
  }
  if (r.kadomaRssMb !== undefined)
    lines.push(`Server memory after the Kadoma runs: ${r.kadomaRssMb} MB RSS.`, "");
  if (r.national.length > 0) {
    lines.push("## National scale", "");
    for (const n of r.national) {
      lines.push(`### ${n.dialect}`, "");
      lines.push(
        `Loaded ${n.loaded.plans} plans (${n.loaded.actions} actions) in ${n.loaded.seconds} s, one import transaction per plan; database ${n.loaded.sizeMb} MB. Server memory after the runs: ${n.serverRssMb} MB RSS.`,
        "",
      );
      lines.push("| request | p50 ms | p95 ms | status |", "|---|---|---|---|");
      for (const e of n.endpoints) lines.push(`| ${e.name} | ${e.p50} | ${e.p95} | ${e.status} |`);
      lines.push("");
    }
  }
  if (r.io && r.io.length > 0) {
    lines.push("## Import and export", "");
    lines.push(
      "Medians in milliseconds (10 runs for Kadoma, 3 for the generated plan, `largePlan(10_000)` in `src/test/large-plan.ts`: Kadoma's texts over 10,000 actions). **export**: the plan to the file's bytes; **read**: the bytes to a checked draft, no database; **import**: read, validate, compare with the database and write in one transaction, into a SQLite file.",
      "",
      ...ioTable(r.io),
      "",
    );
  }
  lines.push("## Goals", "");
  const api = r.kadoma
    .find((k) => k.path === "/api/v1/plans/kadoma")
    ?.rows.find((x) => x.connections === 100);
  const table = r.kadoma.find((k) => k.path.endsWith("/table"))?.rows.find((x) => x.connections === 100);
  if (api)
    lines.push(
      `- ${GOALS.api}: ${api.ratio} %, p99 ${api.shinko.p99} ms: ${ok(api.ratio >= 60 && api.shinko.p99 < 20)}`,
    );
  if (table) lines.push(`- ${GOALS.table}: ${table.ratio} %: ${ok(table.ratio >= 40)}`);
  for (const n of r.national) {
    const slow = n.endpoints.filter((e) =>
      e.name.startsWith("search across")
        ? e.p95 >= 100
        : e.name.includes("(page)") || e.name.includes("filters") || e.name.includes("list")
          ? e.p95 >= 50
          : false,
    );
    lines.push(
      `- ${GOALS.national} (${n.dialect}): ${slow.length === 0 && n.serverRssMb < 300 ? "met" : `**missed**: ${[...slow.map((e) => `${e.name} p95 ${e.p95} ms`), ...(n.serverRssMb >= 300 ? [`memory ${n.serverRssMb} MB`] : [])].join("; ")}`}`,
    );
  }
  const xlsx = (plan: string) => r.io?.find((x) => x.plan === plan && x.format === "xlsx");
  const kx = xlsx("Kadoma");
  const gx = xlsx("generated");
  if (kx && gx) {
    const kImport = kx.importMs;
    lines.push(
      `- ${GOALS.io}: Kadoma export ${kx.exportMs} ms, import ${kImport} ms; 10,000 actions imported in ${(gx.importMs / 1000).toFixed(1)} s: ${ok(kx.exportMs < 300 && kImport < 300 && gx.importMs < 10_000)}`,
    );
  }
  lines.push("", ...analysis(r));
  if (existsSync(NOTES)) lines.push(readFileSync(NOTES, "utf8").trim(), "");
  return `${lines.join("\n")}\n`;
}

/**
 * Why a goal is missed, worked out from the run's own figures (never from figures of another run).
 */
function analysis(r: Report): string[] {
  const out: string[] = [];
  const api = r.kadoma.find((k) => k.path === "/api/v1/plans/kadoma");
  const at100 = api?.rows.find((x) => x.connections === 100);
  if (api && at100 && at100.shinko.p99 >= 20) {
    const floor = Math.round((100 / at100.limit.requestsPerSecond) * 1000);
    const needed = Math.round(100 / 0.02);
    out.push(
      "## What stands in the way",
      "",
      `**p99 under 20 ms at 100 connections.** With 100 connections each waiting for its answer, the mean latency is at least connections ÷ throughput (Little's law). The bare \`node:http\` server, which does nothing but write ${Math.round(api.bytes / 1024)} KB from memory, answers ${at100.limit.requestsPerSecond} requests per second on this machine, so even it cannot average under ${floor} ms; its own p99 was ${at100.limit.p99} ms. A p99 under 20 ms at 100 connections needs at least ${needed} requests per second, about ${Math.round((needed * api.bytes) / 1024 ** 2)} MB/s of JSON, from a server that shares its 2 cores with the load generator. shinko already answers from memory (the serialized plan is kept per revision; compressed forms are made once), so what remains is the machine: more cores for the server than the client, the client on another machine, or clients that take the compressed form (${brNote(r, api.path)}). The ratio to the limit, the figure the machine does not decide, is the goal that can be met.`,
      "",
    );
  }
  const slowLists = r.national.flatMap((n) =>
    n.endpoints.filter((e) => e.name.startsWith("plan list") && e.p95 >= 50).map((e) => ({ n, e })),
  );
  if (slowLists.length > 0) {
    if (out.length === 0) out.push("## What stands in the way", "");
    out.push(
      `**The national plan list.** ${slowLists.map(({ n, e }) => `${e.name} on ${n.dialect}: p95 ${e.p95} ms`).join("; ")}. The list holds all ${r.national[0]?.loaded.plans ?? "the"} plans in one answer (no paging), so its cost grows with the number of plans; the page is cached per change of any plan, so the figure is the first request after a change plus cached answers. Paging the list (not built yet) would bound it.`,
      "",
    );
  }
  return out;
}

/** The compressed run's figures, in words. */
function brNote(r: Report, path: string): string {
  const br = r.kadoma.find((k) => k.path.startsWith(`${path} (Accept-Encoding`));
  const row = br?.rows.find((x) => x.connections === 100);
  if (!br || !row) return "the compressed run was not measured";
  return `with \`Accept-Encoding: br\` the body is ${Math.round(br.bytes / 1024)} KB and shinko's p99 at 100 connections was ${row.shinko.p99} ms, the limit's ${row.limit.p99} ms`;
}
