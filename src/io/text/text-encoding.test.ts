import Encoding from "encoding-japanese";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { decodeText, encodeText, findUnencodable } from "./text-encoding.js";

const sjis = (s: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(s), { to: "SJIS", from: "UNICODE" }));
const eucjp = (s: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(s), { to: "EUCJP", from: "UNICODE" }));

function refusal(bytes: Uint8Array): string {
  try {
    decodeText(bytes, "plan.csv");
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  }
  throw new Error("expected the bytes to be refused");
}

describe("decodeText", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decodeText(encodeText("門真市①", "utf8"), "a.csv")).toEqual({ text: "門真市①", encoding: "utf8" });
    expect(decodeText(new TextEncoder().encode("門真市"), "a.csv")).toEqual({
      text: "門真市",
      encoding: "utf8",
    });
  });

  it("reads Shift_JIS (CP932, with ① and ㈱)", () => {
    expect(decodeText(sjis("門真市①㈱カドマイスター"), "a.csv")).toEqual({
      text: "門真市①㈱カドマイスター",
      encoding: "sjis",
    });
  });

  it("refuses encodings that are neither UTF-8 nor Shift_JIS, naming what they are", () => {
    expect(refusal(eucjp("門真市ものづくり産業振興計画"))).toBe(
      'unsupported_format: plan.csv: the text is EUC-JP; save the file as UTF-8 (Excel: "CSV UTF-8") or Shift_JIS',
    );
    expect(refusal(Uint8Array.from([0xff, 0xfe, 0x80, 0x95]))).toMatch(/UTF-16 \(little-endian\)/);
    expect(refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0xff, 0xfe, 0x80, 0x00]))).toMatch(
      /neither UTF-8 nor Shift_JIS|NUL bytes/,
    );
    expect(refusal(new TextEncoder().encode("a\u0000b"))).toMatch(/NUL bytes/);
  });

  it("finds the characters Shift_JIS cannot hold", () => {
    expect(findUnencodable("R7–R8 𠮷 〜 ～").map((u) => u.char)).toEqual(["–", "𠮷", "〜"]);
  });
});
