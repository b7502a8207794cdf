import { z } from "zod";
import { parseFiscalYear } from "../../core/fiscal/index.js";
import { indicatorSchema, type Evidence, type Indicator } from "../../core/indicators/indicator.schema.js";
import { toIssues } from "../../core/validation.js";
import { sameValue } from "../xlsx/same-value.js";
import type { CellParse } from "./schedule-cell.js";

/**
 * An action's indicators (指標) in one CSV cell, as a person reads and edits them:
 *
 *     [1] 先端設備等導入計画の認定件数 (件, 活動指標)
 *     基準値 2023年度: 17
 *     根拠 2023年度 現状: 【令和5年度 17件認定(投資額計約4.06億円)】
 *     2024年度: 目標 20 / 実績 13
 *     根拠 2024年度 実績: 【令和6年度 13件認定(投資額計約4.26億円)】
 *     出典: 門真市ものづくり産業振興計画アクションプラン
 *
 * `[code] name (unit, 活動指標|成果指標)` starts an indicator; `―` is "not set". A 根拠 line
 * belongs to the value above it; 自動算出 (a computed value's provenance) and 算出元 (the source
 * an indicator is computed from) carry their parameters as JSON. An indicator that this notation
 * cannot hold exactly (a line break in a text, a unit with a comma) is written as JSON, which the
 * reader also takes (older files hold JSON). Documented in docs/import-export.md.
 */

const KIND = { activity: "活動指標", outcome: "成果指標" } as const;
/** "Not set"; ― (U+2015) survives Shift_JIS, — (U+2014) does not. */
const DASH = "―";
const HEAD = /^\[([^\]\s]+)\]\s*(.+?)\s*[(（]\s*([^,，()（）]+?)\s*[,，、]\s*(活動指標|成果指標)\s*[)）]$/u;
const KIND_WORD = { baseline: "現状", result: "実績" } as const;

const num = (n: number | null) => (n === null ? DASH : String(n));

function evidenceLine(e: Evidence | null): string[] {
  return e ? [`根拠 ${e.record.fiscalYear}年度 ${KIND_WORD[e.record.kind]}: ${e.excerpt}`] : [];
}

function renderOne(i: Indicator): string {
  const lines = [`[${i.code}] ${i.name} (${i.unit}, ${KIND[i.kind]})`];
  if (i.baseline) {
    lines.push(
      `基準値 ${i.baseline.fiscalYear}年度: ${i.baseline.value}`,
      ...evidenceLine(i.baseline.evidence),
    );
  }
  for (const v of i.values) {
    lines.push(
      `${v.fiscalYear}年度: 目標 ${num(v.target)} / 実績 ${num(v.actual)}`,
      ...evidenceLine(v.evidence),
    );
    if (v.computed) {
      const c = v.computed;
      lines.push(
        `自動算出: ${c.source} ${c.asOf} ${c.count}件${c.empty ? " 記録なし" : ""} ${JSON.stringify(c.params)}`,
      );
    }
  }
  lines.push(`出典: ${i.source}`);
  if (i.computedFrom) lines.push(`算出元: ${i.computedFrom.source} ${JSON.stringify(i.computedFrom.params)}`);
  return lines.join("\n");
}

/** @example renderIndicators(action.indicators) */
export function renderIndicators(indicators: readonly Indicator[]): string {
  if (indicators.length === 0) return "";
  const text = indicators.map(renderOne).join("\n");
  const back = parseIndicators(text);
  return back.ok && sameValue(back.value, indicators) ? text : JSON.stringify(indicators);
}

function year(text: string, errors: string[], where: string): number | null {
  const fy = parseFiscalYear(text, { min: 1900 });
  if (fy.ok) return fy.value;
  errors.push(`${where}${fy.error}`);
  return null;
}

function quantity(text: string, errors: string[], where: string): number | null {
  const t = text.trim().replace(/[,，]/gu, "");
  if (t === DASH || t === "-" || t === "—" || t === "") return null;
  const n = Number(t.normalize("NFKC"));
  if (!Number.isFinite(n)) errors.push(`${where}"${text.trim()}" is not a number (or — for none)`);
  return Number.isFinite(n) ? n : null;
}

