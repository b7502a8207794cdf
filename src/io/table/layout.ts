import { parseFiscalYear, parseJapaneseDate } from "../../core/fiscal/index.js";
import { cleanText } from "./cells.js";

/** Where one page's columns are, read from its header rows. */
export interface PageLayout {
  /** Column of 具体的アクション in the detailed header row. */
  nameColumn: number | null;
  /** Schedule columns and their fiscal years, left to right. */
  yearColumns: { column: number; fiscalYear: number }[];
  baseline: RecordHeader | null;
  result: RecordHeader | null;
}

export interface RecordHeader {
  fiscalYear: number;
  asOf: string | null;
  label: string;
}

const HEADER_WORDS =
  /^(計画の体系|基本戦略|具体的施策|具体的アクション|説明|現状|開始年|スケジュール|既存\/新規|重点)/u;

function isYearHeader(cell: string): number | null {
  const c = cleanText(cell);
  if (!/年度$/u.test(c) || c.length > 12) return null;
  const parsed = parseFiscalYear(c);
  return parsed.ok ? parsed.value : null;
}

/** A header row names the columns (具体的アクション, 開始年 …) or lists schedule years. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const words = cells.filter((c) => HEADER_WORDS.test(cleanText(c))).length;
  const years = cells.filter((c) => isYearHeader(c) !== null).length;
  return words >= 2 || years >= 2;
}

/** 現状 (令和5年度末時点まで): the baseline describes FY 2023, as of its last day. */
function baselineHeader(cell: string): RecordHeader | null {
  const c = cleanText(cell);
  if (!c.startsWith("現状")) return null;
  const m = /([^\s()（）※]+?年度)末/u.exec(c);
  if (!m) return null;
  const fy = parseFiscalYear(m[1]!);
  if (!fy.ok) return null;
  return { fiscalYear: fy.value, asOf: `${fy.value + 1}-03-31`, label: c };
}

/** 令和6年度実績 (※令和7年2月末時点): results of FY 2024 as of 2025-02-28. */
function resultHeader(cell: string): RecordHeader | null {
  const c = cleanText(cell);
  const m = /^(\S+?年度)実績/u.exec(c);
  if (!m) return null;
  const fy = parseFiscalYear(m[1]!);
  if (!fy.ok) return null;
  const when = /[（(]※?\s*(.+?)(?:時点|現在)\s*[)）]/u.exec(c);
  const asOf = when ? parseJapaneseDate(when[1]!) : null;
  return { fiscalYear: fy.value, asOf: asOf?.ok ? asOf.value : null, label: c };
}

/**
 * Reads the column layout of a page from its header rows. Anything a page's header does not show
 * is taken from the previous page.
 */
export function readLayout(
  headerRows: readonly (readonly string[])[],
  previous: PageLayout | null,
): PageLayout {
  let nameColumn: number | null = null;
  const yearColumns: { column: number; fiscalYear: number }[] = [];
  let baseline: RecordHeader | null = null;
  let result: RecordHeader | null = null;
  for (const row of headerRows) {
    const detailed = row.some((c) => cleanText(c).startsWith("説明"));
    row.forEach((cell, column) => {
      const c = cleanText(cell);
      if (c === "具体的アクション" && (detailed || nameColumn === null)) nameColumn = column;
      const fy = isYearHeader(c);
      if (fy !== null) yearColumns.push({ column, fiscalYear: fy });
      baseline ??= baselineHeader(c);
      result ??= resultHeader(c);
    });
  }
  yearColumns.sort((a, b) => a.column - b.column);
  return {
    nameColumn: nameColumn ?? previous?.nameColumn ?? null,
    yearColumns: yearColumns.length > 0 ? yearColumns : (previous?.yearColumns ?? []),
    baseline: baseline ?? previous?.baseline ?? null,
    result: result ?? previous?.result ?? null,
  };
}

/**
 * The fiscal year of a schedule cell: the year column at or left of it. A cell right of the last
 * year column belongs to the last year (and the caller warns).
 */
export function yearAt(layout: PageLayout, column: number): { fiscalYear: number; outside: boolean } | null {
  const columns = layout.yearColumns;
  if (columns.length === 0) return null;
  const last = columns[columns.length - 1]!;
  if (column > last.column) return { fiscalYear: last.fiscalYear, outside: true };
  let found = columns[0]!;
  for (const c of columns) if (c.column <= column) found = c;
  return { fiscalYear: found.fiscalYear, outside: column < columns[0]!.column };
}
