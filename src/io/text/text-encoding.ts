import Encoding from "encoding-japanese";
import { DomainError } from "../../core/errors.js";

/**
 * Text files from Japanese offices come in UTF-8 (with or without a BOM: Excel's "CSV UTF-8") or
 * in Shift_JIS (Windows code page 932: Excel's plain "CSV"). Anything else is refused rather than
 * read as garbage.
 */
export type TextEncoding = "utf8" | "sjis";

/** True when the bytes are well-formed CP932: single bytes, half-width katakana, or lead+trail pairs. */
function isShiftJis(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b <= 0x7f || (b >= 0xa1 && b <= 0xdf)) continue;
    if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      const t = bytes[i + 1];
      if (t === undefined || t < 0x40 || t === 0x7f || t > 0xfc) return false;
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/** More than one byte in eight of the first 4 KB is NUL: UTF-16 or binary, not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let nuls = 0;
  for (const b of head) if (b === 0) nuls++;
  return nuls * 8 > head.length;
}

function refuse(source: string, why: string): DomainError {
  return new DomainError(
    "unsupported_format",
    `${source}: ${why}; save the file as UTF-8 (Excel: "CSV UTF-8") or Shift_JIS`,
    [{ path: source, message: why }],
  );
}

/**
 * Decodes text bytes, telling UTF-8 from Shift_JIS.
 *
 * @example
 * const { text, encoding } = decodeText(bytes, "plan.csv"); // encoding: "utf8" | "sjis"
 */
export function decodeText(
  bytes: Uint8Array,
  source: string,
  options: { nulInCells?: boolean } = {},
): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw refuse(source, "the text is UTF-16 (little-endian)");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw refuse(source, "the text is UTF-16 (big-endian)");
  let text: string | null = null;
  let encoding: TextEncoding = "utf8";
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = null;
  }
  if (text === null) {
    const guess = Encoding.detect(bytes);
    if (guess === "EUCJP") throw refuse(source, "the text is EUC-JP");
    if (guess !== "SJIS" || !isShiftJis(bytes)) {
      throw refuse(source, "the bytes are neither UTF-8 nor Shift_JIS text");
    }
    text = Encoding.codeToString(Encoding.convert(bytes, { to: "UNICODE", from: "SJIS" }));
    encoding = "sjis";
  }
  // UTF-16 without a BOM and binary data are full of NULs; a stray NUL in text is left, when the
  // caller asks, for the reader to refuse naming its row and column.
  if (text.includes("\u0000") && (!options.nulInCells || looksBinary(bytes)))
    throw refuse(source, "the file holds NUL bytes (binary data or UTF-16)");
  if (text.includes("\u001b$")) throw refuse(source, "the text is ISO-2022-JP (JIS)");
  return { text, encoding };
}

/** A character that Shift_JIS cannot hold, and where (index into the text). */
export interface Unencodable {
  char: string;
  index: number;
}

// Whether a character survives Shift_JIS, kept across calls: an export asks cell by cell, and
// converting each character anew made a Shift_JIS export of Kadoma's plan take most of a second.
const survivesShiftJis = new Map<string, boolean>();

/** Characters of the text that do not survive a trip through Shift_JIS (CP932). */
export function findUnencodable(text: string): Unencodable[] {
  const out: Unencodable[] = [];
  const seen = survivesShiftJis;
  let index = 0;
  for (const char of text) {
    if (char.charCodeAt(0) >= 0x80) {
      let ok = seen.get(char);
      if (ok === undefined) {
        const sjis = Encoding.convert(Encoding.stringToCode(char), { to: "SJIS", from: "UNICODE" });
        ok = Encoding.codeToString(Encoding.convert(sjis, { to: "UNICODE", from: "SJIS" })) === char;
        if (seen.size < 100_000) seen.set(char, ok);
      }
      if (!ok) out.push({ char, index });
    }
    index += char.length;
  }
  return out;
}

/** Encodes text as UTF-8 with a BOM (what Excel in Japan opens correctly) or as Shift_JIS. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === "utf8") {
    const body = new TextEncoder().encode(text);
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: "SJIS", from: "UNICODE" }));
}
