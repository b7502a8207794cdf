// The full crash run: `npm run crash -- --kills 100 [--actions 1000] [--edit-actions 200]
// [--dialects sqlite,postgres] [--seed 1]`. Kills the CLI during large imports and a worker during
// edits, checks the database after each kill, and writes docs/reliability/crash-report-<dialects>.{json,md}.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dropPostgresSchema, postgresAnswers } from "../../db/test-support.js";
import { ROOT, type ScenarioReport } from "./crash-harness.js";
import { editCrashes } from "./edit-crashes.js";
import { importCrashes } from "./import-crashes.js";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "100" },
    actions: { type: "string", default: "1000" },
    "edit-actions": { type: "string", default: "200" },
    dialects: { type: "string", default: "sqlite,postgres" },
    seed: { type: "string", default: "1" },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const postgresUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

async function database(dialect: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "shinko-crash-db-"));
    return { url: join(dir, `${name}.db`), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `crash_${name}_${process.pid}`;
  return {
    url: `${postgresUrl}${postgresUrl.includes("?") ? "&" : "?"}schema=${schema}`,
    drop: () => dropPostgresSchema(postgresUrl, schema),
  };
}

const reports: ScenarioReport[] = [];
const started = new Date();
for (const dialect of values.dialects.split(",")) {
  if (dialect === "postgres" && !(await postgresAnswers(postgresUrl))) {
    console.log(`PostgreSQL not reachable at ${new URL(postgresUrl).host}: skipped`);
    continue;
  }
  for (const scenario of ["import", "edits"] as const) {
    const db = await database(dialect, scenario);
    const t0 = { at: performance.now() };
    const onKill = (r: {
      kill: number;
      timing: string;
      delayMs: number;
      ended: string;
      state: string;
      problems: string[];
    }) =>
      console.log(
        `${new Date().toISOString().slice(11, 19)} (+${((performance.now() - t0.at) / 1000).toFixed(1)} s) ${dialect} ${scenario} kill ${r.kill}: ${r.timing} +${r.delayMs} ms, ${r.ended}, ${r.state}${r.problems.length ? ` PROBLEMS: ${r.problems.join("; ")}` : ""}`,
      );
    try {
      const options = { databaseUrl: db.url, dialect, kills, seed, onKill };
      reports.push(
        scenario === "import"
          ? await importCrashes({ ...options, actions: Number(values.actions) })
          : await editCrashes({ ...options, actions: Number(values["edit-actions"]) }),
      );
    } finally {
      await db.drop();
    }
  }
}

const lines = [
  `Crash run of ${started.toISOString()}: ${kills} kills per scenario, seed ${seed}.`,
  "",
  "| database | scenario | actions | kills | failures | outcomes | time |",
  "| -------- | -------- | ------- | ----- | -------- | -------- | ---- |",
  ...reports.map(
    (r) =>
      `| ${r.dialect} | ${r.scenario} | ${r.actions} | ${r.kills} | ${r.failures} | ${Object.entries(
        r.outcomes,
      )
        .map(([k, n]) => `${k}: ${n}`)
        .join("; ")}${Object.entries(r.detail)
        .map(([k, n]) => `; ${k} ${n}`)
        .join("")} | ${r.seconds} s |`,
  ),
];
const dir = join(ROOT, "docs", "reliability");
mkdirSync(dir, { recursive: true });
const name = `crash-report-${values.dialects.split(",").join("-")}`;
writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ started, kills, seed, reports }, null, 2)}\n`);
writeFileSync(join(dir, `${name}.md`), `${lines.join("\n")}\n`);
console.log(lines.join("\n"));
process.exitCode = reports.some((r) => r.failures > 0) ? 1 : 0;
