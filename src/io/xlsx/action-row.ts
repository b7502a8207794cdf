import { formatFiscalYear, parseFiscalYear, type YearBounds } from "../../core/fiscal/index.js";
import type { Action, PlanRecord, ScheduleItem } from "../../core/plan/plan.schema.js";
import { CHALLENGES, DESCRIPTION, parseMarkedList, renderMarkedList } from "../cells/marked-list.js";
import { renderNameAndTags, splitNameAndTags } from "../cells/tags.js";
import { isDash, marks, newFlag } from "../table/cells.js";
import type { SheetLayout } from "./xlsx-layout.js";

/**
 * One action as one row of the official table, and back. Pure: the cells are strings, the
 * schedule's spans are merged column ranges; the workbook library stays in xlsx-write/xlsx-read.
 */

/** The fields of an action that its row shows (number, measure and recovered are placed elsewhere). */
export const ROW_FIELDS = [
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
] as const;
export type RowField = (typeof ROW_FIELDS)[number];
export type RowValues = Pick<Action, RowField>;

export interface RenderedRow {
  /** Text per column index (columns of the layout). */
  cells: Map<number, string>;
  /** Schedule spans: [first column, last column] to merge. */
  spans: [number, number][];
}

function relistText(relistOf: number): string {
  return `再掲\n(No.${relistOf})`;
}

/** The cells of an action's row. Anything the row cannot show is left for the metadata sheet. */
export function renderActionRow(action: RowValues, layout: SheetLayout): RenderedRow {
  const cells = new Map<number, string>();
  const spans: [number, number][] = [];
  const yearColumn = new Map<number, number>();
  layout.columns.forEach((c, i) => {
    if (c.role.kind === "year") yearColumn.set(c.role.fiscalYear, i);
  });
  layout.columns.forEach((column, i) => {
    const role = column.role;
    switch (role.kind) {
      case "number":
      case "strategy":
      case "measure":
      case "year":
      case "other":
        return;
      case "flag":
        return void cells.set(i, action.isNew ? "新規" : "既存");
      case "marks": {
        const parts = [
          action.isPriority ? "◎" : "",
          action.relistOf !== null ? relistText(action.relistOf) : "",
        ];
        return void cells.set(i, parts.filter((p) => p !== "").join("\n"));
      }
      case "name":
        return void cells.set(i, renderNameAndTags(action.name, action.tags));
      case "description":
        return void cells.set(i, renderMarkedList(action.description, DESCRIPTION));
      case "record": {
        const r = action.records.find(
          (x) => x.kind === role.record.kind && x.fiscalYear === role.record.fiscalYear,
        );
        return void cells.set(i, r ? r.text : "");
      }
      case "start":
        return void cells.set(
          i,
          action.startFiscalYear === null ? "—" : formatFiscalYear(action.startFiscalYear),
        );
      case "challenges":
        return void cells.set(
          i,
          renderMarkedList(
            action.challenges.map((text) => ({ kind: "item" as const, text })),
            CHALLENGES,
          ),
        );
    }
  });
  let lastEnd = -Infinity;
  for (const s of [...action.schedule].sort((a, b) => a.from - b.from)) {
    const first = yearColumn.get(s.from);
    const last = yearColumn.get(s.to);
    // Overlapping labels cannot share a row; the metadata sheet keeps the exact schedule.
    if (first === undefined || last === undefined || s.from <= lastEnd) continue;
    cells.set(first, s.label);
    if (last > first) spans.push([first, last]);
    lastEnd = s.to;
  }
  return { cells, spans };
}

export interface RowProblem {
  /** Column index in the layout. */
  column: number;
  message: string;
}

export interface ParsedRow {
  values: RowValues;
  /** True when 再掲 is marked without the number of the action it repeats. */
  relistUnresolved: boolean;
  errors: RowProblem[];
  warnings: RowProblem[];
}

