import { QuoteSyntaxError, readDelimited, TooManyRecords } from "../text/delimited.js";

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
    /** 0-based cell of the record, when known. */
    readonly column?: number,
  ) {
    super(message);
  }
}

/** Thrown when the text has more records than the reader was asked to read. */
export class CsvTooManyRows extends Error {
  constructor(readonly line: number) {
    super(`more records than the limit, at line ${line}`);
  }
}

/**
 * Reads CSV text into records, each with the line it starts on; blank lines are skipped. The
 * tokenizer is the one every table reader shares (src/io/text/delimited.ts).
 */
export function readCsv(text: string, maxRows = Number.POSITIVE_INFINITY): CsvRow[] {
  try {
    return readDelimited(text, { separator: ",", strict: true, skipBlank: true, maxRecords: maxRows })
      .records;
  } catch (error) {
    if (error instanceof TooManyRecords) throw new CsvTooManyRows(error.line);
    if (error instanceof QuoteSyntaxError)
      throw new CsvSyntaxError(error.problem.line, error.message, error.problem.column);
    throw error;
  }
}
