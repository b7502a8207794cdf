import type { PlanMeta } from "../../core/plan/plan.schema.js";
import type { ImportDraft } from "../import/import-types.js";
import { IMPORT_LIMITS, grouped, overLimit } from "../import/import-limits.js";
import { parseOfficialTable } from "../table/parse.js";
import { quoteErrors, readTextTable } from "../table/text-table.js";
import { readDelimited, TooManyRecords, type DelimitedText } from "../text/delimited.js";
import { decodeText } from "../text/text-encoding.js";
import { columnLetter } from "../xlsx/xlsx-layout.js";
import { CONTROL_CHARACTER, codePoint } from "../xlsx/xlsx-read.js";

function tokenize(text: string, source: string): DelimitedText {
  try {
    return readDelimited(text, { separator: "\t", maxRecords: IMPORT_LIMITS.rows });
  } catch (error) {
    if (!(error instanceof TooManyRecords)) throw error;
    const limit = grouped(IMPORT_LIMITS.rows);
    throw overLimit(
      source,
      `${source}, line ${error.line}`,
      `more than ${limit} rows; an import reads at most ${limit} rows`,
    );
  }
}

/**
 * Reads tab-separated text in the official table layout into a plan draft. Text copied from a
 * spreadsheet (quoted multi-line cells, every cell in its column) is read cell for cell, as the
 * workbook is (src/io/table/text-table.ts); text extracted from the city's PDF (no quotes,
 * cells shifted) goes through the table reader that copes with shifted cells, repeated page
 * headers and lost spans (src/io/table/parse.ts). The text names no plan id, municipality code,
 * prefecture or source: those come from the plan it replaces.
 *
 * @example
 * const draft = importTsv(bytes, "paste.tsv");
 */
export function importTsv(bytes: Uint8Array, source: string): ImportDraft {
  const { text, encoding } = decodeText(bytes, source, { nulInCells: true });
  const tokens = tokenize(text, source);
  const table = readTextTable(tokens, { source, format: "tsv" });
  // A spreadsheet's text (quoted cells), or a table whose every cell is in its column, is read as
  // the sheet it shows; its problems refuse it, never handed to the lenient reader to guess.
  if (table && (table.errors.length === 0 || tokens.quoted)) return { ...table, encoding };
  return extractedText(tokens, source, encoding);
}

function extractedText(
  tokens: DelimitedText,
  source: string,
  encoding: ImportDraft["encoding"],
): ImportDraft {
  const rows = tokens.records.map((r) => r.cells);
  const result = parseOfficialTable(rows, {
    planId: "",
    // "line", as the dataset build names the seed's places: the recovered notes then read the same.
    place: (line, column) =>
      column === undefined ? `line ${line}` : `line ${line}, column ${columnLetter(column - 1)}`,
  });
  const errors = [...quoteErrors(tokens), ...result.errors];
  rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const control = CONTROL_CHARACTER.exec(cell);
      if (control)
        errors.push({
          path: `line ${r + 1}, column ${columnLetter(c)}`,
          message: `the cell holds a control character (${codePoint(control[0])}), which a plan cannot keep; remove it`,
        });
    }),
  );
  const doc = result.document;
  const missingMeta: (keyof PlanMeta)[] = ["id", "municipalityCode", "prefecture", "source", "license"];
  if (doc) {
    if (doc.plan.municipality === "") missingMeta.push("municipality");
    if (doc.plan.title === "") missingMeta.push("title");
    if (doc.plan.asOf === "") missingMeta.push("asOf");
  }
  return {
    format: "tsv",
    document: doc,
    missingMeta,
    errors,
    warnings: result.warnings,
    encoding,
    lacks: { scales: true, indicators: true },
    locate: (path) => {
      const m = /^actions\[(\d+)\]/.exec(path);
      const action = m ? doc?.actions[Number(m[1])] : undefined;
      return action ? `action ${action.number} (${path})` : undefined;
    },
  };
}
