import { parseFiscalYear, parseJapaneseDate } from "../../core/fiscal/index.js";
import type { Issue } from "../../core/errors.js";
import { isHeaderRow } from "../table/layout.js";
import { columnLetter, type ColumnRole, type SheetColumn, type SheetLayout } from "./xlsx-layout.js";
import { shownAt, type Grid } from "./xlsx-grid.js";
import { REVIEW_HEADER_MARK } from "./xlsx-review.js";

/**
 * Finds the official table's header in a sheet and tells each column's role from its header text
 * (not its position), so a city's own sheet in the same layout reads too.
 */

export interface FoundHeader {
  layout: SheetLayout;
  /** 0-based index of the first row below the header. */
  firstDataRow: number;
  title: string | null;
  asOf: string | null;
  errors: Issue[];
  warnings: Issue[];
}

const compact = (s: string) => s.normalize("NFKC").replace(/\s+/gu, "");

function yearOf(text: string, place: string, errors: Issue[]): number | null {
  const fy = parseFiscalYear(text, { min: 1989 });
  if (fy.ok) return fy.value;
  errors.push({ path: place, message: `the header "${text}": ${fy.error}` });
  return null;
}

function roleOf(header: string, place: string, errors: Issue[]): ColumnRole | null {
  const h = compact(header);
  if (h === "") return null;
  // A review year's columns (xlsx-review.ts) are not the table's own, though they say 実績 and 課題.
  if (h.startsWith(REVIEW_HEADER_MARK)) return null;
  if (/^(No\.?|NO\.?|№|番号|通し番号)$/iu.test(h)) return { kind: "number" };
  if (h.startsWith("基本戦略")) return { kind: "strategy" };
  if (h.startsWith("具体的施策")) return { kind: "measure" };
  if (/^(既存[/・／]新規|新規[/・／]既存)/u.test(h)) return { kind: "flag" };
  if (h.startsWith("重点")) return { kind: "marks" };
  if (h === "具体的アクション" || h === "アクション名") return { kind: "name" };
  if (h.startsWith("説明")) return { kind: "description" };
  if (h.startsWith("開始年")) return { kind: "start" };
  if (h.startsWith("現状")) {
    const m = /[(（](.+?年度)末/u.exec(h);
    const fy = m ? yearOf(m[1]!, place, errors) : null;
    if (m && fy === null) return null;
    return {
      kind: "record",
      record: {
        kind: "baseline",
        fiscalYear: fy ?? Number.NaN,
        asOf: fy === null ? null : `${fy + 1}-03-31`,
      },
    };
  }
  const result = /^(.+?年度)実績/u.exec(h);
  if (result) {
    const fy = yearOf(result[1]!, place, errors);
    if (fy === null) return null;
    const when = /[(（]※?(.+?)(?:時点|現在)[)）]/u.exec(h);
    let asOf: string | null = null;
    if (when) {
      const date = parseJapaneseDate(when[1]!);
      if (date.ok) asOf = date.value;
      else errors.push({ path: place, message: `the header "${header.trim()}": ${date.error}` });
    }
    return { kind: "record", record: { kind: "result", fiscalYear: fy, asOf } };
  }
  if (h.includes("課題")) return { kind: "challenges" };
  if (/年度$/u.test(h) && h.length <= 12) {
    const fy = yearOf(h, place, errors);
    return fy === null ? null : { kind: "year", fiscalYear: fy };
  }
  return null;
}

/**
 * Reads the header of the table sheet. `place(row, column)` names a cell for messages.
 */
export function findHeader(grid: Grid, place: (row: number, column?: number) => string): FoundHeader | null {
  const first = grid.cells.findIndex((cells) => isHeaderRow(cells));
  if (first < 0) return null;
  let last = first;
  while (last + 1 < grid.cells.length && last - first < 2 && isHeaderRow(grid.cells[last + 1]!)) last++;
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const width = Math.max(...grid.cells.slice(first, last + 1).map((r) => r.length));
  const columns: SheetColumn[] = [];
  for (let c = 0; c < width; c++) {
    // The lowest header cell with text names the column (No. and 課題 are merged down from above).
    let header = "";
    let at = last;
    for (; at >= first && header === ""; at--) header = shownAt(grid, at, c).trim();
    const before = errors.length;
    const role = header === "" ? null : roleOf(header, place(at + 1, c), errors);
    if (!role && header !== "" && errors.length === before) {
      warnings.push({
        path: place(at + 1, c),
        message: `the column "${header}" is not part of the table's layout; ignored`,
      });
    }
    columns.push({ role: role ?? { kind: "other" }, header: header.trim(), width: 0 });
  }
  // An unnumbered first column left of 基本戦略 holds the numbers, as in the city's printed table.
  const strategy = columns.findIndex((c) => c.role.kind === "strategy");
  if (strategy === 1 && columns[0]!.role.kind === "other" && !columns.some((c) => c.role.kind === "number")) {
    columns[0] = { role: { kind: "number" }, header: "No.", width: 0 };
  }
  const years = columns.flatMap((c) => (c.role.kind === "year" ? [c.role.fiscalYear] : []));
  years.forEach((fy, i) => {
    if (i > 0 && fy !== years[i - 1]! + 1) {
      const at = columns.findIndex((c) => c.role.kind === "year" && c.role.fiscalYear === fy);
      errors.push({
        path: place(last, at),
        message: `the schedule years must follow each other: FY ${years[i - 1]} is followed by FY ${fy}`,
      });
    }
  });
  for (const c of columns) {
    if (c.role.kind === "record" && Number.isNaN(c.role.record.fiscalYear)) {
      const fy = (years[0] ?? Number.NaN) - 1;
      c.role = { kind: "record", record: { kind: "baseline", fiscalYear: fy, asOf: `${fy + 1}-03-31` } };
    }
  }
  let title: string | null = null;
  let asOf: string | null = null;
  for (let r = 0; r < first; r++) {
    for (const text of grid.cells[r] ?? []) {
      const t = text.trim();
      if (t === "") continue;
      const date = /時点$|現在$/u.test(t) ? parseJapaneseDate(t) : null;
      if (date?.ok) asOf = date.value;
      else if (date)
        errors.push({ path: place(r, (grid.cells[r] ?? []).indexOf(text)), message: date.error });
      else title ??= t;
    }
  }
  const challenges = columns.find((c) => c.role.kind === "challenges");
  const lookAhead = challenges ? /^(.+?年度)以降/u.exec(compact(challenges.header)) : null;
  const challengesFrom = lookAhead ? parseFiscalYear(lookAhead[1]!) : null;
  return {
    layout: {
      columns,
      years,
      challengesFrom: challengesFrom?.ok ? challengesFrom.value : (years[0] ?? 0) + 1,
    },
    firstDataRow: last + 1,
    title,
    asOf,
    errors,
    warnings,
  };
}

export { columnLetter };
