/**
 * Times import and export of Kadoma's plan (xlsx, csv, json) and of a generated 10,000-action
 * plan, and writes docs/benchmarks-import-export.md. Not part of `npm test`: run `npm run bench:io`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validatePlanDocument } from "../src/core/plan/plan.rules.js";
import type { PlanDocument } from "../src/core/plan/plan.schema.js";
import { removePlan } from "../src/core/plan/plan.service.js";
import { openDatabase } from "../src/db/connection.js";
import { exportPlan, type ExportFormat } from "../src/io/export/export-plan.js";
import { runImport } from "../src/io/import/import-plan.js";
import { readImport } from "../src/io/import/read-import.js";
import { kadoma } from "../src/test/fixtures.js";
import { largePlan } from "../src/test/large-plan.js";

// The generated plan's CSV and JSON come near or over the 20 MB default upload limit; the benchmark
// measures the readers, not the limit.
const LIMIT = 200 * 1024 * 1024;
const REPORT = fileURLToPath(new URL("../docs/benchmarks-import-export.md", import.meta.url));

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (t: number) => (t < 10 ? t.toFixed(1) : t.toFixed(0));

const dir = mkdtempSync(join(tmpdir(), "shinko-bench-"));
const handle = await openDatabase(join(dir, "bench.db"));
const rows: string[] = [];
try {
  const plans: [string, PlanDocument, number][] = [
    ["Kadoma (45 actions)", validatePlanDocument(kadoma()), 10],
    ["generated (10,000 actions)", validatePlanDocument(largePlan(10_000)), 3],
  ];
  for (const [name, doc, runs] of plans) {
    for (const format of ["xlsx", "csv", "json"] as ExportFormat[]) {
      const file = await exportPlan(doc, format);
      const exportTime = await median(runs, () => exportPlan(doc, format));
      const readTime = await median(runs, () =>
        readImport(file.bytes, { source: `p.${format}`, format, limit: LIMIT }),
      );
      const importTime = await median(runs, async () => {
        await removePlan(handle.db, doc.plan.id).catch(() => undefined);
        const draft = await readImport(file.bytes, { source: `p.${format}`, format, limit: LIMIT });
        await runImport(handle.db, draft, { source: `p.${format}`, dryRun: false });
      });
      rows.push(
        `| ${name} | ${format} | ${(file.bytes.length / 1024).toFixed(0)} KB | ${ms(exportTime)} | ${ms(readTime)} | ${ms(importTime)} |`,
      );
      console.error(rows.at(-1));
    }
  }
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}

writeFileSync(
  REPORT,
  `# Import and export times

Written by \`npm run bench:io\` (bench/import-export.bench.ts) on ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.
Medians of 10 runs (Kadoma) and 3 runs (10,000 actions), in milliseconds. The generated plan is
\`largePlan(10_000)\` (src/test/large-plan.ts): Kadoma's texts cycled over 10,000 actions in 30 measures.

- **export**: the plan document to the file's bytes (for xlsx: the table sheet, styles, merges, metadata).
- **read**: the file's bytes to a validated-shape draft (decoding, parsing, recognising cells); no database.
- **import**: read, validate, diff against the database and write in one transaction, into SQLite
  (a file database; the plan is removed before each run, so every run creates it). The generated
  plan's JSON is over the default 20 MB import limit (BODY_LIMIT); the benchmark raises it.

| plan | format | file size | export (ms) | read (ms) | import into SQLite (ms) |
|---|---|---|---|---|---|
${rows.join("\n")}
`,
);
console.error(`wrote ${REPORT}`);
