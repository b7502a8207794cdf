import type { Issue } from "../../core/errors.js";
import type { ImportDraft, ImportFormat } from "../import/import-types.js";
import type { DelimitedText } from "../text/delimited.js";
import { columnLetter } from "../xlsx/xlsx-layout.js";
import { codePoint, CONTROL_CHARACTER, type FormulaCell, type ReadSheet } from "../xlsx/xlsx-read.js";
import { parseWorkbook } from "../xlsx/xlsx-parse.js";

/**
 * The official table as a spreadsheet writes it to text: saved as CSV, or copied and pasted as
 * tab-separated text. The cells are exactly the sheet's cells (one record a row, quoted
 * multi-line cells whole), so the table is read by the same reader as the workbook
 * (src/io/xlsx/xlsx-parse.ts), with what text loses: merged ranges (a strategy or measure written
 * once runs on below; a schedule label shows in its first year only) and the metadata sheet.
 * Over an existing plan, what the rows show as that plan would show them keeps its exact value
 * (see keepUnshown in import-plan).
 */

/** The records as a sheet: control characters are reported per cell, as a workbook's are. */
function asSheet(text: DelimitedText): ReadSheet {
  const controlCells: FormulaCell[] = [];
  const cells = text.records.map((record, row) =>
    record.cells.map((cell, column) => {
      const control = CONTROL_CHARACTER.exec(cell);
      if (control) controlCells.push({ row, column, formula: codePoint(control[0]) });
      return cell;
    }),
  );
  return { grid: { name: "", cells, merges: [] }, formulas: [], errorCells: [], controlCells };
}

/** Malformed quotes, named by row and column: a cell that cannot be read with confidence. */
export function quoteErrors(text: DelimitedText): Issue[] {
  return text.problems.map((p) => ({
    path: `row ${p.row}, column ${columnLetter(p.column)}`,
    message: `${p.message}; the cell cannot be read with confidence`,
  }));
}

/**
 * Reads the official table from delimited text, or null when the text has no table header (it
 * is another layout).
 *
 * @example
 * const draft = readTextTable(readDelimited(text, { separator: "\t" }), { source: "paste.tsv", format: "tsv" });
 */
export function readTextTable(
  text: DelimitedText,
  options: { source: string; format: ImportFormat },
): ImportDraft | null {
  const draft = parseWorkbook([asSheet(text)], { source: options.source });
  if (draft.document === null && draft.errors.some((e) => e.message.startsWith("no header row found")))
    return null;
  draft.errors.unshift(...quoteErrors(text));
  return {
    ...draft,
    format: options.format,
    ...(draft.table ? { table: { ...draft.table, spans: false } } : {}),
  };
}
