/**
 * Tab-separated text as Excel writes it to the clipboard: cells holding tabs, line breaks or
 * quotes are wrapped in double quotes, with "" for a quote. Plain extracted text (no quotes)
 * reads as one row per line.
 */
export function readTsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  while (i < source.length) {
    const ch = source[i]!;
    if (atCellStart && ch === '"') {
      // Quoted cell: runs to the quote that is not doubled.
      let j = i + 1;
      let value = "";
      let closed = false;
      while (j < source.length) {
        const c = source[j]!;
        if (c === '"') {
          if (source[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      const next = source[j];
      if (closed && (next === undefined || next === "\t" || next === "\n" || next === "\r")) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: keep the quote as text.
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      if (ch === "\r" && source[i + 1] === "\n") i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