const VALUE = /^(.+?年度|\d{4})\s*[:：]\s*目標\s*(\S+)\s*[/／]\s*実績\s*(\S+)$/u;
const BASELINE = /^基準値\s*(.+?年度|\d{4})\s*[:：]\s*(\S+)$/u;
const EVIDENCE = /^根拠\s*(.+?年度|\d{4})\s*(現状|実績)\s*[:：]\s?(.*)$/u;
const COMPUTED = /^自動算出\s*[:：]\s*(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(\d+)件(\s+記録なし)?\s+(\{.*\})$/u;
const COMPUTED_FROM = /^算出元\s*[:：]\s*(\S+)\s+(\{.*\})$/u;

/** Reads an indicators cell (the notation above, or JSON); errors name the line of the cell. */
export function parseIndicators(cell: string): CellParse<Indicator[]> {
  const text = cell.trim();
  if (text === "") return { ok: true, value: [] };
  const errors: string[] = [];
  let raw: unknown[] = [];
  if (text.startsWith("[{") || text.startsWith("[]")) {
    try {
      raw = JSON.parse(text) as unknown[];
    } catch {
      return { ok: false, errors: ["is neither the indicator notation nor valid JSON"] };
    }
  } else {
    type Draft = Record<string, unknown> & { values: Record<string, unknown>[] };
    let current: Draft | null = null;
    let last: Record<string, unknown> | null = null;
    text
      .replace(/\r\n?/gu, "\n")
      .split("\n")
      .forEach((line, index) => {
        const where = `line ${index + 1} of the cell: `;
        const l = line.trim();
        const head = HEAD.exec(l);
        if (head) {
          current = { code: head[1], name: head[2], unit: head[3], baseline: null, values: [], source: "" };
          current.kind = head[4] === KIND.activity ? "activity" : "outcome";
          raw.push(current);
          last = null;
          return;
        }
        if (l === "") return;
        if (!current)
          return void errors.push(`${where}an indicator starts with a line like [1] 名前 (件, 活動指標)`);
        const cur: Draft = current;
        let m: RegExpExecArray | null;
        if ((m = BASELINE.exec(l))) {
          last = {
            fiscalYear: year(m[1]!, errors, where),
            value: quantity(m[2]!, errors, where),
            evidence: null,
          };
          cur.baseline = last;
        } else if ((m = VALUE.exec(l))) {
          last = {
            fiscalYear: year(m[1]!, errors, where),
            target: quantity(m[2]!, errors, where),
            actual: quantity(m[3]!, errors, where),
            evidence: null,
          };
          cur.values.push(last);
        } else if ((m = EVIDENCE.exec(l))) {
          if (!last) return void errors.push(`${where}a 根拠 line follows the value it supports`);
          last.evidence = {
            record: { fiscalYear: year(m[1]!, errors, where), kind: m[2] === "現状" ? "baseline" : "result" },
            excerpt: m[3]!,
          };
        } else if ((m = COMPUTED.exec(l))) {
          const value = cur.values[cur.values.length - 1];
          if (!value || last !== value)
            return void errors.push(`${where}an 自動算出 line follows a year's value`);
          value.computed = {
            source: m[1],
            asOf: m[2],
            count: Number(m[3]),
            empty: m[4] !== undefined,
            params: json(m[5]!, errors, where),
          };
        } else if ((m = COMPUTED_FROM.exec(l))) {
          cur.computedFrom = { source: m[1], params: json(m[2]!, errors, where) };
        } else if (l.startsWith("出典")) {
          cur.source = l.replace(/^出典\s*[:：]\s?/u, "");
        } else {
          errors.push(
            `${where}"${l.slice(0, 40)}" is not an indicator line (基準値 2023年度: 17, 2024年度: 目標 20 / 実績 13, 根拠 …, 出典: …)`,
          );
        }
      });
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = z.array(indicatorSchema).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toIssues(result.error).map((i) => `${i.path}: ${i.message}`) };
}

function json(text: string, errors: string[], where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    errors.push(`${where}the parameters ${text} are not valid JSON`);
    return {};
  }
}
