import Encoding from "encoding-japanese";
import fc from "fast-check";
import { readCsv, writeCsv } from "../../io/csv/csv-codec.js";
import { insertedText, specialText } from "./special-text.js";

/**
 * Mutations of a real file, as plain data (so a failing case prints and replays): bytes cut,
 * flipped, inserted, dropped or repeated; text with characters inserted or re-encoded; one cell of
 * a CSV or a pasted table replaced; a JSON value replaced, removed, nested very deep.
 */

export type ByteMutation =
  | { op: "truncate"; at: number }
  | { op: "flip"; at: number; xor: number }
  | { op: "insertBytes"; at: number; bytes: number[] }
  | { op: "deleteRange"; at: number; length: number }
  | { op: "duplicateRange"; at: number; length: number };

export type TextEncodingName = "UTF8" | "SJIS" | "UTF16LE" | "UTF16BE" | "EUCJP" | "JIS";

export type TextMutation =
  | { op: "insertText"; at: number; text: string }
  | { op: "encoding"; to: TextEncodingName }
  | { op: "cell"; row: number; column: number; value: string }
  | { op: "swapLines"; a: number; b: number };

export type Mutation = ByteMutation | TextMutation;

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    op: fc.constant("insertBytes" as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    op: fc.constant("deleteRange" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4096 }),
  }),
  fc.record({
    op: fc.constant("duplicateRange" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4096 }),
  }),
);

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("insertText" as const), at: fc.nat(), text: insertedText }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("encoding" as const),
      to: fc.constantFrom<TextEncodingName>("UTF8", "SJIS", "UTF16LE", "UTF16BE", "EUCJP", "JIS"),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("cell" as const),
      row: fc.nat(),
      column: fc.nat(),
      value: specialText,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }) },
);

export function applyByteMutation(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const n = bytes.length;
  const at = n === 0 ? 0 : m.at % n;
  switch (m.op) {
    case "truncate":
      return bytes.subarray(0, at);
    case "flip": {
      const out = Uint8Array.from(bytes);
      if (n > 0) out[at] = out[at]! ^ m.xor;
      return out;
    }
    case "insertBytes":
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    case "deleteRange":
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
    case "duplicateRange":
      return Uint8Array.from([...bytes.subarray(0, at + m.length), ...bytes.subarray(at)]);
  }
}

/** Text as it would be saved in an encoding (what the encoding cannot hold becomes "?"). */
export function encodeAs(text: string, to: TextEncodingName): Uint8Array {
  if (to === "UTF8") return new TextEncoder().encode(text);
  if (to === "UTF16LE" || to === "UTF16BE") {
    const out = Buffer.alloc(text.length * 2 + 2);
    out.writeUInt16LE(0xfeff, 0);
    for (let i = 0; i < text.length; i++) out.writeUInt16LE(text.charCodeAt(i), 2 + i * 2);
    return to === "UTF16LE" ? out : out.swap16();
  }
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: "UNICODE" }));
}

export function decodeAs(bytes: Uint8Array, from: "UTF8" | "SJIS"): string {
  if (from === "UTF8") return new TextDecoder("utf-8").decode(bytes);
  return Encoding.codeToString(Encoding.convert(bytes, { to: "UNICODE", from: "SJIS" }));
}

function replaceCell(
  text: string,
  kind: "csv" | "tsv" | "json",
  m: Extract<TextMutation, { op: "cell" }>,
): string {
  if (kind === "csv") {
    let rows;
    try {
      rows = readCsv(text).map((r) => r.cells);
    } catch {
      return text;
    }
    const row = rows[m.row % Math.max(rows.length, 1)];
    if (row && row.length > 0) row[m.column % row.length] = m.value;
    return writeCsv(rows);
  }
  if (kind === "tsv") {
    const lines = text.split("\n").map((l) => l.split("\t"));
    const line = lines[m.row % lines.length]!;
    line[m.column % line.length] = m.value.replace(/[\t\n]/g, " ");
    return lines.map((l) => l.join("\t")).join("\n");
  }
  return text;
}

/** Applies a text mutation to the text of a file; returns the bytes in `encoding`. */
export function applyTextMutation(
  text: string,
  kind: "csv" | "tsv" | "json",
  encoding: "UTF8" | "SJIS",
  m: TextMutation,
): Uint8Array {
  switch (m.op) {
    case "insertText": {
      const at = m.at % (text.length + 1);
      return encodeAs(text.slice(0, at) + m.text + text.slice(at), encoding);
    }
    case "encoding":
      return encodeAs(text, m.to);
    case "cell":
      return encodeAs(replaceCell(text, kind, m), encoding);
    case "swapLines": {
      const lines = text.split("\n");
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return encodeAs(lines.join("\n"), encoding);
    }
  }
}
