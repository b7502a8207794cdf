import { describe, expect, it } from "vitest";
import { readTsv } from "../tsv/tsv-reader.js";
import { parseOfficialTable } from "./parse.js";

const HEADER = [
  "基本戦略\t具体的施策\t既存/新規\t重点 アクション\t具体的アクション\t説明\t現状 (令和5年度末時点まで)\t令和6年度実績 (※令和7年2月末時点)\t開始年\tR6年度\tR7年度\tR8年度\t課題",
];

function parse(lines: string[]) {
  return parseOfficialTable(readTsv(["テスト市ものづくり振興計画", "", ...lines].join("\n")), {
    planId: "test",
    place: (line, column) => (column === undefined ? `line ${line}` : `line ${line}, column ${column}`),
  });
}

const row = (...cells: string[]) => cells.join("\t");

describe("parseOfficialTable", () => {
  it("reads a well-formed table: plan, strategy, measure, flags, records, schedule, challenges", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "◎",
        "溶接技術の継承【事業 承継】",
        "●研修を実施。 ○拠点を検討。",
        "【令和5年度 3件】",
        "【令和6年度 5件】",
        "平成30年度",
        "実施",
        "",
        "見直し",
        "・周知。 ・連携。",
      ),
      row(
        "2",
        "",
        "",
        "新規",
        "",
        "新たな 施策の検討",
        "○検討する。",
        "—",
        "調査を開始。",
        "—",
        "",
        "→ 検討",
        "",
        "・ニーズ把握。",
      ),
    ]);
    expect(r.errors).toEqual([]);
    const doc = r.document!;
    expect(doc.plan).toEqual({
      id: "test",
      municipality: "テスト市",
      title: "テスト市ものづくり振興計画",
      fiscalYears: { from: 2024, to: 2026 },
      asOf: "2025-02-28",
    });
    expect(doc.strategies).toEqual([{ code: "1", name: "基盤", subtitle: "Base" }]);
    expect(doc.measures).toEqual([{ code: "1-1", strategy: "1", name: "人材育成", page: 10 }]);
    const [a1, a2] = doc.actions;
    expect(a1).toMatchObject({
      number: 1,
      measure: "1-1",
      name: "溶接技術の継承",
      tags: ["事業承継"],
      isNew: false,
      isPriority: true,
      startFiscalYear: 2018,
      description: [
        { kind: "ongoing", text: "研修を実施。" },
        { kind: "planned", text: "拠点を検討。" },
      ],
      schedule: [
        { from: 2024, to: 2025, label: "実施" },
        { from: 2026, to: 2026, label: "見直し" },
      ],
      records: [
        { fiscalYear: 2023, kind: "baseline", asOf: "2024-03-31", text: "【令和5年度 3件】" },
        { fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: "【令和6年度 5件】" },
      ],
      challenges: ["周知。", "連携。"],
    });
    expect(a2).toMatchObject({ number: 2, name: "新たな施策の検討", isNew: true, startFiscalYear: null });
    expect(a2!.records.map((x) => x.kind)).toEqual(["result"]);
    expect(a2!.schedule).toEqual([{ from: 2025, to: 2026, label: "検討" }]);
  });

  it("finds cells by content when a row is shifted right", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "",
        "アクション一",
        "●説明。",
        "現状。",
        "実績。",
        "令和2年度",
        "実施",
        "",
        "",
        "・課題。",
      ),
      row(
        "2",
        "",
        "",
        "",
        "",
        "既存",
        "◎",
        "ずれた行",
        "●説明二。",
        "現状二。",
        "実績二。",
        "令和3年度",
        "",
        "実施",
        "",
        "",
        "・課題二。",
      ),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.document!.actions[1]).toMatchObject({
      name: "ずれた行",
      isPriority: true,
      startFiscalYear: 2021,
      schedule: [{ from: 2025, to: 2026, label: "実施" }],
      challenges: ["課題二。"],
    });
  });

  it("repeats headers after a page break and links a 再掲 row whose name was lost", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "◎",
        "オープンファクトリーへの協力",
        "●協働事業としてオープンファクトリーに協力し、参加企業を支援。",
        "現状。",
        "実績。",
        "令和元年度",
        "実施",
        "",
        "",
        "・課題。",
      ),
      "",
      ...HEADER,
      row(
        "2",
        "",
        "② 理解促進 (P12)",
        "既存",
        "◎",
        "再掲",
        "●協働事業としてオープンファクトリーに協力し、参加企業を支援する。",
        "現状。",
        "実績。",
        "令和元年度",
        "実施",
        "",
        "",
        "・課題。",
      ),
    ]);
    expect(r.errors).toEqual([]);
    const relisted = r.document!.actions[1]!;
    expect(relisted).toMatchObject({
      number: 2,
      measure: "1-2",
      relistOf: 1,
      name: "オープンファクトリーへの協力",
    });
    expect(relisted.recovered.map((x) => x.field)).toEqual(["name", "relistOf"]);
  });

  it("takes a measure from rows that only repeat the left-hand cells", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "",
        "一",
        "●a。",
        "b",
        "c",
        "",
        "実施",
        "",
        "",
        "・d",
      ),
      row("", "", "", "既存", "", "二", "●a。", "b", "c", "", "実施", "", "", "・d"),
      row("", "", "", "新規", "", "三", "○a。", "b", "c", "", "実施", "", "", "・d"),
      row("2", "", "② 拠点整備 (P11)", "既存"),
      row("", "", "", "新規"),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.document!.actions.map((a) => [a.number, a.measure])).toEqual([
      [1, "1-1"],
      [2, "1-2"],
      [3, "1-2"],
    ]);
    expect(r.document!.actions[1]!.recovered[0]).toMatchObject({ field: "measure" });
  });

  it("refuses a repeated action number, naming both lines", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "",
        "一",
        "●a。",
        "b",
        "c",
        "",
        "実施",
        "",
        "",
        "・d",
      ),
      row("1", "", "", "既存", "", "二", "●a。", "b", "c", "", "実施", "", "", "・d"),
    ]);
    expect(r.errors).toContainEqual({ path: "line 5, column 1", message: "action number 1 repeats line 4" });
  });

  it.each([
    ["令和0年度", /令和0年 does not exist/],
    ["昭和50年度", /昭和50年度 is FY 1975, before 1989/],
    ["大正5年度", /before 1989/],
  ])("refuses the start year %s, naming the line and column", (year, message) => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "",
        "一",
        "●a。",
        "b",
        "c",
        year,
        "実施",
        "",
        "",
        "・d",
      ),
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe("line 4, 開始年");
    expect(r.errors[0]!.message).toMatch(message);
  });

  it("refuses a sheet without the header", () => {
    const r = parseOfficialTable(readTsv("1\t(1) 基盤 (Base)\t一\n2\t\t二"), {
      planId: "x",
      place: (l) => `line ${l}`,
    });
    expect(r.document).toBeNull();
    expect(r.errors[0]!.message).toMatch(/no header row found/);
  });

  it("keeps formulas and HTML as text", () => {
    const r = parse([
      ...HEADER,
      row(
        "1",
        "(1) 基盤 (Base)",
        "① 人材育成 (P10)",
        "既存",
        "",
        '=HYPERLINK("http://x")',
        "●<script>alert(1)</script>",
        "b",
        "c",
        "",
        "実施",
        "",
        "",
        "・d",
      ),
    ]);
    expect(r.document!.actions[0]!.name).toBe('=HYPERLINK("http://x")');
    expect(r.document!.actions[0]!.description[0]!.text).toBe("<script>alert(1)</script>");
  });
});

describe("readTsv", () => {
  it("reads Excel's quoted cells with tabs, line breaks and doubled quotes", () => {
    expect(readTsv('a\t"b\tc"\t"d\ne ""f"""\r\ng\th')).toEqual([
      ["a", "b\tc", 'd\ne "f"'],
      ["g", "h"],
    ]);
  });

  it("keeps a stray quote as text", () => {
    expect(readTsv('"a b\tc')).toEqual([['"a b', "c"]]);
  });
});
