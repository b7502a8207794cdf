import { z } from "zod";

const changes = <K extends z.ZodRawShape>(key: K) =>
  z.object({
    created: z.array(z.object(key)),
    changed: z.array(z.object({ ...key, fields: z.array(z.string()) })),
    removed: z.array(z.object(key)),
    unchanged: z.number().int(),
  });

/** The answer to an import or its preview (see io/import/import-plan.ts). */
export const importReportSchema = z
  .object({
    source: z.string(),
    format: z.enum(["xlsx", "csv", "tsv", "json"]),
    encoding: z.string().optional(),
    planId: z.string(),
    title: z.string(),
    dryRun: z.boolean(),
    outcome: z.enum(["created", "replaced", "unchanged"]),
    revision: z.number().int().nullable(),
    changes: z.object({
      newPlan: z.boolean(),
      plan: z.array(z.string()),
      strategies: changes({ code: z.string() }),
      measures: changes({ code: z.string() }),
      actions: changes({ number: z.number().int(), name: z.string() }),
    }),
    warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: "ImportReport" });
