import { formatJapaneseDate } from "../../core/fiscal/index.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import {
  parseActionRow,
  renderActionRow,
  ROW_FIELDS,
  type RenderedRow,
  type RowValues,
} from "./action-row.js";
import { sameValue } from "./same-value.js";
import { renderMeasureCell, renderStrategyCell } from "./system-cells.js";
import { CELL_LIMIT, type ActionExtras, type Metadata } from "./xlsx-metadata.js";
import type { CellRange, Grid } from "./xlsx-grid.js";
import { GROUPS, layoutForPlan, type SheetLayout } from "./xlsx-layout.js";

/** The table sheet of a plan, as cells and merges, plus the metadata the cells cannot hold. */
export interface SheetModel {
  layout: SheetLayout;
  grid: Grid;
  /** Rows 0..headerRows-1 are the title and the two header rows. */
  headerRows: number;
  metadata: Metadata;
}

export const TABLE_SHEET = "アクションプラン";
export const HEADER_ROWS = 3;

/** Reads a rendered row back, as the importer would. */
export function reparse(rendered: RenderedRow, layout: SheetLayout): RowValues {
  const spanEnd = new Map(rendered.spans.map(([a, b]) => [a, b]));
  return parseActionRow(
    (i) => rendered.cells.get(i) ?? "",
    (i) => spanEnd.get(i) ?? i,
    layout,
    { startYear: {} },
  ).values;
}

/** Cells over Excel's limit are cut (the metadata sheet keeps the whole value). */
function fit(text: string): string {
  return text.length > CELL_LIMIT ? `${text.slice(0, CELL_LIMIT - 1)}…` : text;
}

function runs<T>(items: readonly T[], key: (item: T) => string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  items.forEach((item, i) => {
    const last = out[out.length - 1];
    if (last && key(items[last.start]!) === key(item)) last.end = i;
    else out.push({ start: i, end: i });
  });
  return out;
}

/**
 * Lays a plan out as the city's table: one row per action in number order, strategy and measure
 * cells merged over their actions, schedule labels merged over the years they span.
 *
 * @example
 * const { grid, metadata } = renderPlanSheet(doc);
 */
export function renderPlanSheet(doc: PlanDocument): SheetModel {
  const layout = layoutForPlan(doc);
  const width = layout.columns.length;
  const col = (kind: string) => layout.columns.findIndex((c) => c.role.kind === kind);
  const cells: string[][] = [];
  const merges: CellRange[] = [];

  const title = Array<string>(width).fill("");
  title[0] = doc.plan.title;
  title[width - 1] = `${formatJapaneseDate(doc.plan.asOf, { monthEnd: true })}時点`;
  cells.push(title);
  merges.push({ top: 0, left: 0, bottom: 0, right: Math.max(0, col("description")) });

  const groups = Array<string>(width).fill("");
  const details = layout.columns.map((c) => c.header);
  const span = (name: string, left: number, right: number) => {
    groups[left] = name;
    if (right > left) merges.push({ top: 1, left, bottom: 1, right });
  };
  span(GROUPS.system, col("strategy"), col("measure"));
  span(GROUPS.action, col("flag"), col("start"));
  span(GROUPS.schedule, col("year"), col("challenges") - 1);
  for (const kind of ["number", "challenges"]) {
    const i = col(kind);
    groups[i] = details[i]!;
    details[i] = "";
    merges.push({ top: 1, left: i, bottom: 2, right: i });
  }
  cells.push(groups, details);

  const strategyPosition = new Map(doc.strategies.map((s, i) => [s.code, i + 1]));
  const measureOf = new Map(doc.measures.map((m) => [m.code, m]));
  const measurePosition = new Map<string, number>();
  for (const s of doc.strategies) {
    doc.measures.filter((m) => m.strategy === s.code).forEach((m, i) => measurePosition.set(m.code, i + 1));
  }

  const actions = [...doc.actions].sort((a, b) => a.number - b.number);
  const metadata: Metadata = {
    plan: doc.plan,
    scales: doc.scales,
    strategies: doc.strategies,
    measures: doc.measures,
    actions: new Map(),
  };
  for (const action of actions) {
    const rendered = renderActionRow(action, layout);
    const row = Array<string>(width).fill("");
    for (const [i, text] of rendered.cells) row[i] = fit(text);
    row[col("number")] = String(action.number);
    const r = cells.length;
    for (const [left, right] of rendered.spans) merges.push({ top: r, left, bottom: r, right });
    cells.push(row);

    const shown = reparse({ cells: new Map(row.map((t, i) => [i, t])), spans: rendered.spans }, layout);
    const extras: ActionExtras = {
      recovered: action.recovered,
      indicators: action.indicators,
      evaluations: action.evaluations,
      exact: {},
    };
    for (const field of ROW_FIELDS) {
      if (!sameValue(shown[field], action[field]))
        (extras.exact as Record<string, unknown>)[field] = action[field];
    }
    const kept = extras.recovered.length + extras.indicators.length + extras.evaluations.length;
    if (kept > 0 || Object.keys(extras.exact).length > 0) {
      metadata.actions.set(action.number, extras);
    }
  }

  const strategyOf = (a: (typeof actions)[number]) => measureOf.get(a.measure)?.strategy ?? "";
  for (const { start, end } of runs(actions, strategyOf)) {
    const code = strategyOf(actions[start]!);
    const strategy = doc.strategies.find((s) => s.code === code);
    if (!strategy) continue;
    cells[HEADER_ROWS + start]![col("strategy")] = renderStrategyCell(strategyPosition.get(code)!, strategy);
    if (end > start)
      merges.push({
        top: HEADER_ROWS + start,
        left: col("strategy"),
        bottom: HEADER_ROWS + end,
        right: col("strategy"),
      });
  }
  for (const { start, end } of runs(actions, (a) => a.measure)) {
    const measure = measureOf.get(actions[start]!.measure);
    if (!measure) continue;
    cells[HEADER_ROWS + start]![col("measure")] = renderMeasureCell(
      measurePosition.get(measure.code)!,
      measure,
    );
    if (end > start)
      merges.push({
        top: HEADER_ROWS + start,
        left: col("measure"),
        bottom: HEADER_ROWS + end,
        right: col("measure"),
      });
  }
  return { layout, grid: { name: TABLE_SHEET, cells, merges }, headerRows: HEADER_ROWS, metadata };
}
