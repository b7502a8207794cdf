import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { applyReview } from "../../core/review/publish.js";
import { EMPTY_CONTENT, type ActionReview } from "../../core/review/review.schema.js";
import { kadoma } from "../../test/fixtures.js";
import { exportPlan } from "../export/export-plan.js";
import { readImport } from "../import/read-import.js";

/** Kadoma with FY 2025's review of action 13 published into it, as publishReviews writes it. */
function reviewedKadoma(): PlanDocument {
  const doc = kadoma();
  const review: ActionReview = {
    planId: "kadoma",
    actionNumber: 13,
    fiscalYear: 2025,
    status: "approved",
    content: {
      ...EMPTY_CONTENT,
      results: "・会員大会・定例会を開催。【加入企業数 104社】",
      challenges: ["参加率の向上。", "若手経営者の参加促進。"],
      grade: "B",
      direction: "continue",
      analysis: "加入企業は増えたが、参加率は目標に届かなかった。",
      indicators: [{ code: "1", target: 105, actual: 104 }],
    },
    version: 3,
    updatedAt: "2026-03-05T02:00:00Z",
    updatedBy: "manager@city.example",
    submittedAt: null,
    decidedAt: null,
    decidedBy: null,
    returnComment: null,
    publishedAt: null,
  };
  doc.actions = doc.actions.map((a) => (a.number === 13 ? applyReview(a, review, "2026-02-28") : a));
  return validatePlanDocument(doc);
}

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  return book.worksheets[0]!;
}

describe("the xlsx export with a fiscal year's review columns", () => {
  it("appends results, evaluation, direction and challenges under one header, in the table's layout", async () => {
    const doc = reviewedKadoma();
    const plain = await sheetOf((await exportPlan(doc, "xlsx")).bytes);
    const sheet = await sheetOf((await exportPlan(doc, "xlsx", { reviewYear: 2025 })).bytes);
    const width = plain.columnCount;
    expect(sheet.columnCount).toBe(width + 4);
    const header = (c: number) => sheet.getRow(3).getCell(c).text;
    expect([1, 2, 3, 4].map((i) => header(width + i))).toEqual([
      "【振り返り】実績",
      "【振り返り】評価",
      "【振り返り】今後の方向性",
      "【振り返り】課題・取り組むべきこと",
    ]);
    expect(sheet.getRow(2).getCell(width + 1).value).toBe("令和7年度の振り返り");
    expect(sheet.getCell(2, width + 4).isMerged).toBe(true);
    // The title's as-of date moves to the new last column; the table's columns are unchanged.
    expect(sheet.getRow(1).getCell(width + 4).value).toBe("令和7年2月末時点");
    for (let c = 1; c <= width; c++) expect(header(c), `column ${c}`).toBe(plain.getRow(3).getCell(c).text);
    expect(sheet.pageSetup.printArea).toMatch(new RegExp(`^A1:${sheet.getColumn(width + 4).letter}48$`));

    const row13 = sheet.getRow(3 + 13);
    expect(row13.getCell(1).value).toBe(13);
    expect(row13.getCell(width + 1).value).toBe("・会員大会・定例会を開催。【加入企業数 104社】");
    expect(row13.getCell(width + 2).value).toBe(
      "B（概ね計画どおり進んでいる）\n加入企業は増えたが、参加率は目標に届かなかった。",
    );
    expect(row13.getCell(width + 3).value).toBe("継続");
    expect(row13.getCell(width + 4).value).toBe("・参加率の向上。\n・若手経営者の参加促進。");
    // An action without a FY 2025 review: no result, no evaluation; its challenges as they stand.
    const row1 = sheet.getRow(3 + 1);
    expect(row1.getCell(width + 1).value).toBeNull();
    expect(row1.getCell(width + 2).value).toBeNull();
    expect(row1.getCell(width + 4).text).toMatch(/^・/);
  });

  it("reads back as the same plan: the review columns are recognised as not the table's own", async () => {
    const doc = reviewedKadoma();
    const bytes = (await exportPlan(doc, "xlsx", { reviewYear: 2025 })).bytes;
    const draft = await readImport(bytes, { source: "review.xlsx", format: "xlsx" });
    expect(draft.errors).toEqual([]);
    expect(draft.warnings.map((w) => w.message)).toEqual([
      'the column "【振り返り】実績" is not part of the table\'s layout; ignored',
      'the column "【振り返り】評価" is not part of the table\'s layout; ignored',
      'the column "【振り返り】今後の方向性" is not part of the table\'s layout; ignored',
      'the column "【振り返り】課題・取り組むべきこと" is not part of the table\'s layout; ignored',
    ]);
    expect(serializePlan(validatePlanDocument(draft.document))).toBe(serializePlan(doc));
  });
});
