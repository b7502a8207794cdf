import { fiscalYearOf, formatFiscalYear, formatJapaneseDate } from "../../core/fiscal/index.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";

/**
 * The columns of the city's official action-plan table, derived from a plan: the fiscal years of
 * its schedule, the years and as-of dates of its records. Nothing here is specific to one city.
 */

export interface RecordColumn {
  kind: "baseline" | "result";
  fiscalYear: number;
  /** The as-of date the header states (records with another date keep theirs in the metadata sheet). */
  asOf: string | null;
}

export type ColumnRole =
  | { kind: "number" }
  | { kind: "strategy" }
  | { kind: "measure" }
  | { kind: "flag" }
  | { kind: "marks" }
  | { kind: "name" }
  | { kind: "description" }
  | { kind: "record"; record: RecordColumn }
  | { kind: "start" }
  | { kind: "year"; fiscalYear: number }
  | { kind: "challenges" }
  /** A column the reader does not know (kept out of the plan, with a warning). */
  | { kind: "other" };

export interface SheetColumn {
  role: ColumnRole;
  header: string;
  /** Excel column width (characters of the default font). */
  width: number;
}

export interface SheetLayout {
  columns: SheetColumn[];
  /** The plan's fiscal years, in column order. */
  years: number[];
  /** The year from which the challenges column looks ahead (令和7年度以降の…). */
  challengesFrom: number;
}

export const GROUPS = {
  system: "計画の体系",
  action: "具体的アクション",
  schedule: "スケジュール",
} as const;

/** The header of a baseline column: 現状 (令和5年度末時点まで). */
export function baselineHeader(fiscalYear: number): string {
  return `現状 (${formatFiscalYear(fiscalYear)}末時点まで)`;
}

/** The header of a results column: 令和6年度実績 (※令和7年2月末時点). */
export function resultHeader(fiscalYear: number, asOf: string | null): string {
  const when = asOf ? ` (※${formatJapaneseDate(asOf, { monthEnd: true })}時点)` : "";
  return `${formatFiscalYear(fiscalYear)}実績${when}`;
}

export function challengesHeader(fromYear: number): string {
  return `${formatFiscalYear(fromYear)}以降の事業実施における課題・取り組むべきこと`;
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && (v ?? "") < (best ?? ""))) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** One column per (kind, fiscal year) the plan's records use; the official pair when it has none. */
function recordColumns(doc: PlanDocument): RecordColumn[] {
  const found = new Map<
    string,
    { kind: RecordColumn["kind"]; fiscalYear: number; dates: (string | null)[] }
  >();
  for (const a of doc.actions) {
    for (const r of a.records) {
      const key = `${r.kind}:${r.fiscalYear}`;
      const entry = found.get(key) ?? { kind: r.kind, fiscalYear: r.fiscalYear, dates: [] };
      entry.dates.push(r.asOf);
      found.set(key, entry);
    }
  }
  // A baseline header states only its year (現状 (令和5年度末時点まで)): its date is that year's end.
  const columns = [...found.values()].map((e) => ({
    kind: e.kind,
    fiscalYear: e.fiscalYear,
    asOf: e.kind === "baseline" ? `${e.fiscalYear + 1}-03-31` : mostCommon(e.dates),
  }));
  const first = doc.plan.fiscalYears.from;
  if (!columns.some((c) => c.kind === "baseline")) {
    columns.push({ kind: "baseline", fiscalYear: first - 1, asOf: `${first}-03-31` });
  }
  if (!columns.some((c) => c.kind === "result")) {
    columns.push({ kind: "result", fiscalYear: fiscalYearOf(doc.plan.asOf), asOf: doc.plan.asOf });
  }
  return columns.sort((a, b) =>
    a.kind === b.kind ? a.fiscalYear - b.fiscalYear : a.kind === "baseline" ? -1 : 1,
  );
}

/**
 * The sheet's columns for a plan, left to right, with the headers the city prints.
 *
 * @example
 * layoutForPlan(kadoma).columns.map((c) => c.header) // ["No.", "基本戦略", …, "R6年度", …]
 */
export function layoutForPlan(doc: PlanDocument): SheetLayout {
  const { from, to } = doc.plan.fiscalYears;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const challengesFrom = fiscalYearOf(doc.plan.asOf) + 1;
  const columns: SheetColumn[] = [
    { role: { kind: "number" }, header: "No.", width: 5 },
    { role: { kind: "strategy" }, header: "基本戦略", width: 14 },
    { role: { kind: "measure" }, header: "具体的施策", width: 16 },
    { role: { kind: "flag" }, header: `既存/新規 (${formatFiscalYear(from - 1)}末時点)`, width: 8 },
    { role: { kind: "marks" }, header: "重点アクション", width: 8 },
    { role: { kind: "name" }, header: "具体的アクション", width: 28 },
    {
      role: { kind: "description" },
      header: "説明 (●すでに実施中のアクション/○これからのアクション)",
      width: 44,
    },
    ...recordColumns(doc).map((record): SheetColumn => ({
      role: { kind: "record", record },
      header:
        record.kind === "baseline"
          ? baselineHeader(record.fiscalYear)
          : resultHeader(record.fiscalYear, record.asOf),
      width: 40,
    })),
    { role: { kind: "start" }, header: "開始年", width: 10 },
    ...years.map((fiscalYear): SheetColumn => ({
      role: { kind: "year", fiscalYear },
      header: formatFiscalYear(fiscalYear, "short"),
      width: 9,
    })),
    { role: { kind: "challenges" }, header: challengesHeader(challengesFrom), width: 40 },
  ];
  return { columns, years, challengesFrom };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
