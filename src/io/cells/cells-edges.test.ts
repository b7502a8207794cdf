import { describe, expect, it } from "vitest";
import { CHALLENGES, DESCRIPTION, parseMarkedList, renderMarkedList } from "./marked-list.js";
import { parseRecords } from "./records-cell.js";
import { parseSchedule } from "./schedule-cell.js";
import { parseTags, renderNameAndTags, splitNameAndTags } from "./tags.js";

// The edges of the one-cell formats, as a spreadsheet hands them over (Windows and old Mac line
// ends, trailing spaces, hand-typed markers), each with the exact value or message a person sees.
describe("marked lists as spreadsheets hand them over", () => {
  it("reads CR LF and lone CR line ends and trailing spaces", () => {
    expect(parseMarkedList("●実施中 \r\n○予定\r○次  ", DESCRIPTION)).toEqual({
      items: [
        { kind: "ongoing", text: "実施中" },
        { kind: "planned", text: "予定" },
        { kind: "planned", text: "次" },
      ],
      unmarked: "",
    });
  });

  it("keeps continuation lines and text before the first marker, joined by line breaks", () => {
    expect(parseMarkedList("前置き\n二行目\n●項目\n続き\n\\●続き2", DESCRIPTION)).toEqual({
      items: [{ kind: "ongoing", text: "項目\n続き\n●続き2" }],
      unmarked: "前置き\n二行目",
    });
  });

  it("drops markers with no text, and reads each kind's other markers", () => {
    expect(parseMarkedList("●\n〇 構想\n○", DESCRIPTION).items).toEqual([{ kind: "planned", text: "構想" }]);
    expect(parseMarkedList("・一\n● 二\n• 三", CHALLENGES).items.map((i) => i.text)).toEqual([
      "一",
      "二",
      "三",
    ]);
    expect(parseMarkedList("\\・一", CHALLENGES)).toEqual({ items: [], unmarked: "・一" });
  });
});

describe("records cells at their edges", () => {
  it("reads headings in English, in any case, with spaces inside the brackets, and CR line ends", () => {
    expect(parseRecords("[ 2023  Baseline ]\r\n現状\r[2024 RESULT 2025-02-28 ]\r実績")).toEqual({
      ok: true,
      value: [
        { fiscalYear: 2023, kind: "baseline", asOf: null, text: "現状" },
        { fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: "実績" },
      ],
    });
  });

  it("names the line of a heading it cannot read, and does not report that heading's text again", () => {
    expect(parseRecords("[2024 実績]\nよい\n[2024年の実績]\n読まれない\n[2025 予定]")).toEqual({
      ok: false,
      errors: [
        'line 3 of the cell: "[2024年の実績]" is not a record heading like [2024 実績 2025-02-28]',
        'line 5 of the cell: "[2025 予定]" is not a record heading like [2024 実績 2025-02-28]',
      ],
    });
    expect(parseRecords("[2024実績]\nx").ok).toBe(false);
    expect(parseRecords("x[2024 実績]").ok).toBe(false);
  });

  it("names a year or a date that does not exist, and a record without text", () => {
    expect(parseRecords("[令和0年度 実績]\nx")).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 1 of the cell: 令和0年 does not exist/)],
    });
    expect(parseRecords("[2024 実績]\nx\n[2025 現状 令和7年13月1日]\ny")).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 3 of the cell: /)],
    });
    expect(parseRecords("[2023 現状]\n  \n[2024 実績]\nx")).toEqual({
      ok: false,
      errors: ["record [2023 現状] has no text"],
    });
    expect(parseRecords("\n[2024 実績]\nx")).toEqual({
      ok: true,
      value: [{ fiscalYear: 2024, kind: "result", asOf: null, text: "x" }],
    });
    expect(parseRecords("前文\n[2024 実績]\nx")).toEqual({
      ok: false,
      errors: ["line 1 of the cell: text before the first [YEAR 現状|実績 DATE] heading"],
    });
  });
});

