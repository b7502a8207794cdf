import type { ScheduleItem } from "../../../core/plan/plan.schema.js";

/** One cell of a schedule grid: a label over `span` consecutive years, or an empty year. */
export interface ScheduleCell {
  from: number;
  to: number;
  span: number;
  /** Empty when nothing is scheduled; several labels when the data overlaps. */
  labels: string[];
}

/**
 * Lays schedule items over a row of fiscal years, the way the city's table spans a label over
 * the years it covers. Items outside the years are clipped; overlapping items share a cell.
 *
 * @example
 * scheduleCells([{ from: 2025, to: 2026, label: "実施" }], [2024, 2025, 2026])
 * // [{ from: 2024, to: 2024, span: 1, labels: [] }, { from: 2025, to: 2026, span: 2, labels: ["実施"] }]
 */
export function scheduleCells(items: readonly ScheduleItem[], years: readonly number[]): ScheduleCell[] {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return [];
  const clipped = items
    .filter((s) => s.to >= first && s.from <= last)
    .map((s) => ({ from: Math.max(s.from, first), to: Math.min(s.to, last), label: s.label }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const cells: ScheduleCell[] = [];
  let cursor = first;
  for (const item of clipped) {
    const previous = cells[cells.length - 1];
    if (item.from < cursor && previous && previous.labels.length > 0) {
      // Overlaps the cell before: widen it rather than drop a label.
      previous.to = Math.max(previous.to, item.to);
      previous.span = previous.to - previous.from + 1;
      previous.labels.push(item.label);
      cursor = previous.to + 1;
      continue;
    }
    if (item.from > cursor) cells.push(...emptyYears(cursor, item.from - 1));
    cells.push({ from: item.from, to: item.to, span: item.to - item.from + 1, labels: [item.label] });
    cursor = item.to + 1;
  }
  if (cursor <= last) cells.push(...emptyYears(cursor, last));
  return cells;
}

function emptyYears(from: number, to: number): ScheduleCell[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    from: from + i,
    to: from + i,
    span: 1,
    labels: [],
  }));
}

/**
 * Labels that say something is still open (検討, 見直し, 未定, 予定) are drawn as tentative bars;
 * the label text is always shown, so the style is never the only signal.
 */
export function isTentative(label: string): boolean {
  return /検討|見直し|未定|予定|選定/u.test(label);
}
