import { z } from "zod";

export const SOURCE_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date");

export const sourceIdSchema = z
  .string()
  .max(80)
  .regex(SOURCE_ID, "must be a source id such as companies.listed")
  .meta({ examples: ["companies.listed"] });

/** A binding's parameters: a few named strings, numbers or flags (each source validates its own). */
export const bindingParamsSchema = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, "must be a parameter name"),
    z.union([z.string().trim().min(1).max(200), z.number().finite(), z.boolean()]),
  )
  .refine((p) => Object.keys(p).length <= 10, "at most 10 parameters")
  .meta({ id: "IndicatorSourceParams", examples: [{ certification: "ISO 9001" }, { process: "切削加工" }] });

/** An indicator computed from records: which source, with which parameters. */
export const indicatorBindingSchema = z
  .strictObject({ source: sourceIdSchema, params: bindingParamsSchema.default({}) })
  .meta({
    id: "IndicatorBinding",
    description: "The indicator's actual is computed from this source of records (docs/indicator-sources.md)",
  });

/** A computed value as it was when someone accepted or overrode it. */
export const computedSnapshotSchema = z
  .strictObject({
    source: sourceIdSchema,
    params: bindingParamsSchema,
    value: z.number().finite(),
    asOf: isoDate,
    count: z.number().int().min(0),
    empty: z.boolean().meta({ description: "The source's records held nothing for the municipality" }),
  })
  .meta({ id: "ComputedSnapshot" });

/**
 * A published value's provenance: it was computed from the records (and accepted by the owner).
 * Absent for values typed or read from the text, and for overridden ones.
 */
export const computedProvenanceSchema = computedSnapshotSchema.omit({ value: true }).meta({
  id: "ComputedProvenance",
  description: "The value was computed from this source, as of this date",
});

/**
 * The owner's decision on a bound indicator's computed actual in a review. The server fills
 * `computed` from the source itself at the save; what a client sends there is ignored.
 */
export const sourceDecisionSchema = z
  .strictObject({
    decision: z.enum(["accepted", "overridden"]),
    reason: z
      .string()
      .max(2_000)
      .nullable()
      .default(null)
      .meta({ description: "Why the actual differs from the computed value (staff only)" }),
    computed: computedSnapshotSchema.nullable().default(null),
  })
  .meta({ id: "SourceDecision" });

export type IndicatorBinding = z.output<typeof indicatorBindingSchema>;
export type BindingParams = z.output<typeof bindingParamsSchema>;
export type ComputedSnapshot = z.output<typeof computedSnapshotSchema>;
export type ComputedProvenance = z.output<typeof computedProvenanceSchema>;
export type SourceDecision = z.output<typeof sourceDecisionSchema>;
