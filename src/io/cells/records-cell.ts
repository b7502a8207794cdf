import { parseFiscalYear, parseJapaneseDate, type YearBounds } from "../../core/fiscal/index.js";
import type { PlanRecord } from "../../core/plan/plan.schema.js";
import type { CellParse } from "./schedule-cell.js";

/**
 * Records (現状 and 実績) in one cell (CSV): each starts with a line `[2023 現状 2024-03-31]`
 * (fiscal year, 現状 or 実績, the as-of date or nothing) and its text follows on the next lines.
 * A text line that starts with [ or a backslash is written with a backslash in front.
 * Documented in docs/import-export.md.
 */

const KIND_WORD = { baseline: "現状", result: "実績" } as const;
const HEADER = /^\[\s*([^\s\]]+)\s+(現状|実績|baseline|result)\s*([^\]]*?)\s*\]$/iu;

/** @example renderRecords([{ fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: "実施" }]) */
export function renderRecords(records: readonly PlanRecord[]): string {
  return records
    .map((r) => {
      const head = `[${r.fiscalYear} ${KIND_WORD[r.kind]}${r.asOf ? ` ${r.asOf}` : ""}]`;
      const body = r.text.split(/\r?\n/).map((l) => (l.startsWith("[") || l.startsWith("\\") ? `\\${l}` : l));
      return [head, ...body].join("\n");
    })
    .join("\n");
}

/** Reads a records cell; errors name the line of the cell. */
export function parseRecords(cell: string, bounds: YearBounds = {}): CellParse<PlanRecord[]> {
  const records: { head: Omit<PlanRecord, "text">; lines: string[] }[] = [];
  const errors: string[] = [];
  const lines = cell.replace(/\r\n?/g, "\n").split("\n");
  // After a heading that could not be read, its text is skipped rather than reported again.
  let skipping = false;
  lines.forEach((raw, i) => {
    const where = `line ${i + 1} of the cell: `;
    if (raw.startsWith("[")) {
      skipping = true;
      const m = HEADER.exec(raw.trim());
      if (!m) {
        errors.push(`${where}"${raw.trim()}" is not a record heading like [2024 実績 2025-02-28]`);
        return;
      }
      const fy = parseFiscalYear(m[1]!, bounds);
      if (!fy.ok) {
        errors.push(`${where}${fy.error}`);
        return;
      }
      const kind = m[2] === "現状" || m[2]!.toLowerCase() === "baseline" ? "baseline" : "result";
      let asOf: string | null = null;
      if (m[3] !== "") {
        const date = parseJapaneseDate(m[3]!);
        if (!date.ok) {
          errors.push(`${where}${date.error}`);
          return;
        }
        asOf = date.value;
      }
      records.push({ head: { fiscalYear: fy.value, kind, asOf }, lines: [] });
      skipping = false;
      return;
    }
    if (skipping) return;
    const text = raw.startsWith("\\") ? raw.slice(1) : raw;
    const current = records[records.length - 1];
    if (current) current.lines.push(text);
    else if (text.trim() !== "") errors.push(`${where}text before the first [YEAR 現状|実績 DATE] heading`);
  });
  if (errors.length > 0) return { ok: false, errors };
  const value: PlanRecord[] = [];
  for (const r of records) {
    const text = r.lines.join("\n").trim();
    if (text === "") {
      errors.push(`record [${r.head.fiscalYear} ${KIND_WORD[r.head.kind]}] has no text`);
      continue;
    }
    value.push({ ...r.head, text });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
