import { beforeAll, describe, expect, it } from "vitest";
import { kadoma } from "../../test/fixtures.js";
import { listZipEntries, readZipEntry } from "../zip/zip-reader.js";
import { dosDateTime } from "../zip/zip-times.js";
import { renderPlanSheet } from "./xlsx-render.js";
import { writeWorkbook } from "./xlsx-write.js";

// The exported workbook read without ExcelJS: unzipped with node's zlib, its XML read directly.
let bytes: Uint8Array;
let files: Map<string, string>;
let sheet: string;
let strings: string[];

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text of a cell of the first sheet (shared or inline string, or number). */
function cellText(ref: string): string | undefined {
  const m = new RegExp(`<c r="${ref}"[^>]*?(?:t="(\\w+)")?[^>]*>(.*?)</c>`, "s").exec(sheet);
  if (!m) return undefined;
  const type = /t="(\w+)"/.exec(m[0])?.[1];
  const value = /<v>(.*?)<\/v>/s.exec(m[2]!)?.[1];
  if (type === "s") return strings[Number(value)];
  if (type === "inlineStr") return unescapeXml(/<t[^>]*>(.*?)<\/t>/s.exec(m[2]!)?.[1] ?? "");
  return value;
}

beforeAll(async () => {
  bytes = await writeWorkbook(renderPlanSheet(kadoma()), "2025-02-28");
  files = new Map(listZipEntries(bytes).map((e) => [e.name, readZipEntry(bytes, e).toString("utf8")]));
  sheet = files.get("xl/worksheets/sheet1.xml")!;
  strings = [...files.get("xl/sharedStrings.xml")!.matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => unescapeXml(t[1]!)).join(""),
  );
});

describe("the exported workbook, read by an independent reader", () => {
  it("has the table sheet and a clearly named metadata sheet", () => {
    const workbook = files.get("xl/workbook.xml")!;
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "アクションプラン",
      "メタデータ",
    ]);
  });

  it("hides the metadata sheet (very hidden) and gives it nothing to print", () => {
    const workbook = files.get("xl/workbook.xml")!;
    expect(workbook).toMatch(/<sheet [^>]*name="メタデータ"[^>]*state="veryHidden"/);
    expect(workbook).toMatch(/<sheet [^>]*name="アクションプラン"[^>]*state="visible"/);
    // Print areas and titles belong to the table sheet (localSheetId 0) only.
    const printNames = [...workbook.matchAll(/<definedName name="_xlnm\.Print_\w+" localSheetId="(\d+)"/g)];
    expect(printNames.length).toBeGreaterThan(0);
    expect(printNames.map((m) => m[1])).toEqual(printNames.map(() => "0"));
  });

  it("is the same bytes for the same plan: every zip entry is dated with the plan's date", async () => {
    const buf = Buffer.from(bytes);
    const fixed = dosDateTime(new Date("2025-02-28T00:00:00Z"));
    for (const entry of listZipEntries(bytes)) {
      expect([buf.readUInt16LE(entry.localOffset + 10), buf.readUInt16LE(entry.localOffset + 12)]).toEqual([
        fixed.time,
        fixed.date,
      ]);
    }
    const again = await writeWorkbook(renderPlanSheet(kadoma()), "2025-02-28");
    expect(Buffer.from(again).equals(buf)).toBe(true);
  });

  it("repeats the two header rows on every printed page (print titles)", () => {
    expect(files.get("xl/workbook.xml")).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;アクションプラン&apos;!\$2:\$3<\/definedName>/,
    );
  });

  it("prints on A3 landscape, fitted to the page width", () => {
    const setup = /<pageSetup [^>]*\/>/.exec(sheet)![0];
    expect(setup).toContain('paperSize="8"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"');
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
  });

  it("freezes the header rows and the columns up to the action's name", () => {
    expect(sheet).toMatch(
      /<pane xSplit="6" ySplit="3" topLeftCell="G4" activePane="bottomRight" state="frozen"\/>/,
    );
  });

  it("shows the city's column groups and headers, derived from the plan's years", () => {
    expect(cellText("B2")).toBe("計画の体系");
    expect(cellText("D2")).toBe("具体的アクション");
    expect(cellText("K2")).toBe("スケジュール");
    expect(cellText("P2")).toBe("令和7年度以降の事業実施における課題・取り組むべきこと");
    expect(["B3", "C3", "D3", "E3", "F3"].map(cellText)).toEqual([
      "基本戦略",
      "具体的施策",
      "既存/新規 (令和5年度末時点)",
      "重点アクション",
      "具体的アクション",
    ]);
    expect(cellText("H3")).toBe("現状 (令和5年度末時点まで)");
    expect(cellText("I3")).toBe("令和6年度実績 (※令和7年2月末時点)");
    expect(["K3", "L3", "M3", "N3", "O3"].map(cellText)).toEqual([
      "R6年度",
      "R7年度",
      "R8年度",
      "R9年度",
      "R10年度",
    ]);
  });

  it("merges strategy and measure cells over their actions, and the header groups", () => {
    const merges = [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]);
    // Strategy (1) covers actions 1–12 (rows 4–15); its measure ① covers actions 1–3.
    expect(merges).toEqual(
      expect.arrayContaining(["B4:B15", "C4:C6", "B16:B24", "B2:C2", "D2:J2", "K2:O2", "A2:A3", "P2:P3"]),
    );
    expect(cellText("B4")).toBe("(1)\nイノベーション\n(Change・Chance・Challenge)");
    expect(cellText("C4")).toBe("①\nデジタル化 (DX) への対応・活用\n(P48)");
  });

  it("merges schedule labels across the fiscal years they span", () => {
    const merges = [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]);
    // Action 1 (row 4): 見直し検討 R6, 2年間延長予定 R7–R8, 令和9年度以降未定 R9–R10.
    expect(cellText("K4")).toBe("見直し検討");
    expect(cellText("L4")).toBe("2年間延長予定");
    expect(cellText("N4")).toBe("令和9年度以降未定");
    expect(merges).toEqual(expect.arrayContaining(["L4:M4", "N4:O4"]));
    expect(merges).not.toContain("K4:K4");
  });

  it("shows ◎ and 再掲 with the number of the action repeated, tags and start years as printed", () => {
    expect(cellText("E4")).toBe("◎");
    expect(cellText("E27")).toBe("◎\n再掲\n(No.1)"); // action 24 relists action 1
    expect(cellText("F4")).toMatch(/効率化【DX】$/);
    expect(cellText("J4")).toBe("平成30年度");
    expect(cellText("J5")).toBe("—");
    expect(cellText("A48")).toBe("45");
  });

  it("wraps the text of the action cells", () => {
    const style = Number(/<c r="G4" s="(\d+)"/.exec(sheet)![1]);
    const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(files.get("xl/styles.xml")!)![1]!;
    const xf = [...xfs.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)][style]![0];
    expect(xf).toContain('wrapText="1"');
  });
});
