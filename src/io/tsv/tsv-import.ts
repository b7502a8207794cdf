import type { PlanMeta } from "../../core/plan/plan.schema.js";
import type { ImportDraft } from "../import/import-types.js";
import { parseOfficialTable } from "../table/parse.js";
import { decodeText } from "../text/text-encoding.js";
import { columnLetter } from "../xlsx/xlsx-layout.js";
import { readTsv } from "./tsv-reader.js";

/**
 * Reads tab-separated text (a paste from Excel, or text extracted from the city's PDF) in the
 * official table layout into a plan draft, through the table reader that copes with shifted
 * cells, repeated page headers and lost spans. The text names no plan id, municipality code,
 * prefecture or source: those come from the plan it replaces.
 *
 * @example
 * const draft = importTsv(bytes, "paste.tsv");
 */
export function importTsv(bytes: Uint8Array, source: string): ImportDraft {
  const { text, encoding } = decodeText(bytes, source);
  const result = parseOfficialTable(readTsv(text), {
    planId: "",
    // "line", as the dataset build names the seed's places: the recovered notes then read the same.
    place: (line, column) =>
      column === undefined ? `line ${line}` : `line ${line}, column ${columnLetter(column - 1)}`,
  });
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
    errors: result.errors,
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
