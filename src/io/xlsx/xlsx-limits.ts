import { grouped, IMPORT_LIMITS, overLimit } from "../import/import-limits.js";

/**
 * Checks a workbook's sheets against the import limits by scanning their XML, before the
 * spreadsheet library builds anything: ExcelJS visits every cell of a merged range and of a data
 * validation's range, so a 32 KB file with one range over a whole sheet (A1:XFD1048576) would
 * keep it busy for hours, and a million small rows cost gigabytes. The scan is linear in the
 * sheet's size and stops at the first limit passed.
 */

export interface SheetPart {
  /** The sheet's name as the workbook shows it (or its part name when the workbook does not say). */
  name: string;
  xml: Buffer;
}

const REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A1 or A1:B2 as 1-based bounds; null when it is not a cell reference. */
export function rangeBounds(
  ref: string,
): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = ref.split(":") as [string, string?];
  const first = REF.exec(a);
  const last = REF.exec(b);
  if (!first || !last) return null;
  const [c1, r1, c2, r2] = [
    columnNumber(first[1]!),
    Number(first[2]),
    columnNumber(last[1]!),
    Number(last[2]),
  ];
  return {
    top: Math.min(r1, r2),
    left: Math.min(c1, c2),
    bottom: Math.max(r1, r2),
    right: Math.max(c1, c2),
  };
}

/** Counts the occurrences of a tag's opening (`<row ` or `<row>`), stopping past `stop`. */
function countTags(xml: Buffer, tag: string, stop: number): number {
  const open = Buffer.from(`<${tag}`);
  let n = 0;
  for (let at = xml.indexOf(open); at >= 0 && n <= stop; at = xml.indexOf(open, at + open.length)) {
    const next = xml[at + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09)
      n++;
  }
  return n;
}

/**
 * Refuses, naming the sheet and the limit, a workbook over the import limits.
 *
 * @example
 * checkSheetLimits([{ name: "アクションプラン", xml }], "plan.xlsx");
 */
export function checkSheetLimits(sheets: readonly SheetPart[], source: string): void {
  const L = IMPORT_LIMITS;
  let cells = 0;
  let merged = 0;
  for (const sheet of sheets) {
    const where = `sheet "${sheet.name}"`;
    const rows = countTags(sheet.xml, "row", L.rows);
    if (rows > L.rows)
      throw overLimit(
        source,
        where,
        `more than ${grouped(L.rows)} rows; an import reads at most ${grouped(L.rows)} rows a sheet`,
      );
    cells += countTags(sheet.xml, "c", L.cells - cells);
    if (cells > L.cells)
      throw overLimit(
        source,
        where,
        `the workbook has more than ${grouped(L.cells)} filled cells, the most an import reads`,
      );
    const text = sheet.xml.toString("latin1");
    for (const m of text.matchAll(/<row\b[^>]*?\br="(\d+)"/g)) {
      if (Number(m[1]) > L.rows)
        throw overLimit(
          source,
          `${where}, row ${m[1]}`,
          `the sheet reaches row ${m[1]}; an import reads rows up to ${grouped(L.rows)}`,
        );
    }
    // Merged ranges, and the ranges of data validations (which ExcelJS also expands cell by cell).
    const ranges = [
      ...[...text.matchAll(/<mergeCell\b[^>]*?\bref="([^"]*)"/g)].map((m) => ({
        kind: "merged range",
        refs: m[1]!,
      })),
      ...[...text.matchAll(/<dataValidation\b[^>]*?\bsqref="([^"]*)"/g)].map((m) => ({
        kind: "data validation range",
        refs: m[1]!,
      })),
    ];
    for (const { kind, refs } of ranges) {
      for (const ref of refs.trim().split(/\s+/)) {
        if (ref === "") continue;
        const b = rangeBounds(ref);
        if (!b) throw overLimit(source, where, `the ${kind} "${ref.slice(0, 40)}" is not a cell range`);
        const area = (b.bottom - b.top + 1) * (b.right - b.left + 1);
        if (b.bottom > L.rows || b.right > L.columns || area > L.mergedCells - merged)
          throw overLimit(
            source,
            `${where}, ${kind} ${ref}`,
            `the ${kind} ${ref} covers ${grouped(area)} cells; an import reads ranges within ${grouped(L.rows)} rows and ${grouped(L.columns)} columns, and at most ${grouped(L.mergedCells)} merged cells in all`,
          );
        if (kind === "merged range") merged += area;
      }
    }
  }
}
