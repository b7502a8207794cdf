import type { Issue } from "../../core/errors.js";
import { DEFAULT_SCALES } from "../../core/review/scales.js";
import {
  PLAN_FORMAT,
  type Action,
  type Measure,
  type PlanDocument,
  type PlanMeta,
  type Strategy,
} from "../../core/plan/plan.schema.js";
import { municipalityOf } from "../table/assemble.js";
import { baseName } from "../table/relist.js";
import type { ImportDraft, ProgressListener } from "../import/import-types.js";
import { ROW_FIELDS, renderActionRow, type RowValues } from "./action-row.js";
import { sameValue } from "./same-value.js";
import {
  parseMeasureCell,
  parseStrategyCell,
  renderMeasureCell,
  renderStrategyCell,
} from "./system-cells.js";
import { findHeader } from "./xlsx-headers.js";
import { columnLetter } from "./xlsx-layout.js";
import { emptyMetadata, METADATA_SHEET, parseMetadata, type Metadata } from "./xlsx-metadata.js";
import type { ReadSheet } from "./xlsx-read.js";
import { reparse } from "./xlsx-render.js";
import { readActionRows, type SheetAction, type SheetRows } from "./xlsx-rows.js";
import { buildLocator } from "./xlsx-locate.js";

/** The exact values the metadata sheet keeps, where the row still shows what was written. */
function withExact(
  action: SheetAction,
  meta: Metadata,
  layout: Parameters<typeof renderActionRow>[1],
  warnings: Issue[],
  place: string,
): RowValues {
  const shown = action.parsed.values;
  const exact = meta.actions.get(action.number)?.exact ?? {};
  if (Object.keys(exact).length === 0) return shown;
  const candidate: RowValues = { ...shown, ...exact };
  const wouldShow = reparse(renderActionRow(candidate, layout), layout);
  const out: RowValues = { ...shown };
  for (const field of ROW_FIELDS) {
    if (!(field in exact)) continue;
    if (sameValue(wouldShow[field], shown[field])) (out as Record<string, unknown>)[field] = candidate[field];
    else
      warnings.push({ path: place, message: `${field} was edited in the sheet; the sheet's value is used` });
  }
  return out;
}

function strategiesOf(rows: SheetRows, meta: Metadata): { list: Strategy[]; codeOf: Map<number, string> } {
  const list = meta.strategies.map((s) => ({ ...s }));
  const codeOf = new Map<number, string>();
  for (const [position, shown] of [...rows.strategies].sort(([a], [b]) => a - b)) {
    const known = list[position - 1];
    const fromMeta =
      known &&
      sameValue(parseStrategyCell(renderStrategyCell(position, known)), {
        position,
        name: shown.name,
        subtitle: shown.subtitle,
      });
    if (known) {
      if (!fromMeta) Object.assign(known, { name: shown.name, subtitle: shown.subtitle });
      codeOf.set(position, known.code);
    } else {
      const code = String(position);
      list.push({ code, name: shown.name, subtitle: shown.subtitle });
      codeOf.set(position, code);
    }
  }
  return { list, codeOf };
}

function measuresOf(
  rows: SheetRows,
  meta: Metadata,
  strategyCode: Map<number, string>,
): { list: Measure[]; codeOf: Map<string, string> } {
  const list = meta.measures.map((m) => ({ ...m }));
  const codeOf = new Map<string, string>();
  for (const [key, shown] of rows.measures) {
    const strategy = strategyCode.get(shown.strategy)!;
    const siblings = list.filter((m) => m.strategy === strategy);
    const known = siblings[shown.position - 1];
    const parsedShown = { position: shown.position, name: shown.name, page: shown.page };
    if (known) {
      const fromMeta = sameValue(parseMeasureCell(renderMeasureCell(shown.position, known)), parsedShown);
      if (!fromMeta) Object.assign(known, { name: shown.name, page: shown.page });
      codeOf.set(key, known.code);
      continue;
    }
    const code = `${strategy}-${shown.position}`;
    const measure: Measure = { code, strategy, name: shown.name, page: shown.page };
    const lastSibling = list.map((m) => m.strategy).lastIndexOf(strategy);
    list.splice(lastSibling >= 0 ? lastSibling + 1 : list.length, 0, measure);
    codeOf.set(key, code);
  }
  return { list, codeOf };
}

