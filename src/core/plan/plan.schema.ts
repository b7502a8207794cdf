import { z } from "zod";
import { indicatorSchema } from "../indicators/indicator.schema.js";
import { DEFAULT_SCALES, scalesSchema } from "../review/scales.js";

/**
 * The canonical plan document, format "shinko-plan/1": what `shinko export` writes, what
 * `shinko import` reads, what `/api/v1/plans/{id}` returns, and the open-data download.
 * Documented in docs/plan-format.md; keep the two in step.
 */
export const PLAN_FORMAT = "shinko-plan/1";

const MAX_TEXT = 20_000;

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD)")
  .refine(isRealDate, "is not a real calendar date")
  .meta({ description: "ISO date", examples: ["2025-02-28"] });

export const fiscalYearNumber = z
  .number()
  .int("must be a whole year")
  .min(1900, "must be a western fiscal year (1900 or later)")
  .max(2200, "must be a western fiscal year (2200 or earlier)")
  .meta({ description: "Western fiscal year: 2024 = 令和6年度 (April 2024 – March 2025)", examples: [2024] });

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const nonEmptyText = (max: number) => text(max).refine((s) => s.trim() !== "", "must not be empty");

export const planIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "must be 1–63 lower-case letters, digits or hyphens, starting with a letter or digit",
  )
  .meta({ description: "Plan id, used in URLs", examples: ["kadoma"] });

export const codeSchema = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/, "must be a short code of letters, digits, '.', '-' or '_'");

export const recoveredSchema = z
  .strictObject({
    field: nonEmptyText(100).meta({
      description: "The field that was recovered, e.g. name, isNew, schedule",
    }),
    from: nonEmptyText(500).meta({ description: "What in the source it was recovered from" }),
    note: text(2_000).meta({ description: "Why, in a sentence" }),
  })
  .meta({
    id: "Recovered",
    description: "A value the source lost and that was recovered from the source itself",
  });

export const licenseSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9.+-]{1,64}$/, "must be an SPDX licence identifier such as CC-BY-4.0")
      .meta({ description: "SPDX identifier", examples: ["CC-BY-4.0"] }),
    name: nonEmptyText(200).meta({ examples: ["クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）"] }),
    url: z
      .string()
      .max(500)
      .regex(/^https?:\/\/\S+$/, "must be an http(s) URL")
      .meta({ examples: ["https://creativecommons.org/licenses/by/4.0/deed.ja"] }),
    note: text(500)
      .optional()
      .meta({
        description: "E.g. what it is compatible with",
        examples: ["政府標準利用規約（第2.0版）と互換"],
      }),
  })
  .meta({
    id: "License",
    description: "The licence the plan's data is published under (open data); credit the municipality",
  });

export const planMetaSchema = z
  .strictObject({
    id: planIdSchema,
    municipality: nonEmptyText(100).meta({ examples: ["門真市"] }),
    title: nonEmptyText(300).meta({ examples: ["門真市ものづくり産業振興計画アクションプラン"] }),
    fiscalYears: z
      .strictObject({ from: fiscalYearNumber, to: fiscalYearNumber })
      .refine((y) => y.from <= y.to, { message: "from must not be after to", path: ["to"] })
      .refine((y) => y.to - y.from < 30, { message: "a plan spans at most 30 fiscal years", path: ["to"] }),
    asOf: isoDate.meta({ description: "The date the plan's latest results describe" }),
    municipalityCode: z
      .string()
      .regex(/^\d{6}$/, "must be the 6-digit local government code (全国地方公共団体コード)")
      .optional(),
    prefecture: nonEmptyText(10).optional(),
    source: text(2_000).optional().meta({ description: "Where the plan's data came from" }),
    license: licenseSchema.optional(),
  })
  .meta({ id: "PlanMeta" });

export const strategySchema = z
  .strictObject({
    code: codeSchema.meta({ examples: ["1"] }),
    name: nonEmptyText(200).meta({ examples: ["イノベーション"] }),
    subtitle: text(300).meta({ examples: ["Change・Chance・Challenge"] }),
  })
  .meta({ id: "Strategy", description: "基本戦略" });

export const measureSchema = z
  .strictObject({
    code: codeSchema.meta({ examples: ["1-1"] }),
    strategy: codeSchema.meta({ description: "Code of the strategy it belongs to" }),
    name: nonEmptyText(300),
    page: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .nullable()
      .meta({ description: "Page of the plan document (P48)" }),
  })
  .meta({ id: "Measure", description: "具体的施策" });

