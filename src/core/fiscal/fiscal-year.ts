import { ERAS, findEra, lastEraYear, type Era } from "./era.js";

/**
 * Fiscal years (年度) and Japanese eras, in one place.
 *
 * A Japanese fiscal year runs from April to March and is named by the calendar year it starts
 * in: FY 2024 = 令和6年度 = 2024-04-01 … 2025-03-31. Everything in shinko stores western fiscal
 * years as integers and ISO dates as strings; this module turns text into those and back.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface YearBounds {
  /** Smallest fiscal year accepted (inclusive). */
  min?: number;
  /** Largest fiscal year accepted (inclusive). */
  max?: number;
}

const ERA_ALTERNATION = ERAS.map((e) => e.name).join("|");
const LETTERS = ERAS.map((e) => e.letter).join("");

const ERA_YEAR = new RegExp(`^(${ERA_ALTERNATION}|[${LETTERS}])\\.?(元|\\d{1,4})(?:年度?)?$`, "i");
const WESTERN_YEAR = /^(?:FY)?(\d{4})(?:年度?)?$/i;

/** NFKC (full-width digits and letters to ASCII), no whitespace, no trailing 時点/現在/まで. */
function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/(時点|現在|まで)$/u, "");
}

function eraYearToWestern(era: Era, eraYearText: string): ParseResult<number> {
  const eraYear = eraYearText === "元" ? 1 : Number(eraYearText);
  if (eraYear < 1) {
    return { ok: false, error: `${era.name}${eraYear}年 does not exist: era years start at 1 (元年)` };
  }
  const last = lastEraYear(era);
  if (last !== null && eraYear > last) {
    return {
      ok: false,
      error: `${era.name}${eraYear}年 does not exist: ${era.name} ended in its year ${last} (${era.firstYear + last - 1})`,
    };
  }
  const year = era.firstYear + eraYear - 1;
  // Western years have four digits: a year past 9999 could not be written back as one.
  if (year > 9999)
    return { ok: false, error: `${era.name}${eraYear}年 is not a plausible fiscal year (FY ${year})` };
  return { ok: true, value: year };
}

function checkBounds(year: number, original: string, bounds: YearBounds): ParseResult<number> {
  if (bounds.min !== undefined && year < bounds.min) {
    return {
      ok: false,
      error: `"${original}" is FY ${year}, before the earliest accepted year ${bounds.min}`,
    };
  }
  if (bounds.max !== undefined && year > bounds.max) {
    return { ok: false, error: `"${original}" is FY ${year}, after the latest accepted year ${bounds.max}` };
  }
  return { ok: true, value: year };
}

/**
 * Reads a fiscal year written the way Japanese documents write it.
 *
 * @example
 * parseFiscalYear("令和元年度")  // { ok: true, value: 2019 }
 * parseFiscalYear("H30")        // { ok: true, value: 2018 }
 * parseFiscalYear("令和0年度")  // { ok: false, error: "令和0年 does not exist: …" }
 */
export function parseFiscalYear(text: string, bounds: YearBounds = {}): ParseResult<number> {
  const original = text.trim();
  const s = normalize(text);
  if (s === "") {
    return { ok: false, error: "empty: expected a fiscal year such as 令和6年度, R6 or 2024年度" };
  }
  const era = ERA_YEAR.exec(s);
  if (era) {
    const found = findEra(era[1]!);
    if (!found) return { ok: false, error: `unknown era in "${original}"` };
    const western = eraYearToWestern(found, era[2]!);
    return western.ok ? checkBounds(western.value, original, bounds) : western;
  }
  const western = WESTERN_YEAR.exec(s);
  if (western) {
    const year = Number(western[1]);
    if (year < 1868) {
      return { ok: false, error: `"${original}" is not a plausible fiscal year` };
    }
    return checkBounds(year, original, bounds);
  }
  return {
    ok: false,
    error: `"${original}" is not a fiscal year (expected forms like 令和6年度, 令和元年度, R6, H30, 2024年度)`,
  };
}

/** Like {@link parseFiscalYear} but throws a RangeError with the message. */
export function fiscalYear(text: string, bounds?: YearBounds): number {
  const result = parseFiscalYear(text, bounds);
  if (!result.ok) throw new RangeError(result.error);
  return result.value;
}

/** The era a fiscal year is named after: the newest era that began in calendar year `fy` or earlier
 * (so FY 2019 is 令和元年度, as the government writes it, and FY 1989 is 平成元年度). */
export function eraOfFiscalYear(fy: number): { era: Era; year: number } {
  const era = ERAS.find((e) => e.firstYear <= fy) ?? ERAS[ERAS.length - 1]!;
  return { era, year: fy - era.firstYear + 1 };
}

export type FiscalYearStyle = "era" | "western" | "short" | "fy";

/**
 * Writes a fiscal year.
 *
 * @example
 * formatFiscalYear(2024)            // "令和6年度"
 * formatFiscalYear(2024, "western") // "2024年度"
 * formatFiscalYear(2024, "short")   // "R6年度"
 * formatFiscalYear(2024, "fy")      // "FY2024"
 */
export function formatFiscalYear(fy: number, style: FiscalYearStyle = "era"): string {
  switch (style) {
    case "western":
      return `${fy}年度`;
    case "fy":
      return `FY${fy}`;
    case "short": {
      const { era, year } = eraOfFiscalYear(fy);
      return `${era.letter}${year}年度`;
    }
    case "era": {
      const { era, year } = eraOfFiscalYear(fy);
      return `${era.name}${year === 1 ? "元" : year}年度`;
    }
  }
}

/** First and last day of a fiscal year. */
export function fiscalYearSpan(fy: number): { start: string; end: string } {
  return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
}

/** The fiscal year a date (ISO, or a Date) falls in. */
export function fiscalYearOf(date: string | Date): number {
  const iso = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** The current fiscal year in Japan (UTC+9) for a clock reading. */
export function currentFiscalYear(now: Date = new Date()): number {
  const tokyo = new Date(now.getTime() + 9 * 3600 * 1000);
  return fiscalYearOf(tokyo.toISOString().slice(0, 10));
}
