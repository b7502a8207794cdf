import { readDelimited } from "../text/delimited.js";

/**
 * Tab-separated text as Excel writes it to the clipboard: cells holding tabs, line breaks or
 * quotes are wrapped in double quotes, with "" for a quote. Plain extracted text (no quotes)
 * reads as one row per line; a quote that does not make a well-formed cell is kept as text.
 */
export function readTsv(text: string): string[][] {
  return readDelimited(text, { separator: "\t" }).records.map((r) => r.cells);
}
