import type { Issue } from "../../core/errors.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { renderActionRow, ROW_FIELDS } from "../xlsx/action-row.js";
import { sameValue } from "../xlsx/same-value.js";
import { reparse } from "../xlsx/xlsx-render.js";
import type { ImportDraft } from "./import-types.js";

/**
 * A table without shinko's metadata (the official table saved as CSV, pasted, or a workbook that
 * lost its hidden sheet) cannot show everything: a schedule label's span is a merged range that
 * text drops, a name that ends in brackets reads as tags. Where a row shows exactly what the
 * replaced plan's row would show, nobody edited it: the replaced plan's exact value is kept.
 * Where the row differs, the row is what the person wants, and it wins.
 *
 * Returns the numbers of the actions that kept a value, for the import's notes.
 *
 * @example
 * keepUnshown(doc, existing, draft.table);
 */
export function keepUnshown(
  doc: PlanDocument,
  existing: PlanDocument,
  table: NonNullable<ImportDraft["table"]>,
): number[] {
  const before = new Map(existing.actions.map((a) => [a.number, a]));
  const kept: number[] = [];
  for (const action of doc.actions) {
    const old = before.get(action.number);
    if (!old) continue;
    const rendered = renderActionRow(old, table.layout);
    const shown = reparse(table.spans ? rendered : { cells: rendered.cells, spans: [] }, table.layout);
    let keptOne = false;
    for (const field of ROW_FIELDS) {
      if (sameValue(shown[field], action[field]) && !sameValue(old[field], action[field])) {
        (action as Record<string, unknown>)[field] = structuredClone(old[field]);
        keptOne = true;
      }
    }
    if (keptOne) kept.push(action.number);
  }
  return kept;
}

/** The note of what was kept. */
export function keptNote(source: string, planId: string, kept: readonly number[]): Issue {
  return {
    path: source,
    message: `${kept.length} row${kept.length === 1 ? "" : "s"} show what plan "${planId}" holds but cannot show all of it (a schedule's span, a name in brackets); kept from the plan: action${kept.length === 1 ? "" : "s"} ${kept.join(", ")}`,
  };
}
