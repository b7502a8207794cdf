import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { Db } from "../core/plan/plan.repository.js";
import { serializePlan } from "../core/plan/plan.serialize.js";
import { findPlan, listPlans } from "../core/plan/plan.service.js";
import type { ImportFormat } from "../io/import/import-types.js";
import { runImport } from "../io/import/import-plan.js";
import { readImport } from "../io/import/read-import.js";

/** Reads and imports a file as the CLI does (readImport, then runImport). */
export async function importBytes(
  db: Db,
  bytes: Uint8Array,
  options: { source: string; format: ImportFormat; planId?: string; dryRun?: boolean },
) {
  const draft = await readImport(bytes, { source: options.source, format: options.format });
  return runImport(db, draft, {
    source: options.source,
    planId: options.planId,
    dryRun: options.dryRun ?? false,
  });
}

/** Everything in the database that an import could change, as one string. */
export async function snapshot(db: Db): Promise<string> {
  const plans = await listPlans(db);
  const docs = await Promise.all(plans.map(async (p) => serializePlan((await findPlan(db, p.id))!)));
  return JSON.stringify(plans) + docs.join("");
}

/** Opens a workbook, lets a test change its first sheet as a person would, and saves it. */
export async function editWorkbook(
  bytes: Uint8Array,
  change: (sheet: ExcelJS.Worksheet) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  change(book.worksheets[0]!);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The issues of a refused import, or a failure when it was not refused. */
export async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; issues: { path: string; message: string }[] }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message: string; issues?: { path: string; message: string }[] };
    if (e.code) return { code: e.code, message: e.message, issues: e.issues ?? [] };
    throw error;
  }
  throw new Error("expected the import to be refused");
}

/** expect.stringMatching, typed as the string it stands for. */
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;
