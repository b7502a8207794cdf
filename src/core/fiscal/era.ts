/**
 * The Japanese eras shinko understands, newest first. `start` is the first day of the era;
 * an era ends the day before the next one starts.
 */
export interface Era {
  readonly name: string;
  readonly romaji: string;
  /** One-letter abbreviation used in tables: R6, H30. */
  readonly letter: string;
  /** Western year of the era's first year (元年). */
  readonly firstYear: number;
  /** First day of the era, ISO date. */
  readonly start: string;
}

export const ERAS: readonly Era[] = [
  { name: "令和", romaji: "Reiwa", letter: "R", firstYear: 2019, start: "2019-05-01" },
  { name: "平成", romaji: "Heisei", letter: "H", firstYear: 1989, start: "1989-01-08" },
  { name: "昭和", romaji: "Showa", letter: "S", firstYear: 1926, start: "1926-12-25" },
  { name: "大正", romaji: "Taisho", letter: "T", firstYear: 1912, start: "1912-07-30" },
  { name: "明治", romaji: "Meiji", letter: "M", firstYear: 1868, start: "1868-10-23" },
];

/** The last day of an era (ISO date), or null for the current era. */
export function eraEnd(era: Era): string | null {
  const index = ERAS.indexOf(era);
  if (index <= 0) return null;
  const next = ERAS[index - 1]!;
  return addDays(next.start, -1);
}

/** The last era year that exists (平成31, 昭和64), or null for the current era. */
export function lastEraYear(era: Era): number | null {
  const end = eraEnd(era);
  return end === null ? null : Number(end.slice(0, 4)) - era.firstYear + 1;
}

export function findEra(nameOrLetter: string): Era | undefined {
  const key = nameOrLetter.toUpperCase();
  return ERAS.find((e) => e.name === nameOrLetter || e.letter === key);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
