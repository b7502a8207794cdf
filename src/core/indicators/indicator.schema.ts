import { z } from "zod";
import { computedProvenanceSchema, indicatorBindingSchema } from "../indicator-sources/binding.schema.js";

const fiscalYear = z.number().int().min(1900).max(2200);
const quantity = z.number().finite().min(-1e15).max(1e15);

export const evidenceSchema = z
  .strictObject({
    record: z.strictObject({ fiscalYear, kind: z.enum(["baseline", "result"]) }),
    excerpt: z
      .string()
      .min(1)
      .max(2_000)
      .meta({ description: "The clause of the record the value was read from" }),
  })
  .meta({ id: "Evidence", description: "Where in the action's records a value was read" });

export const indicatorValueSchema = z
  .strictObject({
    fiscalYear,
    target: quantity.nullable().meta({ description: "目標値 for the fiscal year; null when none is set" }),
    actual: quantity.nullable().meta({ description: "実績値 for the fiscal year; null until known" }),
    evidence: evidenceSchema.nullable(),
    computed: computedProvenanceSchema.optional(),
  })
  .meta({ id: "IndicatorValue" });

export const indicatorSchema = z
  .strictObject({
    code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/, "must be a short code"),
    name: z.string().trim().min(1, "must not be empty").max(200),
    unit: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(20)
      .meta({ examples: ["件", "社", "%", "億円"] }),
    kind: z.enum(["activity", "outcome"]).meta({ description: "activity (活動指標) or outcome (成果指標)" }),
    baseline: z
      .strictObject({ fiscalYear, value: quantity, evidence: evidenceSchema.nullable() })
      .nullable()
      .meta({ description: "基準値: the value the plan starts from" }),
    values: z.array(indicatorValueSchema).max(100),
    source: z.string().max(2_000).meta({ description: "Where the figures come from (出典)" }),
    computedFrom: indicatorBindingSchema.optional(),
  })
  .meta({ id: "Indicator", description: "指標: a number per fiscal year with target and actual" });

export type Indicator = z.output<typeof indicatorSchema>;
export type IndicatorValue = z.output<typeof indicatorValueSchema>;
export type Evidence = z.output<typeof evidenceSchema>;
