import { parseFiscalYear, type YearBounds } from "../../core/fiscal/index.js";
import type { ScheduleItem } from "../../core/plan/plan.schema.js";

/**
 * A schedule in one cell (CSV): one label a line, `FROM[-TO]: label`, western fiscal years
 * (2024, 2025-2026); era forms are read too (R7-R8, 令和7年度～令和8年度). A label that runs over
 * several lines continues on lines that start with a backslash. Documented in docs/import-export.md.
 */

/** @example renderSchedule([{ from: 2025, to: 2026, label: "実施" }]) // "2025-2026: 実施" */
export function renderSchedule(items: readonly ScheduleItem[]): string {
  return items
    .map((s) => {
      const [first = "", ...rest] = s.label.split(/\r?\n/);
      const years = s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`;
      return [`${years}: ${first}`, ...rest.map((l) => `\\${l}`)].join("\n");
    })
    .join("\n");
}

export type CellParse<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const LINE = /^([^:：]+?)\s*[:：]\s?(.*)$/su;
const RANGE_SEPARATOR = /\s*(?:〜|～|~|–|—|－|-(?=\s*(?:[A-Za-z明大昭平令]|\d{4})))\s*/u;

function parseRange(text: string, bounds: YearBounds): { from: number; to: number } | string {
  const parts = text.split(RANGE_SEPARATOR);
  if (parts.length > 2) return `"${text}" is not a year or a range of years`;
  const years: number[] = [];
  for (const part of parts) {
    const fy = parseFiscalYear(part, bounds);
    if (!fy.ok) return fy.error;
    years.push(fy.value);
  }
  const from = years[0]!;
  const to = years[1] ?? from;
  if (to < from) return `"${text}" ends before it starts`;
  return { from, to };
}

/** Reads a schedule cell; every error names the line of the cell it is on. */
export function parseSchedule(cell: string, bounds: YearBounds = {}): CellParse<ScheduleItem[]> {
  const items: ScheduleItem[] = [];
  const errors: string[] = [];
  const lines = cell.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const where = lines.length > 1 ? `line ${i + 1} of the cell: ` : "";
    if (line.startsWith("\\")) {
      const last = items[items.length - 1];
      if (last) last.label = `${last.label}\n${raw.trimEnd().slice(raw.indexOf("\\") + 1)}`;
      else errors.push(`${where}a continuation line (\\) before any label`);
      return;
    }
    const m = LINE.exec(line);
    if (!m) {
      errors.push(`${where}"${line}" is not "YEAR: label" or "FROM-TO: label" (e.g. 2025-2026: 実施)`);
      return;
    }
    const range = parseRange(m[1]!, bounds);
    if (typeof range === "string") {
      errors.push(`${where}${range}`);
      return;
    }
    const label = m[2]!.trim();
    if (label === "") {
      errors.push(`${where}"${line}" has no label after the years`);
      return;
    }
    items.push({ ...range, label });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: items };
}
