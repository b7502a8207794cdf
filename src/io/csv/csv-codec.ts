/**
 * RFC 4180 CSV as Excel writes and reads it: fields holding a comma, a quote or a line break are
 * quoted, "" inside quotes is a quote; records end with CRLF, line breaks inside a cell are LF.
 */

function quote(field: string): string {
  return /[",\r\n]/u.test(field) || /^\s|\s$/u.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** @example writeCsv([["a", "b,c"]]) // 'a,"b,c"\r\n' */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

export interface CsvRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads CSV text into records, each with the line it starts on. */
/** Thrown when the text has more records than the reader was asked to read. */
export class CsvTooManyRows extends Error {
  constructor(readonly line: number) {
    super(`more records than the limit, at line ${line}`);
  }
}

export function readCsv(text: string, maxRows = Number.POSITIVE_INFINITY): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let atStart = true;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    if (rows.length > maxRows) throw new CsvTooManyRows(rowLine);
    cells = [];
    cell = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
          throw new CsvSyntaxError(
            line,
            `a quoted cell is followed by "${next}" instead of a comma or a line end`,
          );
        }
        continue;
      }
      if (ch === "\n") line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atStart) {
      quoted = true;
      atStart = false;
      i++;
      continue;
    }
    atStart = false;
    if (ch === ",") {
      cells.push(cell);
      cell = "";
      atStart = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
      atStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted cell is never closed (a missing ")');
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}