/**
 * Reads a workbook in the official layout (one written by shinko, or a city's own sheet in the
 * same layout) into a plan draft. The table is the source of truth for what it shows; the
 * metadata sheet, when present, supplies what it cannot show.
 *
 * @example
 * const draft = parseWorkbook(await readWorkbook(bytes, "plan.xlsx"), { source: "plan.xlsx" });
 */
export function parseWorkbook(
  sheets: readonly ReadSheet[],
  options: { source: string; onProgress?: ProgressListener },
): ImportDraft {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const draft = (document: PlanDocument | null, extra: Partial<ImportDraft> = {}): ImportDraft => ({
    format: "xlsx",
    document,
    missingMeta: [],
    errors,
    warnings,
    ...extra,
  });

  const metaSheet = sheets.find((s) => s.grid.name === METADATA_SHEET);
  let meta = emptyMetadata();
  if (metaSheet) {
    const parsed = parseMetadata(metaSheet.grid.cells);
    meta = parsed.meta;
    errors.push(...parsed.errors);
  }
  const candidates = sheets.filter((s) => s !== metaSheet);
  let table: { sheet: ReadSheet; header: NonNullable<ReturnType<typeof findHeader>> } | null = null;
  for (const sheet of candidates) {
    const prefix = candidates.indexOf(sheet) === 0 ? "" : `sheet "${sheet.grid.name}", `;
    const place = (row: number, column?: number) =>
      `${prefix}row ${row + 1}${column === undefined || column < 0 ? "" : `, column ${columnLetter(column)}`}`;
    const header = findHeader(sheet.grid, place);
    if (header) {
      table = { sheet, header };
      break;
    }
  }
  if (!table) {
    errors.push({
      path: `sheet "${candidates[0]?.grid.name ?? "?"}", row 1`,
      message:
        "no header row found: expected the table's column headers (基本戦略, 具体的施策, 具体的アクション …)",
    });
    return draft(null);
  }
  const { sheet, header } = table;
  const { layout } = header;
  const prefix = candidates.indexOf(sheet) === 0 ? "" : `sheet "${sheet.grid.name}", `;
  const place = (row: number, column?: number) => {
    if (column === undefined || column < 0) return `${prefix}row ${row + 1}`;
    const name = layout.columns[column]?.header.replace(/\s+/gu, " ");
    return `${prefix}row ${row + 1}, column ${columnLetter(column)}${name ? ` (${name})` : ""}`;
  };
  errors.push(...header.errors);
  warnings.push(...header.warnings);
  for (const f of sheet.formulas) {
    errors.push({
      path: place(f.row, f.column),
      message: `the cell holds a formula (${f.formula}); formulas are not read: replace it with its value (Copy, then Paste Special → Values)`,
    });
  }
  for (const f of sheet.errorCells)
    errors.push({ path: place(f.row, f.column), message: `the cell shows an error (${f.formula})` });
  for (const f of [...sheet.controlCells, ...(metaSheet?.controlCells ?? [])]) {
    const where = sheet.controlCells.includes(f)
      ? place(f.row, f.column)
      : `sheet ${METADATA_SHEET}, row ${f.row + 1}, column ${columnLetter(f.column)}`;
    errors.push({
      path: where,
      message: `the cell holds a control character (${f.formula}), which a plan cannot keep; remove it`,
    });
  }
  if (errors.length > 0 && [...sheet.controlCells, ...(metaSheet?.controlCells ?? [])].length > 0)
    return draft(null);
  // A formula's value is never taken (it could be stale, or not what the sheet shows): refuse first.
  if (sheet.formulas.length + sheet.errorCells.length > 0) return draft(null);
  if (!layout.columns.some((c) => c.role.kind === "name")) {
    errors.push({
      path: place(header.firstDataRow - 1),
      message: "the header has no 具体的アクション column",
    });
    return draft(null);
  }

  const years = layout.years;
  const fiscalYears =
    years.length > 0 ? { from: years[0]!, to: years[years.length - 1]! } : meta.plan?.fiscalYears;
  const startYear = { min: (fiscalYears?.from ?? 2000) >= 2000 ? 1989 : 1868 };
  const rows = readActionRows(
    sheet.grid,
    layout,
    header.firstDataRow,
    place,
    { startYear },
    { errors, warnings },
    options.onProgress,
  );
  if (rows.actions.length === 0 && errors.length === 0) {
    errors.push({ path: place(header.firstDataRow), message: "the table has a header but no action rows" });
  }

  const seen = new Map<number, number>();
  const numberCol = layout.columns.findIndex((c) => c.role.kind === "number");
  for (const a of rows.actions) {
    const earlier = seen.get(a.number);
    if (earlier !== undefined)
      errors.push({
        path: place(a.row, numberCol),
        message: `action number ${a.number} repeats row ${earlier + 1}`,
      });
    else seen.set(a.number, a.row);
  }

  const strategies = strategiesOf(rows, meta);
  const measures = measuresOf(rows, meta, strategies.codeOf);
  const actions: Action[] = rows.actions.map((a) => {
    const values = withExact(a, meta, layout, warnings, place(a.row));
    return {
      number: a.number,
      measure: measures.codeOf.get(`${a.strategy.position}:${a.measure.position}`) ?? "",
      ...values,
      indicators: meta.actions.get(a.number)?.indicators ?? [],
      evaluations: meta.actions.get(a.number)?.evaluations ?? [],
      recovered: meta.actions.get(a.number)?.recovered ?? [],
    };
  });
  rows.actions.forEach((a, i) => {
    if (!a.parsed.relistUnresolved || actions[i]!.relistOf !== null) return;
    const key = baseName(actions[i]!.name);
    const twin = actions.find((o) => o.number < a.number && o.relistOf === null && baseName(o.name) === key);
    if (twin) actions[i]!.relistOf = twin.number;
    else
      warnings.push({
        path: place(a.row),
        message: `action ${a.number} is marked 再掲 but no earlier action has its name; write the number, e.g. 再掲 (No.11)`,
      });
  });

  const base = meta.plan;
  const title = header.title ?? base?.title ?? "";
  const missingMeta: (keyof PlanMeta)[] = [];
  const municipality = base?.municipality ?? municipalityOf(title);
  if (!base) missingMeta.push("id", "municipalityCode", "prefecture", "source", "license");
  if (municipality === null) missingMeta.push("municipality");
  const resultAsOf = layout.columns.flatMap((c) =>
    c.role.kind === "record" && c.role.record.kind === "result" && c.role.record.asOf
      ? [c.role.record.asOf]
      : [],
  );
  const asOf = header.asOf ?? base?.asOf ?? resultAsOf[resultAsOf.length - 1] ?? null;
  if (asOf === null) missingMeta.push("asOf");
  if (!fiscalYears)
    errors.push({
      path: place(header.firstDataRow - 1),
      message: "the header has no fiscal year columns (R6年度 …)",
    });
  const plan: PlanMeta = {
    ...(base ?? {}),
    id: base?.id ?? "",
    municipality: municipality ?? "",
    title,
    fiscalYears: fiscalYears ?? { from: 0, to: 0 },
    asOf: asOf ?? "",
  };
  const document: PlanDocument = {
    format: PLAN_FORMAT,
    plan,
    scales: meta.scales ?? DEFAULT_SCALES,
    strategies: strategies.list,
    measures: measures.list,
    actions,
  };
  return draft(document, {
    missingMeta,
    // A sheet without shinko's metadata (a city's own) cannot carry the scales, indicators and evaluations.
    lacks: {
      scales: meta.scales === null,
      indicators: metaSheet === undefined,
      recovered: metaSheet === undefined,
    },
    locate: buildLocator(layout, rows, document, header.firstDataRow, place),
    table: { layout, spans: true },
  });
}
