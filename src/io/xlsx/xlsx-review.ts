import { formatFiscalYear } from "../../core/fiscal/index.js";
import type { Action, PlanDocument } from "../../core/plan/plan.schema.js";
import type { SheetModel } from "./xlsx-render.js";
import { CELL_LIMIT } from "./xlsx-metadata.js";

/**
 * A fiscal year's review beside the official table: results, evaluation (grade, its meaning and
 * the analysis), direction and challenges, one column each, after the table's own columns and
 * under one group header, so the sheet keeps the city's layout and prints the same way.
 *
 * The headers start with 【振り返り】 so the reader never takes them for the table's own 実績 or
 * 課題 columns: a re-imported workbook ignores them (the evaluations travel in the metadata sheet).
 */
export const REVIEW_HEADER_MARK = "【振り返り】";

export const REVIEW_FIELDS = ["results", "evaluation", "direction", "challenges"] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

const HEADERS: Record<ReviewField, string> = {
  results: "実績",
  evaluation: "評価",
  direction: "今後の方向性",
  challenges: "課題・取り組むべきこと",
};

const WIDTHS: Record<ReviewField, number> = { results: 40, evaluation: 28, direction: 12, challenges: 40 };

export function reviewGroupHeader(fiscalYear: number): string {
  return `${formatFiscalYear(fiscalYear)}の振り返り`;
}

export function reviewColumnHeader(field: ReviewField): string {
  return `${REVIEW_HEADER_MARK}${HEADERS[field]}`;
}

const fit = (text: string) => (text.length > CELL_LIMIT ? `${text.slice(0, CELL_LIMIT - 1)}…` : text);

/** An action's review of a fiscal year as the cells show it (published data: the plan itself). */
export function reviewCells(
  doc: PlanDocument,
  action: Action,
  fiscalYear: number,
): Record<ReviewField, string> {
  const result = action.records.find((r) => r.kind === "result" && r.fiscalYear === fiscalYear);
  const evaluation = action.evaluations.find((e) => e.fiscalYear === fiscalYear);
  const grade = doc.scales.grades.find((g) => g.code === evaluation?.grade);
  const direction = doc.scales.directions.find((d) => d.code === evaluation?.direction);
  const gradeText = grade ? `${grade.label}（${grade.meaning}）` : (evaluation?.grade ?? "");
  return {
    results: result?.text ?? "",
    evaluation: [gradeText, evaluation?.analysis ?? ""].filter((s) => s !== "").join("\n"),
    direction: direction?.label ?? evaluation?.direction ?? "",
    challenges: action.challenges.map((c) => `・${c}`).join("\n"),
  };
}

/**
 * Appends a fiscal year's review columns to a rendered sheet, in place, and returns it.
 *
 * @example
 * const model = addReviewColumns(renderPlanSheet(doc), doc, 2025);
 */
export function addReviewColumns(model: SheetModel, doc: PlanDocument, fiscalYear: number): SheetModel {
  const { layout, grid, headerRows } = model;
  const left = layout.columns.length;
  for (const field of REVIEW_FIELDS) {
    layout.columns.push({ role: { kind: "other" }, header: reviewColumnHeader(field), width: WIDTHS[field] });
  }
  const right = layout.columns.length - 1;
  const byNumber = new Map(doc.actions.map((a) => [a.number, a]));
  grid.cells.forEach((row, r) => {
    const added = REVIEW_FIELDS.map(() => "");
    if (r === 1) added[0] = reviewGroupHeader(fiscalYear);
    if (r === 2) REVIEW_FIELDS.forEach((field, i) => (added[i] = reviewColumnHeader(field)));
    if (r >= headerRows) {
      const action = byNumber.get(Number(row[0]));
      if (action) {
        const cells = reviewCells(doc, action, fiscalYear);
        REVIEW_FIELDS.forEach((field, i) => (added[i] = fit(cells[field])));
      }
    }
    row.push(...added);
  });
  // The as-of date stays in the title row's last cell.
  const title = grid.cells[0]!;
  title[right] = title[left - 1]!;
  title[left - 1] = "";
  grid.merges.push({ top: 1, left, bottom: 1, right });
  return model;
}
