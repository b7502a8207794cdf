import { z } from "zod";
import { parseFiscalYear } from "../../core/fiscal/index.js";
import { evaluationSchema, type Evaluation } from "../../core/plan/plan.schema.js";
import { toIssues } from "../../core/validation.js";
import { sameValue } from "../xlsx/same-value.js";
import type { CellParse } from "./schedule-cell.js";

/**
 * An action's published evaluations (評価) in one CSV cell:
 *
 *     【2024年度】評価: A / 方向性: continue
 *     計画どおり認定が進んだ。
 *
 * The heading names the fiscal year, the grade and the direction (codes of the plan's scales;
 * `―` for none); the analysis follows on the next lines. An analysis line that starts with 【 or
 * a backslash is written with a backslash in front. An evaluation the notation cannot hold
 * exactly is written as JSON, which the reader also takes. Documented in docs/import-export.md.
 */

/** "Not set"; ― (U+2015) survives Shift_JIS, — (U+2014) does not. */
const DASH = "―";
const HEAD = /^【\s*(.+?年度|\d{4})\s*】\s*評価\s*[:：]\s*(\S+)\s*[/／]\s*方向性\s*[:：]\s*(\S+)\s*$/u;

const code = (c: string | null) => (c === null ? DASH : c);

/** @example renderEvaluations(action.evaluations) */
export function renderEvaluations(evaluations: readonly Evaluation[]): string {
  if (evaluations.length === 0) return "";
  const text = evaluations
    .map((e) => {
      const body = e.analysis === "" ? [] : e.analysis.split("\n");
      const lines = body.map((l) => (l.startsWith("【") || l.startsWith("\\") ? `\\${l}` : l));
      return [`【${e.fiscalYear}年度】評価: ${code(e.grade)} / 方向性: ${code(e.direction)}`, ...lines].join(
        "\n",
      );
    })
    .join("\n");
  const back = parseEvaluations(text);
  return back.ok && sameValue(back.value, evaluations) ? text : JSON.stringify(evaluations);
}

/** Reads an evaluations cell (the notation above, or JSON); errors name the line of the cell. */
export function parseEvaluations(cell: string): CellParse<Evaluation[]> {
  if (cell.trim() === "") return { ok: true, value: [] };
  const errors: string[] = [];
  let raw: unknown;
  if (cell.trim().startsWith("[")) {
    try {
      raw = JSON.parse(cell);
    } catch {
      return { ok: false, errors: ["is neither the evaluation notation nor valid JSON"] };
    }
  } else {
    const list: {
      fiscalYear: number | null;
      grade: string | null;
      direction: string | null;
      lines: string[];
    }[] = [];
    cell
      .replace(/\r\n?/gu, "\n")
      .split("\n")
      .forEach((line, index) => {
        const where = `line ${index + 1} of the cell: `;
        const head = HEAD.exec(line);
        if (head) {
          const fy = parseFiscalYear(head[1]!, { min: 1900 });
          if (!fy.ok) errors.push(`${where}${fy.error}`);
          const value = (s: string) => (s === DASH || s === "-" || s === "—" ? null : s);
          list.push({
            fiscalYear: fy.ok ? fy.value : null,
            grade: value(head[2]!),
            direction: value(head[3]!),
            lines: [],
          });
          return;
        }
        const current = list[list.length - 1];
        if (!current) {
          if (line.trim() !== "")
            errors.push(
              `${where}an evaluation starts with a line like 【2024年度】評価: A / 方向性: continue`,
            );
          return;
        }
        current.lines.push(line.startsWith("\\") ? line.slice(1) : line);
      });
    raw = list.map((e) => ({
      fiscalYear: e.fiscalYear,
      grade: e.grade,
      direction: e.direction,
      analysis: e.lines.join("\n"),
    }));
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = z.array(evaluationSchema).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toIssues(result.error).map((i) => `${i.path}: ${i.message}`) };
}
