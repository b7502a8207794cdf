import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { trickyPlan } from "../../test/tricky-plan.js";
import { exportPlan } from "../export/export-plan.js";
import { readImport } from "../import/read-import.js";
import { parseMetadata } from "./xlsx-metadata.js";
import { readWorkbook } from "./xlsx-read.js";

async function toXlsx(doc: PlanDocument): Promise<Uint8Array> {
  return (await exportPlan(doc, "xlsx")).bytes;
}

async function fromXlsx(bytes: Uint8Array) {
  return readImport(bytes, { source: "plan.xlsx", format: "xlsx" });
}

async function edit(bytes: Uint8Array, change: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  change(book.worksheets[0]!, book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("xlsx round trip", () => {
  it("gives back Kadoma's plan byte for byte (json → xlsx → json)", async () => {
    const draft = await fromXlsx(await toXlsx(kadoma()));
    expect(draft.errors).toEqual([]);
    expect(draft.warnings).toEqual([]);
    expect(serializePlan(validatePlanDocument(draft.document))).toBe(kadomaJson());
  });

  it("gives back a plan the table cannot show exactly, through the metadata sheet", async () => {
    const doc = validatePlanDocument(trickyPlan());
    const bytes = await toXlsx(doc);
    const meta = parseMetadata((await readWorkbook(bytes, "t.xlsx"))[1]!.grid.cells).meta;
    // The overlapping schedule, the name ending in 【括弧】 and the record with its own date do not fit the cells.
    expect(Object.keys(meta.actions.get(1)!.exact)).toEqual(["schedule", "records"]);
    expect(Object.keys(meta.actions.get(2)!.exact)).toEqual(["name", "tags"]);
    expect(meta.strategies.map((s) => s.code)).toEqual(["A", "B", "C"]);
    const draft = await fromXlsx(bytes);
    expect(draft.errors).toEqual([]);
    expect(serializePlan(validatePlanDocument(draft.document))).toBe(serializePlan(doc));
  });

  it("keeps formulas and HTML in texts as plain text: written as strings, never as formulas", async () => {
    const bytes = await toXlsx(validatePlanDocument(trickyPlan()));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const name = book.worksheets[0]!.getCell("F4");
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(
      "=SUM(A1:A3) と <script>alert(1)</script>【DX】【情報\\【発信\\】】【back\\\\slash】",
    );
  });

  it("takes what the sheet shows when a person edited it (the table is the source of truth)", async () => {
    const bytes = await edit(await toXlsx(kadoma()), (sheet) => {
      sheet.getCell("F5").value = "外部機関との連携【DX】【BCP】"; // action 2's name and tags
      sheet.unMergeCells("L5:O5"); // action 2's 連携・実施 ran R7–R10; now only R7, and 実施 in R9
      sheet.getCell("N5").value = "実施";
      sheet.getCell("D6").value = "既存"; // action 3 was 新規
    });
    const draft = await fromXlsx(bytes);
    expect(draft.errors).toEqual([]);
    const doc = validatePlanDocument(draft.document);
    const a2 = doc.actions.find((a) => a.number === 2)!;
    expect(a2.name).toBe("外部機関との連携");
    expect(a2.tags).toEqual(["DX", "BCP"]);
    expect(a2.schedule).toEqual([
      { from: 2025, to: 2025, label: "連携・実施" },
      { from: 2027, to: 2027, label: "実施" },
    ]);
    expect(doc.actions.find((a) => a.number === 3)!.isNew).toBe(false);
  });

  it("reads a city's own sheet in the same layout: no metadata, blank cells below a strategy, → for spans", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("R6");
    sheet.addRows([
      [
        "テスト市ものづくり産業振興計画アクションプラン",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "令和7年3月末時点",
      ],
      [
        "",
        "基本戦略",
        "具体的施策",
        "既存/新規",
        "重点",
        "具体的アクション",
        "説明",
        "現状 (令和5年度末時点まで)",
        "令和6年度実績 (※令和7年3月末時点)",
        "開始年",
        "R6年度",
        "R7年度",
        "R8年度",
        "課題",
      ],
      [
        1,
        "(1) 基盤 (Base)",
        "① 人材 (P10)",
        "既存",
        "◎",
        "技能講習【人材】",
        "●講習を実施",
        "",
        "3回開催",
        "平成27年度",
        "実施",
        "→",
        "見直し",
        "・周知",
      ],
      [2, "", "", "新規", "", "新しい講習", "○検討", "", "", "—", "", "検討", "→", ""],
      [
        3,
        "",
        "② 承継 (P11)",
        "既存",
        "再掲",
        "技能講習【人材】",
        "●講習を実施",
        "",
        "",
        "平成27年度",
        "実施",
        "",
        "",
        "",
      ],
    ]);
    const draft = await fromXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(draft.errors).toEqual([]);
    expect(draft.missingMeta).toEqual(expect.arrayContaining(["id", "municipalityCode"]));
    const doc = draft.document!;
    expect(doc.plan).toMatchObject({
      municipality: "テスト市",
      asOf: "2025-03-31",
      fiscalYears: { from: 2024, to: 2026 },
    });
    expect(doc.measures.map((m) => [m.code, m.name, m.page])).toEqual([
      ["1-1", "人材", 10],
      ["1-2", "承継", 11],
    ]);
    expect(doc.actions.map((a) => [a.number, a.measure, a.schedule])).toEqual([
      [
        1,
        "1-1",
        [
          { from: 2024, to: 2025, label: "実施" },
          { from: 2026, to: 2026, label: "見直し" },
        ],
      ],
      [2, "1-1", [{ from: 2025, to: 2026, label: "検討" }]],
      [3, "1-2", [{ from: 2024, to: 2024, label: "実施" }]],
    ]);
    expect(doc.actions[0]).toMatchObject({
      isPriority: true,
      tags: ["人材"],
      startFiscalYear: 2015,
      challenges: ["周知"],
    });
    expect(doc.actions[0]!.records).toEqual([
      { fiscalYear: 2024, kind: "result", asOf: "2025-03-31", text: "3回開催" },
    ]);
    // 再掲 without a number: the earlier action with the same name.
    expect(doc.actions[2]!.relistOf).toBe(1);
  });
});

describe("merging in ExcelJS, sped up for large sheets", () => {
  it("still refuses ranges that overlap", async () => {
    await import("./xlsx-write.js");
    const sheet = new ExcelJS.Workbook().addWorksheet("s");
    sheet.mergeCells("B2:C3");
    expect(() => sheet.mergeCells("C3:D4")).toThrow("Cannot merge already merged cells");
    sheet.mergeCells("D2:D3");
    expect(sheet.getCell("C3").isMerged && sheet.getCell("D3").master.address).toBe("D2");
  });
});
