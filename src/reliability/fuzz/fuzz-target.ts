import { DomainError, type Issue } from "../../core/errors.js";
import { formatFiscalYear, parseFiscalYear, type FiscalYearStyle } from "../../core/fiscal/fiscal-year.js";
import { formatJapaneseDate, parseJapaneseDate } from "../../core/fiscal/japanese-date.js";
import type { Db } from "../../core/plan/plan.repository.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { getPlan, savePlan } from "../../core/plan/plan.service.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { exportPlan, type ExportFormat } from "../../io/export/export-plan.js";
import { runImport } from "../../io/import/import-plan.js";
import type { ImportFormat } from "../../io/import/import-types.js";
import { readImport } from "../../io/import/read-import.js";

/**
 * What the fuzz tests run on each input, in a worker thread (so a hang can be cut off): a whole
 * import into a database that holds Kadoma's plan, then, when the file was accepted, the plan
 * exported again and imported back, which must change nothing.
 */

export type FuzzJob =
  | { kind: "import"; format: ImportFormat; source: string; bytes: Uint8Array }
  | { kind: "fiscal"; text: string };

export type FuzzOutcome =
  | { kind: "accepted"; roundTrip: string | null }
  | { kind: "refused"; code: string; message: string; issues: Issue[] }
  | { kind: "crash"; name: string; message: string; stack: string }
  | { kind: "hang"; ms: number };

/** The format an accepted file is exported in for the round trip (a paste has no export: JSON). */
const ROUND_TRIP: Record<ImportFormat, ExportFormat> = {
  xlsx: "xlsx",
  csv: "csv",
  tsv: "json",
  json: "json",
};

function crash(error: unknown): FuzzOutcome {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    kind: "crash",
    name: e.name,
    message: e.message.slice(0, 2000),
    stack: (e.stack ?? "").slice(0, 4000),
  };
}

async function roundTrip(
  db: Db,
  job: Extract<FuzzJob, { kind: "import" }>,
  encoding?: string,
): Promise<string | null> {
  const doc = await getPlan(db, "kadoma");
  const format = ROUND_TRIP[job.format];
  let file;
  try {
    file = await exportPlan(doc, format, encoding === "sjis" ? { encoding: "sjis" } : {});
  } catch (error) {
    // A character Shift_JIS cannot hold refuses that export, as it should: use UTF-8 then.
    if (!(error instanceof DomainError)) throw error;
    file = await exportPlan(doc, format);
  }
  const source = `again.${format}`;
  const draft = await readImport(file.bytes, { source, format });
  const report = await runImport(db, draft, { source, planId: "kadoma", dryRun: true });
  if (report.outcome === "unchanged") return null;
  return `exported as ${format} and imported back, it ${report.outcome} the plan: ${JSON.stringify(report.changes).slice(0, 500)}`;
}

/** Imports the bytes; the plan is put back as it was afterwards. */
export async function runImportJob(
  db: Db,
  base: PlanDocument,
  job: Extract<FuzzJob, { kind: "import" }>,
): Promise<FuzzOutcome> {
  // Each input starts from Kadoma's plan as it is: anything else is a leak from the input before.
  const before = serializePlan(await getPlan(db, "kadoma"));
  if (before !== serializePlan(base)) {
    await db.transaction().execute((trx) => savePlan(trx, base, { actor: "fuzz" }));
    return crash(new Error(`the plan was not put back after the previous input: ${before.slice(0, 300)}`));
  }
  try {
    const draft = await readImport(job.bytes, { source: job.source, format: job.format });
    const report = await runImport(db, draft, { source: job.source, planId: "kadoma", dryRun: false });
    try {
      return { kind: "accepted", roundTrip: await roundTrip(db, job, report.encoding) };
    } finally {
      if (report.outcome !== "unchanged")
        await db.transaction().execute((trx) => savePlan(trx, base, { actor: "fuzz" }));
    }
  } catch (error) {
    if (error instanceof DomainError)
      return { kind: "refused", code: error.code, message: error.message, issues: [...error.issues] };
    return crash(error);
  }
}

const STYLES: FiscalYearStyle[] = ["era", "western", "short", "fy"];

/**
 * The fiscal-year and date parser on any text: it answers ok or an error message, never throws;
 * what it accepts is a plausible year or an ISO date, and writing it back reads the same.
 */
export function runFiscalJob(text: string): FuzzOutcome {
  try {
    const year = parseFiscalYear(text);
    const date = parseJapaneseDate(text);
    const problems: string[] = [];
    for (const [what, result] of [
      ["fiscal year", year],
      ["date", date],
    ] as const) {
      if (
        !result.ok &&
        (typeof result.error !== "string" || result.error === "" || /undefined|NaN/.test(result.error))
      )
        problems.push(`${what} error is ${JSON.stringify(result.error)}`);
    }
    if (year.ok) {
      if (!Number.isInteger(year.value) || year.value < 1868) problems.push(`fiscal year ${year.value}`);
      for (const style of STYLES) {
        const written = formatFiscalYear(year.value, style);
        const back = parseFiscalYear(written);
        if (!back.ok || back.value !== year.value)
          problems.push(`${year.value} written ${style} as ${written} reads back as ${JSON.stringify(back)}`);
      }
    }
    if (date.ok) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value) || Number.isNaN(Date.parse(date.value)))
        problems.push(`date ${date.value} is not an ISO date`);
      else if (date.value >= "1868-10-23") {
        for (const monthEnd of [false, true]) {
          const written = formatJapaneseDate(date.value, { monthEnd });
          const back = parseJapaneseDate(written);
          if (!back.ok || back.value !== date.value)
            problems.push(`${date.value} written as ${written} reads back as ${JSON.stringify(back)}`);
        }
      }
    }
    if (problems.length > 0)
      return { kind: "refused", code: "property", message: problems.join("; "), issues: [] };
    return { kind: "accepted", roundTrip: null };
  } catch (error) {
    return crash(error);
  }
}
