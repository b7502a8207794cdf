import type { PlanDocument } from "../../core/plan/plan.schema.js";
import type { ImportDraft } from "./import-types.js";

/**
 * Where each part of a read plan sits in its file, as plain data: a draft's `locate` function
 * cannot cross a worker thread's boundary (structured clone refuses functions), this table can.
 * Built by asking the reader's `locate` about every action, strategy and measure; every reader
 * places a path by its `actions[i].field` prefix only, so the table answers exactly as `locate`
 * would. A field's place is kept per action only where it is not the action's row followed by
 * the field's column (text extracted from a PDF names actions, not cells).
 */
export interface PlaceTable {
  actions: (string | null)[];
  /** Per action field: what follows the action's row (", column F (具体的アクション)"). */
  columns: Record<string, string>;
  /** `actions[i].field` → place, where the row-and-column rule does not hold. */
  exceptions: Record<string, string>;
  /** strategies[i](.field), measures[i](.field), plan.field → place. */
  others: Record<string, string>;
}

const ACTION_FIELDS = [
  "number",
  "measure",
  "name",
  "tags",
  "isNew",
  "isPriority",
  "relistOf",
  "description",
  "startFiscalYear",
  "schedule",
  "records",
  "challenges",
  "indicators",
  "evaluations",
  "recovered",
];
const STRATEGY_FIELDS = ["code", "name", "subtitle"];
const MEASURE_FIELDS = ["code", "strategy", "name", "page"];
const PLAN_FIELDS = [
  "id",
  "municipality",
  "municipalityCode",
  "prefecture",
  "title",
  "fiscalYears",
  "asOf",
  "source",
  "license",
];

/** @example const table = placeTable(draft.document, draft.locate); */
export function placeTable(doc: PlanDocument | null, locate: ImportDraft["locate"]): PlaceTable {
  const table: PlaceTable = { actions: [], columns: {}, exceptions: {}, others: {} };
  if (!doc || !locate) return table;
  const first = locate("actions[0]");
  for (const field of ACTION_FIELDS) {
    const at = locate(`actions[0].${field}`);
    if (first !== undefined && at !== undefined && at.startsWith(first))
      table.columns[field] = at.slice(first.length);
  }
  doc.actions.forEach((_, i) => {
    const row = locate(`actions[${i}]`) ?? null;
    table.actions.push(row);
    for (const field of ACTION_FIELDS) {
      const key = `actions[${i}].${field}`;
      const at = locate(key);
      const rule =
        row === null || table.columns[field] === undefined ? undefined : row + table.columns[field];
      if (at !== rule && at !== undefined) table.exceptions[key] = at;
    }
  });
  const other = (key: string) => {
    const at = locate(key);
    if (at !== undefined) table.others[key] = at;
  };
  doc.strategies.forEach((_, i) =>
    [undefined, ...STRATEGY_FIELDS].forEach((f) => other(`strategies[${i}]${f ? `.${f}` : ""}`)),
  );
  doc.measures.forEach((_, i) =>
    [undefined, ...MEASURE_FIELDS].forEach((f) => other(`measures[${i}]${f ? `.${f}` : ""}`)),
  );
  PLAN_FIELDS.forEach((f) => other(`plan.${f}`));
  return table;
}

/** The `locate` of a place table: a JSON path (actions[3].schedule[0].from) → the file's place. */
export function locateIn(table: PlaceTable): (path: string) => string | undefined {
  return (path) => {
    const m = /^(actions|strategies|measures)\[(\d+)\](?:\.(\w+))?/u.exec(path);
    if (!m) {
      const p = /^plan\.(\w+)/u.exec(path);
      return p ? table.others[`plan.${p[1]}`] : undefined;
    }
    if (m[1] !== "actions") return table.others[m[0]];
    const i = Number(m[2]);
    if (!m[3]) return table.actions[i] ?? undefined;
    const exception = table.exceptions[m[0]];
    if (exception !== undefined) return exception;
    const row = table.actions[i];
    const column = table.columns[m[3]];
    return row === null || row === undefined || column === undefined ? (row ?? undefined) : row + column;
  };
}