/**
 * Reads an action's row. `cell(i)` gives the text shown in column i; `spanOf(i)` the last column
 * of a merged range starting at column i.
 */
export function parseActionRow(
  cell: (column: number) => string,
  spanOf: (column: number) => number,
  layout: SheetLayout,
  bounds: { startYear: YearBounds },
): ParsedRow {
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const values: RowValues = {
    name: "",
    tags: [],
    isNew: false,
    isPriority: false,
    relistOf: null,
    description: [],
    startFiscalYear: null,
    schedule: [],
    records: [],
    challenges: [],
  };
  let relistUnresolved = false;
  const schedule: ScheduleItem[] = [];
  const records: PlanRecord[] = [];
  let continuing: ScheduleItem | null = null;

  layout.columns.forEach((column, i) => {
    const role = column.role;
    const text = cell(i).trim();
    switch (role.kind) {
      case "number":
      case "strategy":
      case "measure":
      case "other":
        return;
      case "flag": {
        const flag = text === "" ? null : newFlag(text);
        if (text !== "" && flag === null)
          errors.push({ column: i, message: `"${text}" is not 既存 or 新規` });
        values.isNew = flag === "new";
        return;
      }
      case "marks": {
        if (text === "") return;
        const relist = /再掲\s*[(（]\s*(?:No\.?\s*)?(\d+)\s*[)）]/iu.exec(text);
        const plain = text.replace(/[(（]\s*(?:No\.?\s*)?\d+\s*[)）]/giu, "");
        const m = marks(plain);
        if (!m) {
          errors.push({ column: i, message: `"${text}" is not ◎ or 再掲` });
          return;
        }
        values.isPriority = m.priority;
        if (relist) values.relistOf = Number(relist[1]);
        else if (m.relist) relistUnresolved = true;
        return;
      }
      case "name": {
        const { name, tags } = splitNameAndTags(text);
        values.name = name;
        values.tags = tags;
        return;
      }
      case "description": {
        const parsed = parseMarkedList(text, DESCRIPTION);
        values.description = parsed.items;
        if (parsed.unmarked !== "") {
          values.description.unshift({ kind: "ongoing", text: parsed.unmarked });
          warnings.push({ column: i, message: "text without ● or ○ at its start; taken as under way (●)" });
        }
        return;
      }
      case "record":
        if (text !== "" && !isDash(text)) {
          records.push({
            fiscalYear: role.record.fiscalYear,
            kind: role.record.kind,
            asOf: role.record.asOf,
            text,
          });
        }
        return;
      case "start": {
        if (text === "" || isDash(text)) return;
        const fy = parseFiscalYear(text, bounds.startYear);
        if (fy.ok) values.startFiscalYear = fy.value;
        else errors.push({ column: i, message: fy.error });
        return;
      }
      case "year": {
        const label = text.replace(/\s*\n\s*/gu, "\n");
        if (label === "" || isDash(label)) {
          continuing = null;
          return;
        }
        if (/^[→⇒]+$/u.test(label)) {
          // A hand-made sheet marks a label running on with arrows instead of merging.
          if (continuing) continuing.to = role.fiscalYear;
          else warnings.push({ column: i, message: "→ with no label before it; ignored" });
          return;
        }
        const lastColumn = spanOf(i);
        const end = layout.columns[lastColumn]?.role;
        const to = end?.kind === "year" ? end.fiscalYear : role.fiscalYear;
        continuing = { from: role.fiscalYear, to, label: label.replace(/[→⇒]+$/u, "").trim() };
        schedule.push(continuing);
        return;
      }
      case "challenges": {
        const parsed = parseMarkedList(text, CHALLENGES);
        values.challenges = parsed.items.map((x) => x.text);
        if (parsed.unmarked !== "") values.challenges.unshift(parsed.unmarked);
        return;
      }
    }
  });
  values.schedule = schedule;
  values.records = records;
  return { values, relistUnresolved, errors, warnings };
}
