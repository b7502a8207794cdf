import {
  cleanText,
  isEmpty,
  isRowNumber,
  looksLikeChallenges,
  marks,
  measureCell,
  newFlag,
  startYearCell,
  strategyCell,
  type MeasureCell,
  type NewFlag,
  type StrategyCell,
} from "./cells.js";

/** One content row of the table, its cells recognised but not yet tied to the plan. */
export interface RawRow {
  /** 1-based line (text) or row (sheet) number in the source. */
  line: number;
  visibleNumber: number | null;
  strategy: StrategyCell | null;
  measure: MeasureCell | null;
  flag: NewFlag | null;
  priority: boolean;
  relist: boolean;
  /** Null for a row that only repeats left-hand cells (no name, no description). */
  name: string | null;
  nameColumn: number | null;
  description: string;
  baseline: string;
  result: string;
  startYear: { year: number | null; error?: string; text: string };
  labels: { column: number; text: string }[];
  challenges: string;
  /** Cells the reader could not place, for warnings. */
  stray: { column: number; text: string }[];
}

function startsDescription(cell: string): boolean {
  return /^[●○]/u.test(cell.trim());
}

/**
 * Reads one content row. The left-hand cells (number, strategy, measure, 既存/新規, ◎, 再掲) are
 * recognised by content wherever they sit; the name is the first cell that is none of those, and
 * the description, baseline, result and start year follow it in that order. After those come the
 * schedule labels and, last, the challenges.
 */
export function readRow(cells: readonly string[], line: number): RawRow {
  const row: RawRow = {
    line,
    visibleNumber: null,
    strategy: null,
    measure: null,
    flag: null,
    priority: false,
    relist: false,
    name: null,
    nameColumn: null,
    description: "",
    baseline: "",
    result: "",
    startYear: { year: null, text: "" },
    labels: [],
    challenges: "",
    stray: [],
  };
  let relistColumn: number | null = null;
  let seenAny = false;
  let i = 0;
  for (; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isEmpty(cell)) continue;
    if (!seenAny && i <= 1 && isRowNumber(cell)) {
      row.visibleNumber = Number(cell.trim());
      seenAny = true;
      continue;
    }
    seenAny = true;
    const strategy = row.name === null ? strategyCell(cell) : null;
    if (strategy) {
      row.strategy = strategy;
      if (strategy.rest !== "") row.measure = measureCell(strategy.rest, false);
      continue;
    }
    const measure = measureCell(cell);
    if (measure) {
      row.measure = measure;
      continue;
    }
    const flag = newFlag(cell);
    if (flag) {
      row.flag = flag;
      continue;
    }
    const mark = marks(cell);
    if (mark) {
      row.priority ||= mark.priority;
      if (mark.relist) {
        row.relist = true;
        relistColumn = i;
      }
      continue;
    }
    break;
  }
  if (i >= cells.length) return row;

  // A 再掲 row whose name cell was lost reads "再掲" where the name was, then the description.
  let n = i;
  if (row.relist && startsDescription(cells[i]!)) {
    n = relistColumn ?? i - 1;
    row.name = "";
  } else {
    row.name = cleanText(cells[i]!);
  }
  row.nameColumn = n;
  row.description = cells[n + 1] ?? "";
  row.baseline = cells[n + 2] ?? "";
  row.result = cells[n + 3] ?? "";

  let next = n + 4;
  const startText = cells[n + 4] ?? "";
  const start = startYearCell(startText);
  if (start) {
    row.startYear = { ...start, text: cleanText(startText) };
    next = n + 5;
  }

  const rest: { column: number; text: string }[] = [];
  for (let c = next; c < cells.length; c++) {
    if (!isEmpty(cells[c])) rest.push({ column: c, text: cells[c]!.trim() });
  }
  const last = rest[rest.length - 1];
  if (last && looksLikeChallenges(last.text)) {
    row.challenges = last.text;
    rest.pop();
  }
  for (const cell of rest) {
    if (looksLikeChallenges(cell.text)) row.stray.push(cell);
    else row.labels.push(cell);
  }
  return row;
}
