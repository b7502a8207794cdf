import type { LoadResult } from "./http/load.js";
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
  /** Filled in by hand-free sections added later (import/export). */
  extra?: Record<string, unknown>;
}

const GOALS = {
  api: "Whole-plan API at 100 connections: ≥ 60 % of the limit's requests per second, p99 < 20 ms",
  table: "Table page: ≥ 40 % of the limit",
  national:
    "National scale, both databases: list, overview, filters and roadmap p95 < 50 ms; search p95 < 100 ms; server memory < 300 MB",
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
  lines.push("");
  return `${lines.join("\n")}\n`;
}
