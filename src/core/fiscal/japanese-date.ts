import { ERAS, findEra, type Era } from "./era.js";
import type { ParseResult } from "./fiscal-year.js";
import { parseFiscalYear } from "./fiscal-year.js";

const ERA_ALTERNATION = ERAS.map((e) => e.name).join("|");
const LETTERS = ERAS.map((e) => e.letter).join("");

// 令和7年2月28日 / 令和7年2月末 / R7.2.28 / R7/2/末
const ERA_DATE = new RegExp(
  `^(${ERA_ALTERNATION}|[${LETTERS}])\\.?(元|\\d{1,4})[年./-](\\d{1,2})[月./-]?(末|\\d{1,2})日?$`,
  "i",
);
// 2025年2月28日 / 2025-02-28 / 2025/2/末
const WESTERN_DATE = /^(\d{4})[年./-](\d{1,2})[月./-]?(末|\d{1,2})日?$/;
// 令和5年度末 / 2023年度末
const FISCAL_YEAR_END = /^(.+年度)末$/;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function build(year: number, month: number, dayText: string, original: string): ParseResult<string> {
  // An ISO date has a four-digit year: 0000 and years past 9999 cannot be written as one.
  if (year < 1 || year > 9999) return { ok: false, error: `"${original}": year ${year} is out of range` };
  if (month < 1 || month > 12) return { ok: false, error: `"${original}": month ${month} does not exist` };
  const last = daysInMonth(year, month);
  const day = dayText === "末" ? last : Number(dayText);
  if (day < 1 || day > last) {
    return { ok: false, error: `"${original}": ${year}-${pad(month)} has no day ${day}` };
  }
  return { ok: true, value: `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}` };
}

function withinEra(era: Era, iso: string, original: string): ParseResult<string> {
  const index = ERAS.indexOf(era);
  const next = index > 0 ? ERAS[index - 1] : undefined;
  if (iso < era.start) {
    return { ok: false, error: `"${original}" is before ${era.name} began (${era.start})` };
  }
  if (next && iso >= next.start) {
    return {
      ok: false,
      error: `"${original}" is after ${era.name} ended (${next.name} began ${next.start})`,
    };
  }
  return { ok: true, value: iso };
}

/**
 * Reads a calendar date written in Japanese or ISO form into an ISO date.
 *
 * @example
 * parseJapaneseDate("令和7年2月末")   // { ok: true, value: "2025-02-28" }
 * parseJapaneseDate("令和5年度末")    // { ok: true, value: "2024-03-31" }
 * parseJapaneseDate("令和元年4月1日") // { ok: false, … before 令和 began }
 */
export function parseJapaneseDate(text: string): ParseResult<string> {
  const original = text.trim();
  const s = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/(時点|現在|まで)$/u, "");
  if (s === "") return { ok: false, error: "empty: expected a date such as 令和7年2月末 or 2025-02-28" };

  const fyEnd = FISCAL_YEAR_END.exec(s);
  if (fyEnd) {
    const fy = parseFiscalYear(fyEnd[1]!);
    if (!fy.ok) return fy;
    if (fy.value >= 9999)
      return { ok: false, error: `"${original}": the year after FY ${fy.value} is out of range` };
    return { ok: true, value: `${fy.value + 1}-03-31` };
  }
  const era = ERA_DATE.exec(s);
  if (era) {
    const found = findEra(era[1]!);
    if (!found) return { ok: false, error: `unknown era in "${original}"` };
    const eraYear = era[2] === "元" ? 1 : Number(era[2]);
    if (eraYear < 1) return { ok: false, error: `"${original}": era years start at 1 (元年)` };
    const date = build(found.firstYear + eraYear - 1, Number(era[3]), era[4]!, original);
    return date.ok ? withinEra(found, date.value, original) : date;
  }
  const western = WESTERN_DATE.exec(s);
  if (western) return build(Number(western[1]), Number(western[2]), western[3]!, original);
  return {
    ok: false,
    error: `"${original}" is not a date (expected forms like 令和7年2月末, 令和7年2月28日, 2025-02-28)`,
  };
}

/**
 * 2025-02-28 → 令和7年2月28日 (the era in force on that day); with `monthEnd`, the last day of a
 * month is written as tables write it: 令和7年2月末.
 *
 * @example
 * formatJapaneseDate("2025-02-28", { monthEnd: true }) // "令和7年2月末"
 */
export function formatJapaneseDate(iso: string, options: { monthEnd?: boolean } = {}): string {
  const era = ERAS.find((e) => e.start <= iso) ?? ERAS[ERAS.length - 1]!;
  const year = Number(iso.slice(0, 4)) - era.firstYear + 1;
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const dayText = options.monthEnd && day === daysInMonth(Number(iso.slice(0, 4)), month) ? "末" : `${day}日`;
  return `${era.name}${year === 1 ? "元" : year}年${month}月${dayText}`;
}
