/**
 * `npm run soak [-- --minutes N] [--database postgres://…] [--concurrency N] [--report PATH]`:
 * runs `shinko serve` on loopback (a new SQLite file unless --database names one) and drives mixed
 * reads (whole-plan API, action list API, table page, search, action pages, overview) and writes
 * (action edits through the API with a write token, each naming the version it started from) for
 * the set time. Writes PATH.json and PATH.md (default docs/soak): requests by kind, statuses,
 * latency per minute, and the server's memory over time. Exits 1 when any answer was a 5xx.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { format } from "prettier";
import { growth, summarize, type MemorySample, type Sample } from "./stats.js";
import { renderReport } from "./soak-report.js";

const BIN = fileURLToPath(new URL("../../bin/shinko.js", import.meta.url));
const REPORTER = fileURLToPath(new URL("./memory-reporter.js", import.meta.url));
const PLAN = "kadoma";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    database: { type: "string" },
    concurrency: { type: "string", default: "8" },
    report: { type: "string", default: "docs/soak" },
  },
});
const minutes = Number(values.minutes);
const concurrency = Number(values.concurrency);
if (!(minutes > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error("soak: --minutes must be > 0 and --concurrency a whole number ≥ 1");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "shinko-soak-"));
const databaseUrl = values.database ?? join(dir, "soak.db");
const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" };

function shinko(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`shinko ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

function startServer(
  memory: MemorySample[],
  startedAt: () => number,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
    env: { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${REPORTER}`.trim() },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.on("message", (m: { rss: number; heapUsed: number }) => {
    memory.push({
      atSeconds: Math.round((Date.now() - startedAt()) / 1000),
      rssMb: Math.round((m.rss / 2 ** 20) * 10) / 10,
      heapUsedMb: Math.round((m.heapUsed / 2 ** 20) * 10) / 10,
    });
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      onData(chunk);
      process.stderr.write(chunk);
    });
    child.once("exit", (code) => reject(new Error(`shinko serve exited with ${code}:\n${out}`)));
  });
}

async function main(): Promise<void> {
  const memory: MemorySample[] = [];
  let startedAt = Date.now();
  const { url, child } = await startServer(memory, () => startedAt);
  // An administrator with a write token, made at the server's shell as an operator would.
  const email = `soak-${Date.now()}@city.example`;
  const passwordFile = join(dir, "password.txt");
  writeFileSync(passwordFile, "soak run passphrase 2025\n");
  chmodSync(passwordFile, 0o600);
  shinko("user", "add", "--role", "admin", "--email", email, "--password-file", passwordFile);
  const token = shinko(
    "token",
    "create",
    "--email",
    email,
    "--name",
    "soak",
    "--scope",
    "write",
    "--days",
    "2",
  )
    .trim()
    .split("\n")
    .at(-1)!;
  const writer = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  const list = (await (await fetch(`${url}/api/v1/plans/${PLAN}/actions`)).json()) as {
    actions: { number: number; name: string }[];
  };
  const numbers = list.actions.map((a) => a.number);
  const words = ["支援", "DX", "人材", "創業", "ものづくり", "企業", "販路", "補助", "脱炭素", "まち"];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

  const samples: Sample[] = [];
  let conflicts = 0;
  async function timed(kind: string, path: string, init?: RequestInit): Promise<Response | null> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}${path}`, init);
      await res.arrayBuffer();
      samples.push({ kind, status: res.status, ms: performance.now() - t0, at: Date.now() });
      return res;
    } catch {
      samples.push({ kind, status: 0, ms: performance.now() - t0, at: Date.now() });
      return null;
    }
  }
  async function edit(): Promise<void> {
    const n = pick(numbers);
    const t0 = performance.now();
    const got = await fetch(`${url}/api/v1/plans/${PLAN}/actions/${n}/edit`, { headers: writer });
    const body = (await got.json()) as { action: { name: string }; version: number };
    samples.push({ kind: "edit: read", status: got.status, ms: performance.now() - t0, at: Date.now() });
    if (!got.ok) return;
    const name = body.action.name.endsWith("（点検）")
      ? body.action.name.slice(0, -4)
      : `${body.action.name}（点検）`;
    const res = await timed("edit: save", `/api/v1/plans/${PLAN}/actions/${n}`, {
      method: "PUT",
      headers: writer,
      body: JSON.stringify({ baseVersion: body.version, action: { ...body.action, name } }),
    });
    if (res?.status === 409) conflicts++;
  }
  const mix: [number, () => Promise<unknown>][] = [
    [15, () => timed("api: whole plan", `/api/v1/plans/${PLAN}`)],
    [
      10,
      () =>
        timed("api: actions filtered", `/api/v1/plans/${PLAN}/actions?q=${encodeURIComponent(pick(words))}`),
    ],
    [15, () => timed("page: table", `/plans/${PLAN}/table`)],
    [15, () => timed("page: search", `/plans/${PLAN}/search?q=${encodeURIComponent(pick(words))}`)],
    [20, () => timed("page: action", `/plans/${PLAN}/actions/${pick(numbers)}`)],
    [5, () => timed("page: overview", `/plans/${PLAN}`)],
    [5, () => timed("page: roadmap", `/plans/${PLAN}/roadmap`)],
    [15, edit],
  ];
  const total = mix.reduce((a, [w]) => a + w, 0);
  const next = () => {
    let r = Math.random() * total;
    for (const [w, f] of mix) if ((r -= w) < 0) return f;
    return mix[0]![1];
  };

  startedAt = Date.now();
  memory.length = 0;
  const deadline = startedAt + minutes * 60_000;
  const progress = setInterval(() => {
    const m = memory.at(-1);
    console.log(
      `${Math.round((Date.now() - startedAt) / 1000)} s: ${samples.length} requests, ` +
        `${samples.filter((s) => s.status >= 500 || s.status === 0).length} errors, rss ${m?.rssMb ?? "?"} MB`,
    );
  }, 60_000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await next()();
    }),
  );
  clearInterval(progress);
  const duration = (Date.now() - startedAt) / 1000;

  const stopAt = Date.now();
  const exit = await new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
  const summary = summarize(samples, memory, startedAt);
  const report = {
    startedAt: new Date(startedAt).toISOString(),
    plannedMinutes: minutes,
    durationSeconds: Math.round(duration),
    database: values.database ? "postgres" : "sqlite (new temporary file)",
    concurrency,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? "",
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    requests: samples.length,
    requestsPerSecond: Math.round(samples.length / duration),
    errors5xx: samples.filter((s) => s.status >= 500 || s.status === 0).length,
    editConflicts: conflicts,
    ...summary,
    memory,
    memoryGrowth: growth(memory),
    shutdown: { exitCode: exit, ms: Date.now() - stopAt },
  };
  writeFileSync(`${values.report}.json`, `${JSON.stringify(report, null, 2)}\n`);
  // Formatted as the repository formats Markdown, so the committed report passes `prettier --check`.
  writeFileSync(
    `${values.report}.md`,
    await format(renderReport(report), { parser: "markdown", proseWrap: "preserve" }),
  );
  console.log(
    `Wrote ${values.report}.json and ${values.report}.md: ${report.requests} requests, ${report.errors5xx} errors.`,
  );
  rmSync(dir, { recursive: true, force: true });
  if (report.errors5xx > 0) process.exitCode = 1;
}

await main();
