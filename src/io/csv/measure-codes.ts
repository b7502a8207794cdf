import type { Issue } from "../../core/errors.js";

/**
 * A spreadsheet that opens the CSV turns a measure code such as `1-1` into a date and, when the
 * file is saved again, writes the date: `Jan 01` (LibreOffice), `1月1日` (Excel in Japan),
 * `2025/1/1`, `1/1`, `1-Jan`. The code is recovered only where the row itself makes it certain:
 * the date's month and day must give a code of the row's strategy (基本戦略コード), and the row's
 * measure name must not say otherwise (another row naming the same measure with an intact code,
 * or another measure holding that code). Anything else is refused, naming the row and column.
 */

const CODE = /^\d+-\d+$/u;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The month and day a spreadsheet shows for a date, if the text is one; null otherwise. */
export function dateParts(text: string): { month: number; day: number } | null {
  const t = text.normalize("NFKC").trim();
  const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  let m = /^(?:\d{4}\s*[/.\-年]\s*)?(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?$/u.exec(t);
  if (m) return { month: Number(m[1]), day: Number(m[2]) };
  m = /^([A-Za-z]{3,9})[\s\-.]+(\d{1,2})(?:[\s,\-]+\d{2,4})?$/u.exec(t); // Jan 01, Jan-01, Jan 1, 2025
  if (m && month(m[1]!) > 0) return { month: month(m[1]!), day: Number(m[2]) };
  m = /^(\d{1,2})[\s\-.]+([A-Za-z]{3,9})(?:[\s\-.]+\d{2,4})?$/u.exec(t); // 1-Jan, 01-Jan-25
  if (m && month(m[2]!) > 0) return { month: month(m[2]!), day: Number(m[1]) };
  return null;
}

export interface CodeCell {
  /** The spreadsheet's row number (for messages). */
  row: number;
  code: string;
  strategy: string;
  /** The measure's name in the same row ("" when the file has no such column). */
  measure: string;
}

/**
 * Gives every row its measure code: intact codes as they are, dates recovered where certain.
 * Returns the codes by row, and the problems (refusals) and notes (each recovery) found.
 *
 * @example
 * recoverMeasureCodes([{ row: 2, code: "1月1日", strategy: "1", measure: "デジタル化" }], place)
 * // → codes ["1-1"], a note that 1月1日 was read as 1-1
 */
export function recoverMeasureCodes(
  cells: readonly CodeCell[],
  place: (row: number) => string,
): { codes: string[]; errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const intactCodeOf = new Map<string, Set<string>>();
  const nameOfCode = new Map<string, string>();
  for (const c of cells) {
    if (!CODE.test(c.code)) continue;
    if (!intactCodeOf.has(c.measure)) intactCodeOf.set(c.measure, new Set());
    intactCodeOf.get(c.measure)!.add(c.code);
    if (!nameOfCode.has(c.code)) nameOfCode.set(c.code, c.measure);
  }
  const recovered = new Map<string, string>(); // code → measure name, for recovered rows
  const codes = cells.map((c) => {
    const parts = CODE.test(c.code) ? null : dateParts(c.code);
    if (!parts) return c.code;
    const shown = JSON.stringify(c.code);
    const refuse = (why: string) => {
      errors.push({
        path: place(c.row),
        message: `${shown} looks like the measure code a spreadsheet turned into a date, but ${why}; write the code as text (e.g. 1-1) and import again`,
      });
      return c.code;
    };
    // Month-day is how a spreadsheet reads 1-2; the other order only where the strategy demands it.
    const candidates = [...new Set([`${parts.month}-${parts.day}`, `${parts.day}-${parts.month}`])].filter(
      (code) => c.strategy !== "" && code.split("-")[0] === c.strategy,
    );
    if (candidates.length !== 1)
      return refuse(
        c.strategy === ""
          ? "the row gives no strategy code (基本戦略コード) to tell which code it was"
          : `no code of strategy ${c.strategy} reads as that date`,
      );
    const code = candidates[0]!;
    const intact = intactCodeOf.get(c.measure);
    if (intact && c.measure !== "" && !intact.has(code))
      return refuse(`another row names the measure "${c.measure}" with the code ${[...intact].join(", ")}`);
    const holder = nameOfCode.get(code) ?? recovered.get(code);
    if (holder !== undefined && holder !== c.measure)
      return refuse(`the code ${code} belongs to the measure "${holder}" on another row`);
    recovered.set(code, c.measure);
    warnings.push({
      path: place(c.row),
      message: `${shown} was the measure code ${code}, turned into a date by a spreadsheet; read as ${code}`,
    });
    return code;
  });
  return { codes, errors, warnings };
}
