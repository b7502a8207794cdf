/**
 * Row heights for wrapped text. Spreadsheet programs do not agree on fitting rows to wrapped text
 * when a file is opened (LibreOffice often does not), so the writer sets heights itself: the
 * number of lines the longest cell wraps to, at the table's font size.
 */

/** Display width in half-width units: CJK and full-width characters count 2. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xff9f) ? 2 : 1;
  }
  return w;
}

/** Lines a text wraps to in a column `width` characters wide (Excel's unit: the default font's digit). */
export function wrappedLines(text: string, width: number, fontSize: number): number {
  // A column of width w fits about w digits of the 11-point default font; a 9-point font fits more.
  const capacity = Math.max(1, Math.floor((width * 11) / fontSize) - 1);
  return text
    .split("\n")
    .reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / capacity)), 0);
}

/** Points for a row whose cells wrap to `lines` lines. Excel caps rows at 409 points. */
export function heightForLines(lines: number, fontSize: number): number {
  return Math.min(409, Math.ceil(lines * fontSize * 1.45 + 6));
}
