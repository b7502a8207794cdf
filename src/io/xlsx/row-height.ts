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
  // A column of width w is about 8w pixels in Excel's Japanese default font; a full-width character
  // of an n-point font is 4n/3 pixels, half-width ones half that: about 1.35 half-width characters
  // per unit at 9 points. (LibreOffice fits some more, so its rows show a little spare room.)
  const capacity = Math.max(1, Math.floor((width * 1.35 * 9) / fontSize));
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / capacity)), 0);
}

/** Points for a row whose cells wrap to `lines` lines. Excel caps rows at 409 points. */
export function heightForLines(lines: number, fontSize: number): number {
  // ＭＳ Ｐゴシック's line is about 1.25 times its size; a little more leaves room for rounding.
  return Math.min(409, Math.ceil(lines * fontSize * 1.35 + 5));
}
