/**
 * Times export, reading and import of Kadoma's plan (xlsx, csv, json) and of a generated
 * 10,000-action plan, into a SQLite file database. Used by `npm run bench` and `npm run bench:io`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validatePlanDocument } from "../../src/core/plan/plan.rules.js";
import type { PlanDocument } from "../../src/core/plan/plan.schema.js";
import { removePlan } from "../../src/core/plan/plan.service.js";
import { openDatabase } from "../../src/db/connection.js";
import { exportPlan, type ExportFormat } from "../../src/io/export/export-plan.js";
import { runImport } from "../../src/io/import/import-plan.js";
import { readImport } from "../../src/io/import/read-import.js";
import { kadoma } from "../../src/test/fixtures.js";
import { largePlan } from "../../src/test/large-plan.js";

// The generated plan's CSV and JSON come near or over the 20 MB default upload limit; the benchmark
// measures the readers, not the limit.
const LIMIT = 200 * 1024 * 1024;

export interface IoRow {
  plan: string;
  actions: number;
  format: ExportFormat;
  kb: number;
  runs: number;
  /** Medians, in milliseconds. */
  exportMs: number;
  readMs: number;
  /** Read, validate, diff against the database and write in one transaction. */
  importMs: number;
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const t = times[Math.floor(times.length / 2)]!;
  return t < 10 ? Math.round(t * 10) / 10 : Math.round(t);
}

export async function measureImportExport(log: (line: string) => void): Promise<IoRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "shinko-bench-io-"));
  const handle = await openDatabase(join(dir, "bench.db"));
  const rows: IoRow[] = [];
  try {
    const plans: [string, PlanDocument, number][] = [
      ["Kadoma", validatePlanDocument(kadoma()), 10],
      ["generated", validatePlanDocument(largePlan(10_000)), 3],
    ];
    for (const [plan, doc, runs] of plans) {
      for (const format of ["xlsx", "csv", "json"] as ExportFormat[]) {
        const file = await exportPlan(doc, format);
        const read = () => readImport(file.bytes, { source: `p.${format}`, format, limit: LIMIT });
        const row: IoRow = {
          plan,
          actions: doc.actions.length,
          format,
          kb: Math.round(file.bytes.length / 1024),
          runs,
          exportMs: await median(runs, () => exportPlan(doc, format)),
          readMs: await median(runs, read),
          importMs: await median(runs, async () => {
            await removePlan(handle.db, doc.plan.id).catch(() => undefined);
            await runImport(handle.db, await read(), { source: `p.${format}`, dryRun: false });
          }),
        };
        rows.push(row);
        log(
          `  ${plan} ${format}: export ${row.exportMs} ms, read ${row.readMs} ms, import ${row.importMs} ms`,
        );
      }
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The rows as a Markdown table. */
export function ioTable(rows: IoRow[]): string[] {
  return [
    "| plan | format | file size | export (ms) | read (ms) | import into SQLite (ms) |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.plan} (${r.actions.toLocaleString("en")} actions) | ${r.format} | ${r.kb} KB | ${r.exportMs} | ${r.readMs} | ${r.importMs} |`,
    ),
  ];
}
