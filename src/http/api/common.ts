import { z } from "zod";
import type { ResponseSpec } from "./route.js";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ["validation_failed"] }),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().meta({ examples: ["query.fiscalYear"] }), message: z.string() }))
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

const DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid; `issues` names each field",
  401: "Sign-in required",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Too large",
  415: "Unsupported format",
  429: "Too many attempts; Retry-After says when to try again",
};

export function errorResponses(...statuses: number[]): Record<number, ResponseSpec> {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? "Error", schema: errorSchema }]),
  );
}
