import type { Issue } from "../../core/errors.js";
import type { Action, Measure, Strategy } from "../../core/plan/plan.schema.js";
import type { MeasureCell, StrategyCell } from "./cells.js";
import type { PlacedRow } from "./parse.js";
import type { TableOptions } from "./assemble.js";
import { defaultNotePlace } from "./cells.js";

interface Start {
  number: number;
  line: number;
  strategy: StrategyCell | null;
  measure: MeasureCell | null;
  /** From a row that only repeats left-hand cells (page 2 of Kadoma's table). */
  fromRepeat: boolean;
}

/**
 * Strategies and measures start at the row that prints them and run on until the next one.
 * Rows that only repeat left-hand cells (no name) still say where a measure starts, by the number
 * printed beside it.
 */
export function assignMeasures(
  placed: readonly PlacedRow[],
  drafts: readonly { placed: PlacedRow; number: number; action: Action }[],
  options: TableOptions,
  warnings: Issue[],
  errors: Issue[],
): { strategies: Strategy[]; measures: Measure[] } {
  const numberOfRow = new Map(drafts.map((d) => [d.placed.row, d.number]));
  const starts: Start[] = [];
  for (const { row } of placed) {
    if (!row.strategy && !row.measure) continue;
    const number = numberOfRow.get(row) ?? row.visibleNumber;
    if (number === null || number === undefined) {
      warnings.push({
        path: options.place(row.line),
        message: "a strategy or measure cell with no action beside it; ignored",
      });
      continue;
    }
    starts.push({
      number,
      line: row.line,
      strategy: row.strategy,
      measure: row.measure,
      fromRepeat: row.name === null,
    });
  }
  starts.sort((a, b) => a.number - b.number);

  const strategies: Strategy[] = [];
  const measures: Measure[] = [];
  const measureStarts: { number: number; code: string; line: number; fromRepeat: boolean }[] = [];
  let strategy: string | null = null;
  for (const s of starts) {
    if (s.strategy) {
      strategy = String(s.strategy.number);
      if (!strategies.some((x) => x.code === strategy)) {
        strategies.push({ code: strategy, name: s.strategy.name, subtitle: s.strategy.subtitle });
      }
    }
    if (!s.measure) continue;
    if (strategy === null) {
      errors.push({
        path: options.place(s.line),
        message: `measure "${s.measure.name}" comes before any strategy (基本戦略)`,
      });
      continue;
    }
    const owner = strategy;
    const index = s.measure.index ?? measures.filter((m) => m.strategy === owner).length + 1;
    const code = `${owner}-${index}`;
    const known = measures.find((m) => m.code === code);
    if (!known) measures.push({ code, strategy: owner, name: s.measure.name, page: s.measure.page });
    else if (known.name !== s.measure.name) {
      warnings.push({
        path: options.place(s.line),
        message: `measure ${code} printed again as "${s.measure.name}"; kept "${known.name}"`,
      });
    }
    measureStarts.push({ number: s.number, code, line: s.line, fromRepeat: s.fromRepeat });
  }

  for (const d of drafts) {
    let start: (typeof measureStarts)[number] | undefined;
    for (const m of measureStarts) if (m.number <= d.number) start = m;
    if (!start) {
      errors.push({
        path: options.place(d.placed.row.line),
        message: `action ${d.number} has no measure (具体的施策) above it`,
      });
      continue;
    }
    d.action.measure = start.code;
    if (start.fromRepeat) {
      d.action.recovered.push({
        field: "measure",
        from: `${(options.notePlace ?? defaultNotePlace)(start.line)}（ページ左側の欄が繰り返された行）`,
        note: `繰り返された左側の欄で番号${start.number}の横に印字された具体的施策が、施策${start.code}の始まりを示しています。`,
      });
    }
  }
  return { strategies, measures };
}
