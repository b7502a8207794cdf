import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { listZipEntries, readZipEntry } from "../../io/zip/zip-reader.js";
import { applyByteMutation, byteMutation, type ByteMutation } from "./mutations.js";
import { specialText } from "./special-text.js";
import { writeZip, type ZipFileEntry } from "./zip-writer.js";

/**
 * Mutations of a workbook: its cells (a string, a formula, an error value, an inline string), its
 * XML bytes, and its zip archive (sizes that lie, a zip bomb, an unknown compression, a missing
 * part). The archive is rebuilt after each change, so the checksums are right unless a mutation
 * is about them.
 */
export type XlsxMutation =
  | { op: "sharedString"; index: number; value: string; raw: boolean }
  | { op: "formula"; cell: number; formula: string }
  | { op: "errorCell"; cell: number; value: string }
  | { op: "inlineString"; cell: number; value: string }
  | { op: "dropRow"; row: number }
  | { op: "xmlBytes"; entry: number; mutation: ByteMutation }
  | { op: "sizeLie"; entry: number; size: number }
  | { op: "bomb"; honest: boolean }
  | { op: "method"; entry: number; method: number }
  | { op: "dropEntry"; entry: number }
  | { op: "bytes"; mutation: ByteMutation };

export const xlsxMutation: fc.Arbitrary<XlsxMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("sharedString" as const),
      index: fc.nat(),
      value: specialText,
      raw: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("formula" as const),
      cell: fc.nat(),
      formula: fc.constantFrom(
        "ROW()",
        "1+1",
        'HYPERLINK("http://example.com")',
        "NOW()",
        "A1",
        "SUM(A1:A3)",
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("errorCell" as const),
      cell: fc.nat(),
      value: fc.constantFrom("#REF!", "#N/A", "#DIV/0!", "#VALUE!"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("inlineString" as const), cell: fc.nat(), value: specialText }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dropRow" as const), row: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("xmlBytes" as const), entry: fc.nat(), mutation: byteMutation }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("sizeLie" as const),
      entry: fc.nat(),
      size: fc.oneof(fc.nat({ max: 100 }), fc.constant(0xfffffff0), fc.integer({ min: 1, max: 2 ** 31 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("bomb" as const), honest: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("method" as const),
      entry: fc.nat(),
      method: fc.integer({ min: 1, max: 99 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dropEntry" as const), entry: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("bytes" as const), mutation: byteMutation }) },
);

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The n-th match of a pattern replaced (n taken modulo the number of matches). */
function replaceNth(text: string, pattern: RegExp, n: number, by: (match: string) => string): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const m = matches[n % matches.length]!;
  return text.slice(0, m.index) + by(m[0]) + text.slice(m.index + m[0].length);
}

const CELL = /<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g;
const cellRef = (cell: string) => /r="([A-Z]+\d+)"/.exec(cell)![1]!;

let bombBytes: Uint8Array | undefined;
/** 150 MB of shared strings that deflate to a few hundred kilobytes. */
function bomb(): { data: Uint8Array; compressed: Uint8Array } {
  const size = 150 * 1024 * 1024;
  const head =
    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>';
  const data = Buffer.alloc(size, "A");
  data.write(head, 0);
  data.write("</t></si></sst>", size - 15);
  bombBytes ??= deflateRawSync(data, { level: 9 });
  return { data, compressed: bombBytes };
}

export function applyXlsxMutation(bytes: Uint8Array, m: XlsxMutation): Uint8Array {
  if (m.op === "bytes") return applyByteMutation(bytes, m.mutation);
  const entries: ZipFileEntry[] = listZipEntries(bytes)
    .filter((e) => !e.name.endsWith("/"))
    .map((e) => ({ name: e.name, data: readZipEntry(bytes, e) }));
  const find = (name: string) => entries.find((e) => e.name === name);
  // An earlier mutation may have dropped the part: then there is nothing to edit.
  const edit = (name: string, change: (text: string) => string) => {
    const entry = find(name);
    if (entry) entry.data = Buffer.from(change(Buffer.from(entry.data).toString("utf8")), "utf8");
  };
  const pick = (n: number) => entries[n % entries.length]!;
  const sheet = "xl/worksheets/sheet1.xml";
  switch (m.op) {
    case "sharedString":
      edit("xl/sharedStrings.xml", (t) =>
        replaceNth(
          t,
          /<t(?: [^>]*)?>[^<]*<\/t>/g,
          m.index,
          () => `<t xml:space="preserve">${m.raw ? m.value : xml(m.value)}</t>`,
        ),
      );
      break;
    case "formula":
      edit(sheet, (t) =>
        replaceNth(t, CELL, m.cell, (c) => `<c r="${cellRef(c)}"><f>${xml(m.formula)}</f><v>1</v></c>`),
      );
      break;
    case "errorCell":
      edit(sheet, (t) =>
        replaceNth(t, CELL, m.cell, (c) => `<c r="${cellRef(c)}" t="e"><v>${m.value}</v></c>`),
      );
      break;
    case "inlineString":
      edit(sheet, (t) =>
        replaceNth(
          t,
          CELL,
          m.cell,
          (c) => `<c r="${cellRef(c)}" t="inlineStr"><is><t>${xml(m.value)}</t></is></c>`,
        ),
      );
      break;
    case "dropRow":
      edit(sheet, (t) => replaceNth(t, /<row [^>]*>.*?<\/row>/g, m.row, () => ""));
      break;
    case "xmlBytes": {
      const entry = pick(m.entry);
      entry.data = applyByteMutation(entry.data, m.mutation);
      break;
    }
    case "sizeLie":
      pick(m.entry).declaredSize = m.size;
      break;
    case "bomb": {
      const entry = find("xl/sharedStrings.xml");
      if (!entry) break;
      const { data, compressed } = bomb();
      const original = entry.data.length;
      Object.assign(entry, { data, compressed, ...(m.honest ? {} : { declaredSize: original }) });
      break;
    }
    case "method":
      pick(m.entry).method = m.method;
      break;
    case "dropEntry":
      entries.splice(m.entry % entries.length, 1);
      break;
  }
  return writeZip(entries);
}
