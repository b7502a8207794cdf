/**
 * The one tokenizer for delimited text, shared by every reader of CSV and tab-separated text
 * (the per-action CSV, the official table saved as CSV, a table pasted from a spreadsheet, the
 * companies' CSV). RFC 4180 as Excel and LibreOffice write it, with the separator a parameter:
 * a cell that starts with a double quote runs to the quote that is not doubled, and may hold the
 * separator, quotes ("") and line breaks; records end with CRLF, LF or CR.
 *
 * A quote that opens a cell but does not close it before a separator or a line end is not
 * guessed at: the cell is kept as plain text (as text extracted from a PDF holds such quotes) and
 * the place is reported, for a reader that must refuse it.
 */

export interface DelimitedRecord {
  /** 1-based line of the text where the record starts. */
  line: number;
  cells: string[];
}

export interface QuoteProblem {
  /** 1-based index of the record (the row a spreadsheet shows). */
  row: number;
  /** 1-based line of the text where the record starts. */
  line: number;
  /** 0-based index of the cell in its record. */
  column: number;
  message: string;
}

export interface DelimitedText {
  /** Every record, blank ones included, so record i is row i + 1 of the sheet it came from. */
  records: DelimitedRecord[];
  /** True when some cell was quoted (the text came from a spreadsheet, not from a PDF). */
  quoted: boolean;
  problems: QuoteProblem[];
}

export interface DelimitedOptions {
  separator: "," | "\t";
  /** Stop with `TooManyRecords` past this many records. */
  maxRecords?: number;
  /** Stop at the first malformed quote (throws `QuoteSyntaxError`). */
  strict?: boolean;
  /** Leave blank records out (they do not count against `maxRecords`). */
  skipBlank?: boolean;
}

export class TooManyRecords extends Error {
  constructor(readonly line: number) {
    super(`more records than the limit, at line ${line}`);
  }
}

export class QuoteSyntaxError extends Error {
  constructor(readonly problem: QuoteProblem) {
    super(problem.message);
  }
}

interface Quoted {
  value: string;
  /** Index just after the closing quote. */
  end: number;
  newlines: number;
}

/** Reads a quoted cell starting at `start` (the opening quote); null when it is not well formed. */
function quotedCell(text: string, start: number, separator: string): Quoted | { error: string } {
  let value = "";
  let newlines = 0;
  let i = start + 1;
  for (;;) {
    const next = text.indexOf('"', i);
    if (next < 0) return { error: 'a quoted cell is never closed (a missing ")' };
    const chunk = text.slice(i, next);
    value += chunk;
    for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) newlines++;
    if (text[next + 1] === '"') {
      value += '"';
      i = next + 2;
      continue;
    }
    const after = text[next + 1];
    if (after !== undefined && after !== separator && after !== "\r" && after !== "\n") {
      const shown = after === "\t" ? "a tab" : after === "," ? "a comma" : `"${after}"`;
      const expected = separator === "\t" ? "a tab" : "a comma";
      return { error: `a quoted cell is followed by ${shown} instead of ${expected} or a line end` };
    }
    return { value, end: next + 1, newlines };
  }
}

/**
 * @example
 * readDelimited('a,"b\nc"\r\n', { separator: "," }).records // [{ line: 1, cells: ["a", "b\nc"] }]
 */
export function readDelimited(input: string, options: DelimitedOptions): DelimitedText {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const { separator } = options;
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: DelimitedRecord[] = [];
  const problems: QuoteProblem[] = [];
  let quoted = false;
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let atCellStart = true;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(options.skipBlank && cells.length === 1 && cell === "")) records.push({ line: recordLine, cells });
    if (records.length > max) throw new TooManyRecords(recordLine);
    cells = [];
    cell = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      const q = quotedCell(text, i, separator);
      if ("value" in q) {
        cell = q.value;
        line += q.newlines;
        i = q.end;
        quoted = true;
        atCellStart = false;
        continue;
      }
      const problem = { row: records.length + 1, line: recordLine, column: cells.length, message: q.error };
      if (options.strict) throw new QuoteSyntaxError(problem);
      problems.push(problem);
      // Not a well-formed quoted cell: the quote is kept as text.
    }
    atCellStart = false;
    if (ch === separator) {
      cells.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return { records, quoted, problems };
}
