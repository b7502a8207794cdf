import { describe, expect, it } from "vitest";
import { CHALLENGES, DESCRIPTION, parseMarkedList, renderMarkedList } from "./marked-list.js";
import { parseRecords, renderRecords } from "./records-cell.js";
import { parseSchedule, renderSchedule } from "./schedule-cell.js";
import { parseTags, renderTags, splitNameAndTags } from "./tags.js";

describe("description and challenge cells", () => {
  it("write ● and ○ items one a line and read them back, even when a text has line breaks and markers", () => {
    const items = [
      { kind: "ongoing" as const, text: "相談を実施。\n●これは項目ではない\n\\円記号" },
      { kind: "planned" as const, text: "展示会の検討" },
    ];
    const cell = renderMarkedList(items, DESCRIPTION);
    expect(cell).toBe("●相談を実施。\n\\●これは項目ではない\n\\\\円記号\n○展示会の検討");
    expect(parseMarkedList(cell, DESCRIPTION)).toEqual({ items, unmarked: "" });
  });

  it("reads a hand-typed cell: spaces after the marker, 〇 for ○, text before any marker kept apart", () => {
    expect(parseMarkedList("前置き\n● 実施中 \n〇 これから", DESCRIPTION)).toEqual({
      items: [
        { kind: "ongoing", text: "実施中" },
        { kind: "planned", text: "これから" },
      ],
      unmarked: "前置き",
    });
  });

  it("reads challenges written with ・ and continuation lines", () => {
    const cell = renderMarkedList(
      [
        { kind: "item", text: "周知。\n・続き" },
        { kind: "item", text: "検討。" },
      ],
      CHALLENGES,
    );
    expect(cell).toBe("・周知。\n\\・続き\n・検討。");
    expect(parseMarkedList(cell, CHALLENGES).items.map((i) => i.text)).toEqual(["周知。\n・続き", "検討。"]);
  });
});

describe("tags", () => {
  it("round-trip through 【】 with brackets and backslashes escaped", () => {
    const tags = ["DX", "情報【発信】", "a\\b"];
    expect(renderTags(tags)).toBe("【DX】【情報\\【発信\\】】【a\\\\b】");
    expect(parseTags(renderTags(tags))).toEqual(tags);
  });
  it("read DX, GX typed without brackets, and refuse unclosed brackets", () => {
    expect(parseTags("DX、GX, SDGs")).toEqual(["DX", "GX", "SDGs"]);
    expect(parseTags("【DX")).toBeNull();
  });
  it("split trailing tags off a name as the table prints it", () => {
    expect(splitNameAndTags("効率化【DX】【GX】")).toEqual({ name: "効率化", tags: ["DX", "GX"] });
    expect(splitNameAndTags("準 則の見直し")).toEqual({ name: "準 則の見直し", tags: [] });
  });
});

describe("schedule cells", () => {
  it("write one label a line with western years and read era forms too", () => {
    const items = [
      { from: 2024, to: 2024, label: "見直し検討" },
      { from: 2025, to: 2026, label: "2年間延長予定" },
      { from: 2027, to: 2028, label: "二行の\nラベル" },
    ];
    const cell = renderSchedule(items);
    expect(cell).toBe("2024: 見直し検討\n2025-2026: 2年間延長予定\n2027-2028: 二行の\n\\ラベル");
    expect(parseSchedule(cell)).toEqual({ ok: true, value: items });
    expect(parseSchedule("R7～R8：実施\n令和9年度: 検討")).toEqual({
      ok: true,
      value: [
        { from: 2025, to: 2026, label: "実施" },
        { from: 2027, to: 2027, label: "検討" },
      ],
    });
  });
  it("refuse era years that do not exist, naming the line of the cell", () => {
    const r = parseSchedule("2024: 実施\n令和0年度: 検討", { min: 1989 });
    expect(r).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 2 of the cell: 令和0年 does not exist/)],
    });
    const old = parseSchedule("昭和60年度: 実施", { min: 1989 });
    expect(old.ok).toBe(false);
    expect(parseSchedule("R6 実施").ok).toBe(false);
  });
});

describe("records cells", () => {
  it("round-trip with headings, as-of dates or none, and escaped lines", () => {
    const records = [
      { fiscalYear: 2023, kind: "baseline" as const, asOf: "2024-03-31", text: "[括弧]で始まる\n\\二行目" },
      { fiscalYear: 2024, kind: "result" as const, asOf: null, text: "実績" },
    ];
    const cell = renderRecords(records);
    expect(cell).toBe("[2023 現状 2024-03-31]\n\\[括弧]で始まる\n\\\\二行目\n[2024 実績]\n実績");
    expect(parseRecords(cell)).toEqual({ ok: true, value: records });
  });
  it("read Japanese dates and refuse text before the first heading", () => {
    expect(parseRecords("[令和6年度 実績 令和7年2月末]\nテキスト")).toEqual({
      ok: true,
      value: [{ fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: "テキスト" }],
    });
    expect(parseRecords("見出しなし").ok).toBe(false);
    expect(parseRecords("[2024 実績 2025-02-30]\nx")).toEqual({
      ok: false,
      errors: [expect.stringMatching(/has no day 30/)],
    });
  });
});