describe("schedule cells at their edges", () => {
  it("reads ranges with any dash or wave, spaces around them, era years, and CR line ends", () => {
    expect(parseSchedule("2024 ～ 2025：検討\r\n令和8年度 - 令和9年度: 実施\r2028: 評価")).toEqual({
      ok: true,
      value: [
        { from: 2024, to: 2025, label: "検討" },
        { from: 2026, to: 2027, label: "実施" },
        { from: 2028, to: 2028, label: "評価" },
      ],
    });
    expect(parseSchedule("R7-R8: 実施")).toEqual({
      ok: true,
      value: [{ from: 2025, to: 2026, label: "実施" }],
    });
  });

  it("keeps a continuation line's own spaces, refusing one before any label", () => {
    expect(parseSchedule("2024: 一行目\n  \\ 二行目  ")).toEqual({
      ok: true,
      value: [{ from: 2024, to: 2024, label: "一行目\n 二行目" }],
    });
    expect(parseSchedule("\\続き")).toEqual({
      ok: false,
      errors: ["a continuation line (\\) before any label"],
    });
  });

  it("names the line of a label it cannot read, only when the cell has several lines", () => {
    expect(parseSchedule("実施")).toEqual({
      ok: false,
      errors: ['"実施" is not "YEAR: label" or "FROM-TO: label" (e.g. 2025-2026: 実施)'],
    });
    expect(parseSchedule("2024: 実施\n\n2026:  ")).toEqual({
      ok: false,
      errors: ['line 3 of the cell: "2026:" has no label after the years'],
    });
    expect(parseSchedule("2026-2025: 実施")).toEqual({
      ok: false,
      errors: ['"2026-2025" ends before it starts'],
    });
    expect(parseSchedule("2024-2025-2026: 実施")).toEqual({
      ok: false,
      errors: ['"2024-2025-2026" is not a year or a range of years'],
    });
    expect(parseSchedule("")).toEqual({ ok: true, value: [] });
  });
});

describe("tags at their edges", () => {
  it("reads tags typed with commas, 、, full-width commas or one a line, dropping blanks", () => {
    expect(parseTags(" DX，GX\nSDGs、 ,")).toEqual(["DX", "GX", "SDGs"]);
    expect(parseTags("  ")).toEqual([]);
  });

  it("reads bracketed tags with spaces between and inside, and refuses text outside the brackets", () => {
    expect(parseTags(" 【DX】 \n【 GX 】 ")).toEqual(["DX", "GX"]);
    expect(parseTags("【DX】GX")).toBeNull();
    expect(parseTags("【DX】【GX")).toBeNull();
  });

  it("keeps a name whose trailing brackets are not tags, and writes a name with its tags", () => {
    expect(splitNameAndTags(" 支援【DX】 【GX】 ")).toEqual({ name: "支援", tags: ["DX", "GX"] });
    expect(splitNameAndTags("支援【DX")).toEqual({ name: "支援【DX", tags: [] });
    expect(renderNameAndTags("支援", ["DX", "GX"])).toBe("支援【DX】【GX】");
    expect(renderNameAndTags("支援", [])).toBe("支援");
  });
});

// Each of these was a surviving mutant of the cell readers (docs/mutation.md).
describe("what the first mutation runs found unguarded", () => {
  it("escapes only continuation lines that would read as an item", () => {
    expect(renderMarkedList([{ kind: "ongoing", text: "一\n二\n●三" }], DESCRIPTION)).toBe("●一\n二\n\\●三");
  });

  it("keeps spaces inside a line, drops every trailing space, and keeps a line ending in a backslash", () => {
    expect(parseMarkedList("●a b  \n続き  \n●末尾\\", DESCRIPTION).items).toEqual([
      { kind: "ongoing", text: "a b\n続き" },
      { kind: "ongoing", text: "末尾\\" },
    ]);
    expect(parseMarkedList("前置き\n\n●a", DESCRIPTION).unmarked).toBe("前置き");
  });

  it("reads a heading followed by spaces, and reports only the unreadable heading, not its empty record", () => {
    expect(parseRecords("[2024 実績]  \nx")).toEqual({
      ok: true,
      value: [{ fiscalYear: 2024, kind: "result", asOf: null, text: "x" }],
    });
    expect(parseRecords("[見出し] \n[2024 実績]")).toEqual({
      ok: false,
      errors: ['line 1 of the cell: "[見出し]" is not a record heading like [2024 実績 2025-02-28]'],
    });
    expect(parseRecords("  \n[2024 実績]\nx").ok).toBe(true);
  });

  it("trims a schedule label that follows two spaces", () => {
    expect(parseSchedule("2024:  実施")).toEqual({
      ok: true,
      value: [{ from: 2024, to: 2024, label: "実施" }],
    });
  });

  it("splits tags off the end of a name only, trimming the name", () => {
    expect(splitNameAndTags(" 支援 ")).toEqual({ name: "支援", tags: [] });
    expect(splitNameAndTags("支援 【DX】")).toEqual({ name: "支援", tags: ["DX"] });
    expect(splitNameAndTags("支援【A】x")).toEqual({ name: "支援【A】x", tags: [] });
  });
});