export const descriptionItemSchema = z
  .strictObject({
    kind: z
      .enum(["ongoing", "planned"])
      .meta({ description: "ongoing = ● already under way, planned = ○ to come" }),
    text: nonEmptyText(MAX_TEXT),
  })
  .meta({ id: "DescriptionItem" });

export const scheduleItemSchema = z
  .strictObject({
    from: fiscalYearNumber,
    to: fiscalYearNumber,
    label: nonEmptyText(200).meta({ examples: ["検討・実施"] }),
  })
  .refine((s) => s.from <= s.to, { message: "from must not be after to", path: ["to"] })
  .meta({ id: "ScheduleItem", description: "A schedule label over fiscal years from…to (inclusive)" });

export const recordSchema = z
  .strictObject({
    fiscalYear: fiscalYearNumber,
    kind: z.enum(["baseline", "result"]).meta({ description: "baseline = 現状, result = 実績" }),
    asOf: isoDate.nullable(),
    text: nonEmptyText(MAX_TEXT),
  })
  .meta({
    id: "Record",
    description: "What an action achieved in a fiscal year (or up to it, for the baseline)",
  });

export const evaluationSchema = z
  .strictObject({
    fiscalYear: fiscalYearNumber,
    grade: z
      .string()
      .max(4)
      .nullable()
      .meta({ description: "評価: a grade code of the plan's scales (A–D by default)" }),
    direction: z
      .string()
      .max(31)
      .nullable()
      .meta({ description: "今後の方向性: a direction code of the plan's scales" }),
    analysis: text(MAX_TEXT).meta({ description: "分析: why the grade, what the numbers say" }),
  })
  .meta({ id: "Evaluation", description: "The published evaluation of an action for a fiscal year" });

export const actionSchema = z
  .strictObject({
    number: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .meta({ description: "Stable action number", examples: [1] }),
    measure: codeSchema,
    name: nonEmptyText(1_000),
    tags: z
      .array(nonEmptyText(100))
      .max(50)
      .meta({ description: "【】 tags without brackets", examples: [["DX"]] }),
    isNew: z.boolean().meta({ description: "新規 (true) or 既存 (false)" }),
    isPriority: z.boolean().meta({ description: "重点アクション ◎" }),
    relistOf: z
      .number()
      .int()
      .min(1)
      .nullable()
      .meta({ description: "再掲: the number of the action this row repeats" }),
    description: z.array(descriptionItemSchema).max(200),
    startFiscalYear: fiscalYearNumber.nullable().meta({ description: "開始年" }),
    schedule: z.array(scheduleItemSchema).max(100),
    records: z.array(recordSchema).max(500),
    challenges: z
      .array(nonEmptyText(MAX_TEXT))
      .max(200)
      .meta({ description: "課題・取り組むべきこと, one per bullet" }),
    indicators: z.array(indicatorSchema).max(50).default([]),
    evaluations: z.array(evaluationSchema).max(100).default([]),
    recovered: z.array(recoveredSchema).max(50).default([]),
  })
  .meta({ id: "Action", description: "具体的アクション" });

export const planDocumentSchema = z
  .strictObject({
    format: z.literal(PLAN_FORMAT),
    plan: planMetaSchema,
    scales: scalesSchema.default(DEFAULT_SCALES),
    strategies: z.array(strategySchema).min(1).max(100),
    measures: z.array(measureSchema).min(1).max(1_000),
    actions: z.array(actionSchema).max(100_000),
  })
  .meta({ id: "PlanDocument", description: "A whole plan in the canonical format shinko-plan/1" });

export type PlanDocument = z.output<typeof planDocumentSchema>;
export type PlanMeta = PlanDocument["plan"];
export type Strategy = z.output<typeof strategySchema>;
export type Measure = z.output<typeof measureSchema>;
export type Action = z.output<typeof actionSchema>;
export type DescriptionItem = z.output<typeof descriptionItemSchema>;
export type ScheduleItem = z.output<typeof scheduleItemSchema>;
export type PlanRecord = z.output<typeof recordSchema>;
export type Recovered = z.output<typeof recoveredSchema>;
export type Evaluation = z.output<typeof evaluationSchema>;
