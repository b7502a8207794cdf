import { DomainError, type Issue } from "../../core/errors.js";
import type { Action, PlanDocument } from "../../core/plan/plan.schema.js";
import { CHALLENGES, DESCRIPTION, renderMarkedList } from "../cells/marked-list.js";
import { renderEvaluations } from "../cells/evaluations-cell.js";
import { renderIndicators } from "../cells/indicators-cell.js";
import { renderRecords } from "../cells/records-cell.js";
import { renderSchedule } from "../cells/schedule-cell.js";
import { renderTags } from "../cells/tags.js";
import { encodeText, findUnencodable, type TextEncoding } from "../text/text-encoding.js";
import { writeCsv } from "./csv-codec.js";
import { CSV_COLUMNS, protectCell, type CsvKey } from "./csv-columns.js";

function actionRow(doc: PlanDocument, a: Action): Record<CsvKey, string> {
  const measure = doc.measures.find((m) => m.code === a.measure);
  const strategy = doc.strategies.find((s) => s.code === measure?.strategy);
  const p = doc.plan;
  return {
    plan_id: p.id,
    municipality: p.municipality,
    municipality_code: p.municipalityCode ?? "",
    prefecture: p.prefecture ?? "",
    plan_title: p.title,
    plan_from: String(p.fiscalYears.from),
    plan_to: String(p.fiscalYears.to),
    plan_as_of: p.asOf,
    plan_source: p.source ?? "",
    plan_license_id: p.license?.id ?? "",
    plan_license: p.license?.name ?? "",
    plan_license_url: p.license?.url ?? "",
    plan_license_note: p.license?.note ?? "",
    strategy_code: strategy?.code ?? "",
    strategy: strategy?.name ?? "",
    strategy_subtitle: strategy?.subtitle ?? "",
    measure_code: a.measure,
    measure: measure?.name ?? "",
    measure_page: measure?.page === null || measure === undefined ? "" : String(measure.page),
    number: String(a.number),
    name: a.name,
    tags: renderTags(a.tags),
    is_new: a.isNew ? "新規" : "既存",
    is_priority: a.isPriority ? "◎" : "",
    relist_of: a.relistOf === null ? "" : String(a.relistOf),
    description: renderMarkedList(a.description, DESCRIPTION),
    start_fiscal_year: a.startFiscalYear === null ? "" : String(a.startFiscalYear),
    schedule: renderSchedule(a.schedule),
    records: renderRecords(a.records),
    challenges: renderMarkedList(
      a.challenges.map((text) => ({ kind: "item" as const, text })),
      CHALLENGES,
    ),
    indicators: renderIndicators(a.indicators),
    evaluations: renderEvaluations(a.evaluations),
    recovered: a.recovered.length > 0 ? JSON.stringify(a.recovered) : "",
  };
}

/**
 * A plan as CSV, one row per action: UTF-8 with a BOM (what Excel in Japan opens correctly) or
 * Shift_JIS. Shift_JIS cannot hold every character; rather than write ? in their place, the
 * export is refused with the places of the characters it cannot hold.
 *
 * @example
 * const bytes = exportCsv(doc, "sjis");
 */
export function exportCsv(doc: PlanDocument, encoding: TextEncoding = "utf8"): Uint8Array {
  const header = CSV_COLUMNS.map((c) => c.header);
  const rows = [...doc.actions]
    .sort((a, b) => a.number - b.number)
    .map((a) => {
      const row = actionRow(doc, a);
      return CSV_COLUMNS.map((c) => protectCell(row[c.key]));
    });
  if (encoding === "sjis") {
    const issues: Issue[] = [];
    rows.forEach((row) => {
      row.forEach((cell, c) => {
        for (const bad of findUnencodable(cell)) {
          const code = bad.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
          issues.push({
            path: `action ${row[CSV_COLUMNS.findIndex((x) => x.key === "number")]}, ${header[c]}`,
            message: `「${bad.char}」 (U+${code}) cannot be written in Shift_JIS`,
          });
        }
      });
    });
    if (issues.length > 0) {
      throw new DomainError(
        "validation_failed",
        `the plan holds ${issues.length} character(s) that Shift_JIS cannot hold; export as UTF-8 (the default) instead`,
        issues,
      );
    }
  }
  return encodeText(writeCsv([header, ...rows]), encoding);
}
