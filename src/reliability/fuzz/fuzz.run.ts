// The full fuzz run: `npm run fuzz -- --runs 5000 [--targets xlsx,csv-utf8,…] [--seed N]
// [--time-bound 5000]`. Feeds each importer (and the fiscal-year parser) that many generated
// inputs and writes docs/reliability/fuzz-report.{json,md}.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../crash/crash-harness.js";
import { fuzzTarget, type TargetReport } from "./fuzz-check.js";
import { baseFiles, TARGETS, type Target } from "./fuzz-inputs.js";
import { FuzzPool } from "./fuzz-pool.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5000" },
    "xlsx-runs": { type: "string" },
    targets: { type: "string", default: TARGETS.join(",") },
    seed: { type: "string", default: String(Date.now() % 1_000_000_000) },
    "time-bound": { type: "string", default: "5000" },
    out: { type: "string", default: "fuzz-report" },
  },
});
const seed = Number(values.seed);
const timeBound = Number(values["time-bound"]);
const targets = values.targets.split(",") as Target[];
const started = new Date();
const base = await baseFiles();
const pool = await FuzzPool.start(timeBound);
const reports: TargetReport[] = [];
try {
  for (const target of targets) {
    const runs = Number(target === "xlsx" && values["xlsx-runs"] ? values["xlsx-runs"] : values.runs);
    const report = await fuzzTarget(pool, target, base, { runs, seed });
    reports.push(report);
    console.log(
      `${target}: ${report.runs} inputs, ${report.accepted} accepted, ${report.refused} refused, ${report.failures} failing, slowest ${report.slowestMs} ms, ${report.seconds} s`,
    );
    if (report.counterexample) console.log(JSON.stringify(report.counterexample, null, 2));
  }
} finally {
  await pool.close();
}

const lines = [
  `Fuzz run of ${started.toISOString()}: seed ${seed}, time bound ${timeBound} ms per input.`,
  "",
  "| importer | inputs | accepted | refused | failing | slowest input | time |",
  "| -------- | ------ | -------- | ------- | ------- | ------------- | ---- |",
  ...reports.map(
    (r) =>
      `| ${r.target} | ${r.runs} | ${r.accepted} | ${r.refused} | ${r.failures} | ${r.slowestMs} ms | ${r.seconds} s |`,
  ),
];
const dir = join(ROOT, "docs", "reliability");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, `${values.out}.json`),
  `${JSON.stringify({ started, seed, timeBound, reports }, null, 2)}\n`,
);
writeFileSync(join(dir, `${values.out}.md`), `${lines.join("\n")}\n`);
console.log(lines.join("\n"));
process.exitCode = reports.some((r) => r.failures > 0) ? 1 : 0;
