import {
  eraOfFiscalYear,
  formatFiscalYear,
  formatJapaneseDate,
  japanDateTime,
} from "../../../core/fiscal/index.js";
import type { Lang } from "./i18n.js";

/**
 * Fiscal years and dates as the pages write them, in both languages. All era arithmetic is in
 * src/core/fiscal; this only chooses the forms.
 */
export interface Formats {
  /** 令和6年度 / FY2024 */
  fy(fy: number): string;
  /** 令和6年度（2024年度） / FY2024 (令和6年度) */
  fyBoth(fy: number): string;
  /** Two lines for a column header: ["令和6年度", "2024"] / ["FY2024", "Reiwa 6"] */
  fyHeader(fy: number): [string, string];
  /** The short form of the city's table: ["R6年度", "2024"] / ["FY2024", "R6"] */
  fyHeaderShort(fy: number): [string, string];
  /** 令和6年度〜令和10年度（2024〜2028年度） */
  fySpan(from: number, to: number): string;
  /** 令和7年2月28日 / 28 February 2025 */
  date(iso: string): string;
  /** 1,234 */
  number(n: number): string;
  /** 107.1% (at most one decimal) */
  percent(n: number): string;
  /** A moment in Japan's time: 令和8年3月20日 18:05 / 20 March 2026, 18:05 JST */
  dateTime(timestamp: string): string;
  /** An aside in brackets: （…） in Japanese, (…) in English. */
  paren(text: string): string;
}

const englishDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function eraRomaji(fy: number): string {
  const { era, year } = eraOfFiscalYear(fy);
  return `${era.romaji} ${year}`;
}

const JA: Formats = {
  fy: (fy) => formatFiscalYear(fy, "era"),
  fyBoth: (fy) => `${formatFiscalYear(fy, "era")}（${formatFiscalYear(fy, "western")}）`,
  fyHeader: (fy) => [formatFiscalYear(fy, "era"), String(fy)],
  fyHeaderShort: (fy) => [formatFiscalYear(fy, "short"), String(fy)],
  fySpan: (from, to) =>
    from === to
      ? JA.fyBoth(from)
      : `${formatFiscalYear(from, "era")}〜${formatFiscalYear(to, "era")}（${from}〜${formatFiscalYear(to, "western")}）`,
  date: (iso) => formatJapaneseDate(iso),
  number: (n) => n.toLocaleString("ja-JP"),
  percent: (n) => `${n.toLocaleString("ja-JP", { maximumFractionDigits: 1 })}%`,
  dateTime: (timestamp) => {
    const { date, time } = japanDateTime(timestamp);
    return `${formatJapaneseDate(date)} ${time}`;
  },
  paren: (text) => `（${text}）`,
};

const EN: Formats = {
  fy: (fy) => formatFiscalYear(fy, "fy"),
  fyBoth: (fy) => `${formatFiscalYear(fy, "fy")} (${formatFiscalYear(fy, "era")})`,
  fyHeader: (fy) => [formatFiscalYear(fy, "fy"), eraRomaji(fy)],
  fyHeaderShort: (fy) => [formatFiscalYear(fy, "fy"), formatFiscalYear(fy, "short").replace("年度", "")],
  fySpan: (from, to) =>
    from === to
      ? EN.fyBoth(from)
      : `${formatFiscalYear(from, "fy")}–${formatFiscalYear(to, "fy")} (${formatFiscalYear(from, "era")}〜${formatFiscalYear(to, "era")})`,
  date: (iso) => englishDate.format(new Date(`${iso}T00:00:00Z`)),
  number: (n) => n.toLocaleString("en-GB"),
  percent: (n) => `${n.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`,
  dateTime: (timestamp) => {
    const { date, time } = japanDateTime(timestamp);
    return `${EN.date(date)}, ${time} JST`;
  },
  paren: (text) => ` (${text})`,
};

export function formats(lang: Lang): Formats {
  return lang === "ja" ? JA : EN;
}
