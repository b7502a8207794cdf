import ExcelJS from "exceljs";
import { DomainError } from "../../core/errors.js";
import { listZipEntries, readZipEntry, ZipError } from "../zip/zip-reader.js";
import type { CellRange, Grid } from "./xlsx-grid.js";
import { useFastMerges } from "./exceljs-merges.js";
import { checkSheetLimits, type SheetPart } from "./xlsx-limits.js";

useFastMerges();

/**
 * Opens an uploaded workbook safely and turns its sheets into plain grids. Before the workbook
 * library sees the bytes, the zip structure is checked (not a zip, an old .xls, truncated, a zip
 * bomb). Formulas are never evaluated: a formula cell is reported, with its text, for the caller
 * to refuse.
 */

export interface FormulaCell {
  row: number;
  column: number;
  formula: string;
}

export interface ReadSheet {
  grid: Grid;
  formulas: FormulaCell[];
  /** Cells showing an error value (#N/A, #REF!). */
  errorCells: FormulaCell[];
  /** Cells holding a control character (U+007F, or C0 other than tab and line breaks): `formula` names it. */
  controlCells: FormulaCell[];
}

/**
 * Control characters a workbook cannot keep: ExcelJS drops them when writing, so a text holding
 * one would not read back the same (the fuzz run's input 464: U+007F in the title).
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** U+007F for messages. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The unpacked workbook may be at most this many times the file's size (a zip bomb is refused). */
const MAX_EXPANSION = 100;
const MAX_UNPACKED = 500 * 1024 * 1024;

function refuse(source: string, message: string): DomainError {
  return new DomainError("unsupported_format", `${source}: ${message}`, [{ path: source, message }]);
}

/** Checks the bytes are a whole .xlsx package before parsing them. */
export function checkWorkbookBytes(bytes: Uint8Array, source: string): void {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw refuse(source, "this is an old Excel 97–2003 file (.xls); open it in Excel and save it as .xlsx");
  }
  if (!head.subarray(0, 2).equals(Buffer.from("PK"))) {
    throw refuse(
      source,
      "not an .xlsx workbook (an .xlsx file is a zip archive, and this one does not start like one)",
    );
  }
  let entries;
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipError)
      throw refuse(source, `the workbook is damaged or cut short: ${error.message}`);
    throw error;
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) {
    throw refuse(source, "the zip archive holds no Excel workbook (xl/workbook.xml is missing)");
  }
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  if (unpacked > Math.min(MAX_UNPACKED, Math.max(bytes.length, 1024 * 1024) * MAX_EXPANSION)) {
    throw new DomainError(
      "too_large",
      `${source}: the workbook unpacks to ${(unpacked / 1024 / 1024).toFixed(0)} MB, more than a plan can need`,
      [{ path: source, message: "unpacks to too much data" }],
    );
  }
  // The sizes above are what the archive declares; a hostile one lies. Unpack every entry within
  // its declared size and check its checksum before the spreadsheet library unpacks anything.
  const parts = new Map<string, Buffer>();
  try {
    for (const entry of entries)
      if (!entry.name.endsWith("/")) parts.set(entry.name, readZipEntry(bytes, entry));
  } catch (error) {
    if (error instanceof ZipError) throw refuse(source, `the workbook is damaged: ${error.message}`);
    throw error;
  }
  checkSheetLimits(sheetParts(parts), source);
}

const unescapeName = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The worksheets of the package with the names the workbook gives them. */
function sheetParts(parts: ReadonlyMap<string, Buffer>): SheetPart[] {
  const workbook = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const to = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && to) target.set(id, to.startsWith("/") ? to.slice(1) : `xl/${to}`);
  }
  const nameOf = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? target.get(id) : undefined;
    if (name !== undefined && part) nameOf.set(part, unescapeName(name));
  }
  return [...parts]
    .filter(([name]) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
    .map(([name, xml]) => ({ name: nameOf.get(name) ?? name, xml }));
}

function textOf(value: ExcelJS.CellValue): { text: string; formula?: string; error?: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: String(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ("formula" in value || "sharedFormula" in value) {
    const f = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    return { text: "", formula: `=${f.formula ?? f.sharedFormula ?? ""}` };
  }
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("error" in value) return { text: "", error: String(value.error) };
  if ("text" in value) {
    const t = (value as { text: unknown }).text;
    return { text: typeof t === "string" ? t : textOf(t as ExcelJS.CellValue).text };
  }
  return { text: "" };
}

function readSheet(sheet: ExcelJS.Worksheet): ReadSheet {
  const cells: string[][] = [];
  const formulas: FormulaCell[] = [];
  const errorCells: FormulaCell[] = [];
  const controlCells: FormulaCell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged range's other cells report the top-left value; keep them empty, as the file does.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const { text, formula, error } = textOf(cell.value);
      if (formula !== undefined) formulas.push({ row: rowNumber - 1, column: colNumber - 1, formula });
      if (error !== undefined) errorCells.push({ row: rowNumber - 1, column: colNumber - 1, formula: error });
      const control = CONTROL_CHARACTER.exec(text);
      if (control)
        controlCells.push({ row: rowNumber - 1, column: colNumber - 1, formula: codePoint(control[0]) });
      out[colNumber - 1] = text;
    });
    cells[rowNumber - 1] = Array.from(out, (t) => t ?? "");
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= [];
  const merges: CellRange[] = [];
  for (const ref of (sheet.model as { merges?: string[] }).merges ?? []) {
    const [a, b = a] = ref.split(":") as [string, string?];
    const first = sheet.getCell(a);
    const last = sheet.getCell(b);
    merges.push({
      top: Number(first.row) - 1,
      left: Number(first.col) - 1,
      bottom: Number(last.row) - 1,
      right: Number(last.col) - 1,
    });
  }
  return { grid: { name: sheet.name, cells, merges }, formulas, errorCells, controlCells };
}

/**
 * Reads every sheet of a workbook.
 *
 * @example
 * const sheets = await readWorkbook(bytes, "plan.xlsx");
 */
export async function readWorkbook(bytes: Uint8Array, source: string): Promise<ReadSheet[]> {
  checkWorkbookBytes(bytes, source);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw refuse(source, `the workbook could not be read (${reason})`);
  }
  return book.worksheets.map(readSheet);
}
