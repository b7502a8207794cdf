#!/usr/bin/env node
// `npm run mutation [module…]`: Stryker over the core rules and the importers' cells, each module
// against its own tests only (so a module's score says what its tests guard, not what some HTTP
// test happens to touch). One module at a time, on SQLite only. Writes reports/mutation/<module>.html
// and .json (ignored by git) and reports/mutation/summary.json (committed), and prints the scores.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const { MODULES, REPORTS: DIR } = await import("../stryker.config.js");

const asked = process.argv.slice(2);
const unknown = asked.filter((m) => !(m in MODULES));
if (unknown.length > 0) {
  console.error(`Unknown module ${unknown.join(", ")}; known: ${Object.keys(MODULES).join(", ")}`);
  process.exit(2);
}
mkdirSync(DIR, { recursive: true });
const summaryFile = `${DIR}/summary.json`;
// Read again before each write: another module's run may have written its score meanwhile.
const readSummary = () => (existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, "utf8")) : {});

/**
 * Mutation score as Stryker computes it: killed and timed out over all valid mutants. Static
 * mutants count as ignored (stryker.config.js says why), also where an incremental run carried an
 * older result for them over.
 */
function score(report) {
  const counts = {};
  for (const file of Object.values(report.files))
    for (const m of file.mutants) {
      const status = m.static ? "Ignored" : m.status;
      counts[status] = (counts[status] ?? 0) + 1;
    }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { score: valid ? Math.round((1000 * detected) / valid) / 10 : null, counts };
}

let failed = false;
for (const name of asked.length > 0 ? asked : Object.keys(MODULES)) {
  const { mutate, tests } = MODULES[name];
  const args = ["node_modules/@stryker-mutator/core/bin/stryker.js", "run", "stryker.config.js"];
  console.log(`\n== ${name}: mutating ${mutate.join(", ")} against ${tests.join(", ")}`);
  const run = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, SHINKO_MUTATION_MODULE: name, SHINKO_TEST_POSTGRES: "", SHINKO_CHROMIUM: "" },
  });
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const result = score(JSON.parse(readFileSync(`${DIR}/${name}.json`, "utf8")));
  const summary = { ...readSummary(), [name]: { ...result, mutate, tests, at: new Date().toISOString() } };
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
}
console.log("\nModule       score   killed  timeout  survived  no coverage");
for (const [name, s] of Object.entries(readSummary()))
  console.log(
    `${name.padEnd(12)} ${String(s.score).padStart(5)} % ${[
      s.counts.Killed,
      s.counts.Timeout,
      s.counts.Survived,
      s.counts.NoCoverage,
    ]
      .map((n) => String(n ?? 0).padStart(8))
      .join(" ")}`,
  );
process.exit(failed ? 1 : 0);
