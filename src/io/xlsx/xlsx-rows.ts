import type { Issue } from "../../core/errors.js";
import type { YearBounds } from "../../core/fiscal/index.js";
import { isHeaderRow } from "../table/layout.js";
import { parseActionRow, type ParsedRow } from "./action-row.js";
import {
  parseMeasureCell,
  parseStrategyCell,
  type ShownMeasure,
  type ShownStrategy,
} from "./system-cells.js";
import { mergesByRow, type Grid } from "./xlsx-grid.js";
import type { SheetLayout } from "./xlsx-layout.js";
import type { ProgressListener } from "../import/import-types.js";

/** An action row as the sheet shows it, before codes are assigned. */
export interface SheetAction {
  row: number;
  number: number;
  strategy: ShownStrategy;
  measure: ShownMeasure & { position: number };
  parsed: ParsedRow;
}

export interface SheetRows {
  actions: SheetAction[];
  /** Strategies and measures as first shown, with the row they were first shown on. */
  strategies: Map<number, ShownStrategy & { row: number }>;
  measures: Map<string, ShownMeasure & { position: number; strategy: number; row: number }>;
}

/**
 * Walks the action rows below the header. Strategy and measure cells are merged over their
 * actions (or, in a hand-made sheet, written once and left blank below): either way they run on.
 */
export function readActionRows(
  grid: Grid,
  layout: SheetLayout,
  firstRow: number,
  place: (row: number, column?: number) => string,
  bounds: { startYear: YearBounds },
  problems: { errors: Issue[]; warnings: Issue[] },
  onProgress?: ProgressListener,
): SheetRows {
  const { errors, warnings } = problems;
  const col = (kind: string) => layout.columns.findIndex((c) => c.role.kind === kind);
  const numberCol = col("number");
  const strategyCol = col("strategy");
  const measureCol = col("measure");
  const byRow = mergesByRow(grid.merges);
  const out: SheetRows = { actions: [], strategies: new Map(), measures: new Map() };
  let strategy: ShownStrategy | null = null;
  let measure: (ShownMeasure & { position: number }) | null = null;
  let unnumbered = 0;
  const total = grid.cells.length;

  for (let r = firstRow; r < total; r++) {
    if (onProgress && r % 500 === 0) onProgress("reading rows", r, total);
    const raw = grid.cells[r] ?? [];
    if (raw.every((c) => c.trim() === "") || isHeaderRow(raw)) continue;
    const merges = byRow.get(r) ?? [];
    const mergeAt = (c: number) => merges.find((m) => c >= m.left && c <= m.right);
    // Vertical merges show the top cell's value on every row; the columns after a horizontal
    // merge's first are empty (the schedule reads the span from spanOf).
    const shown = (c: number) => {
      const m = mergeAt(c);
      if (!m) return raw[c] ?? "";
      return m.left === c ? (grid.cells[m.top]?.[m.left] ?? "") : "";
    };
    const filled = raw.filter((c) => c.trim() !== "");
    if (filled.length === 1 && /^[※注*]/u.test(filled[0]!.trim())) {
      warnings.push({ path: place(r), message: "a note below the table; ignored" });
      continue;
    }

    const strategyText = strategyCol >= 0 ? shown(strategyCol).trim() : "";
    if (strategyText !== "") {
      const s = parseStrategyCell(strategyText);
      if (!s)
        errors.push({
          path: place(r, strategyCol),
          message: `"${strategyText}" is not a strategy cell like (1) イノベーション (Change・Chance・Challenge)`,
        });
      else if (s.position !== strategy?.position || s.name !== strategy.name) {
        strategy = s;
        measure = null;
        if (!out.strategies.has(s.position)) out.strategies.set(s.position, { ...s, row: r });
      }
    }
    const measureText = measureCol >= 0 ? shown(measureCol).trim() : "";
    if (measureText !== "" && strategy) {
      const m = parseMeasureCell(measureText);
      if (!m)
        errors.push({
          path: place(r, measureCol),
          message: `"${measureText}" is not a measure cell like ① … (P48)`,
        });
      else if (m.name !== measure?.name || (m.position !== null && m.position !== measure.position)) {
        const own = strategy.position;
        const known = [...out.measures.values()].filter((x) => x.strategy === own);
        const position = m.position ?? known.find((x) => x.name === m.name)?.position ?? known.length + 1;
        measure = { ...m, position };
        const key = `${own}:${position}`;
        if (!out.measures.has(key)) out.measures.set(key, { ...measure, strategy: own, row: r });
      }
    }

    let number: number;
    const numberText = numberCol >= 0 ? shown(numberCol).trim() : "";
    if (numberCol < 0) number = ++unnumbered;
    else if (/^\d{1,7}$/u.test(numberText) && Number(numberText) > 0) number = Number(numberText);
    else {
      errors.push({
        path: place(r, numberCol),
        message:
          numberText === "" ? "the action number is missing" : `"${numberText}" is not an action number`,
      });
      continue;
    }
    if (!strategy) {
      errors.push({
        path: place(r, strategyCol >= 0 ? strategyCol : undefined),
        message: `action ${number} has no strategy (基本戦略) on or above its row`,
      });
      continue;
    }
    if (!measure) {
      errors.push({
        path: place(r, measureCol >= 0 ? measureCol : undefined),
        message: `action ${number} has no measure (具体的施策) on or above its row`,
      });
      continue;
    }
    const parsed = parseActionRow(shown, (c) => mergeAt(c)?.right ?? c, layout, bounds);
    for (const e of parsed.errors) errors.push({ path: place(r, e.column), message: e.message });
    for (const w of parsed.warnings) warnings.push({ path: place(r, w.column), message: w.message });
    if (parsed.values.name === "") {
      errors.push({
        path: place(r, col("name")),
        message: `action ${number} has no name (具体的アクション)`,
      });
    }
    out.actions.push({ row: r, number, strategy, measure, parsed });
  }
  if (numberCol < 0 && out.actions.length > 0) {
    warnings.push({
      path: place(firstRow),
      message: "the sheet has no number column: actions are numbered in row order",
    });
  }
  return out;
}
