import { z } from "zod";
import type { Issue } from "../../core/errors.js";
import { indicatorSchema } from "../../core/indicators/indicator.schema.js";
import { scalesSchema, type Scales } from "../../core/review/scales.js";
import {
  actionSchema,
  evaluationSchema,
  measureSchema,
  PLAN_FORMAT,
  planMetaSchema,
  recoveredSchema,
  strategySchema,
  type Measure,
  type PlanMeta,
  type Recovered,
  type Strategy,
  type Action,
} from "../../core/plan/plan.schema.js";
import { toIssues } from "../../core/validation.js";
import { ROW_FIELDS, type RowValues } from "./action-row.js";
import { columnLetter } from "./xlsx-layout.js";

/**
 * The workbook's second sheet: what the table cannot show (the plan's id and municipality code,
 * strategy and measure codes, per-action `recovered` notes, values whose exact form the cells
 * cannot hold). One row per item: kind, key, value as JSON (split over further cells when longer
 * than a cell may be). The table stays the source of truth for everything it shows.
 */
export const METADATA_SHEET = "メタデータ";
export const METADATA_NOTICE =
  "このシートは shinko が書き出した、表に表示されない情報です（計画ID、コード、復元メモなど）。取り込み時に使います。編集しないでください。";
export const METADATA_HEADER = ["種類", "キー", "値 (JSON)"];

/** Excel holds at most 32,767 characters in a cell. */
export const CELL_LIMIT = 32_767;
const CHUNK = 32_000;

export interface ActionExtras {
  recovered: Recovered[];
  /** 指標 and 評価: the review's data, which the printed table does not show. */
  indicators: Action["indicators"];
  evaluations: Action["evaluations"];
  /** Exact values of fields the row shows differently (see xlsx-render.ts). */
  exact: Partial<RowValues>;
}

export interface Metadata {
  plan: PlanMeta | null;
  scales: Scales | null;
  strategies: Strategy[];
  measures: Measure[];
  actions: Map<number, ActionExtras>;
}

export function emptyMetadata(): Metadata {
  return { plan: null, scales: null, strategies: [], measures: [], actions: new Map() };
}

function row(kind: string, key: string, value: unknown): string[] {
  const json = JSON.stringify(value);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  return [kind, key, ...chunks];
}

/** The metadata sheet's rows (the notice and header first). */
export function renderMetadata(meta: Metadata): string[][] {
  const rows: string[][] = [[METADATA_NOTICE], METADATA_HEADER, row("format", "", PLAN_FORMAT)];
  if (meta.plan) rows.push(row("plan", meta.plan.id, meta.plan));
  if (meta.scales) rows.push(row("scales", "", meta.scales));
  for (const s of meta.strategies) rows.push(row("strategy", s.code, s));
  for (const m of meta.measures) rows.push(row("measure", m.code, m));
  for (const [number, extras] of [...meta.actions].sort(([a], [b]) => a - b)) {
    const value: Record<string, unknown> = {};
    if (extras.recovered.length > 0) value.recovered = extras.recovered;
    if (extras.indicators.length > 0) value.indicators = extras.indicators;
    if (extras.evaluations.length > 0) value.evaluations = extras.evaluations;
    if (Object.keys(extras.exact).length > 0) value.exact = extras.exact;
    if (Object.keys(value).length > 0) rows.push(row("action", String(number), value));
  }
  return rows;
}

const exactSchema = actionSchema
  .pick(Object.fromEntries(ROW_FIELDS.map((f) => [f, true])) as never)
  .partial();
const actionExtrasSchema = z.strictObject({
  recovered: z.array(recoveredSchema).max(50).optional(),
  indicators: z.array(indicatorSchema).max(50).optional(),
  evaluations: z.array(evaluationSchema).max(100).optional(),
  exact: exactSchema.optional(),
});

/**
 * Reads the metadata sheet's rows. Problems name the sheet's row and column; a sheet edited into
 * nonsense is refused rather than half-used.
 */
export function parseMetadata(rows: readonly (readonly string[])[]): { meta: Metadata; errors: Issue[] } {
  const meta = emptyMetadata();
  const errors: Issue[] = [];
  rows.forEach((cells, index) => {
    const kind = (cells[0] ?? "").trim();
    if (index < 2 || kind === "") return;
    const place = `sheet ${METADATA_SHEET}, row ${index + 1}, column ${columnLetter(2)}`;
    let value: unknown;
    try {
      value = JSON.parse(cells.slice(2).join(""));
    } catch {
      errors.push({ path: place, message: "is not valid JSON" });
      return;
    }
    const parse = <S extends z.ZodType>(schema: S): z.output<S> | undefined => {
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      for (const issue of toIssues(result.error)) {
        errors.push({ path: `${place} (${issue.path})`, message: issue.message });
      }
      return undefined;
    };
    switch (kind) {
      case "format":
        if (value !== PLAN_FORMAT)
          errors.push({ path: place, message: `unknown format ${JSON.stringify(value)}` });
        return;
      case "plan":
        meta.plan = parse(planMetaSchema) ?? null;
        return;
      case "scales":
        meta.scales = parse(scalesSchema) ?? null;
        return;
      case "strategy": {
        const s = parse(strategySchema);
        if (s) meta.strategies.push(s);
        return;
      }
      case "measure": {
        const m = parse(measureSchema);
        if (m) meta.measures.push(m);
        return;
      }
      case "action": {
        const number = Number((cells[1] ?? "").trim());
        if (!Number.isInteger(number) || number < 1) {
          errors.push({
            path: `sheet ${METADATA_SHEET}, row ${index + 1}, column B`,
            message: "is not an action number",
          });
          return;
        }
        const extras = parse(actionExtrasSchema);
        if (extras) {
          meta.actions.set(number, {
            recovered: extras.recovered ?? [],
            indicators: extras.indicators ?? [],
            evaluations: extras.evaluations ?? [],
            exact: extras.exact ?? {},
          });
        }
        return;
      }
      default:
        errors.push({
          path: `sheet ${METADATA_SHEET}, row ${index + 1}, column A`,
          message: `unknown kind "${kind}"`,
        });
    }
  });
  return { meta, errors };
}
