import { z } from "zod";
import { isStaffRole, type Principal } from "../../core/access/roles.js";
import { DomainError } from "../../core/errors.js";
import { parseFiscalYear } from "../../core/fiscal/index.js";
import { planIdSchema } from "../../core/plan/plan.schema.js";
import type { Actor } from "../../core/review/review.permissions.js";
import type { ResponseSpec } from "./route.js";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ["validation_failed"] }),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().meta({ examples: ["query.fiscalYear"] }), message: z.string() }))
        .optional(),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ description: "Context, e.g. the other change in a conflict" }),
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

/** The actor a core write records, from the signed-in account. */
export function actorOf(principal: Principal | null): Actor {
  if (!principal) throw new DomainError("unauthorized", "sign in to do this");
  // Routes check access first; a company member reaching a staff write is a bug, refused all the same.
  if (!isStaffRole(principal.role)) throw new DomainError("forbidden", "this needs a staff role");
  return { id: principal.accountId, role: principal.role, name: principal.email };
}

export const planParams = z.strictObject({ planId: planIdSchema });

/** A path segment that must be a positive whole number. */
export const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}$/, `must be ${what} (a positive whole number)`)
    .transform(Number);

/** A fiscal year in a path or query: 2024, 2024年度, 令和6年度 or R6. */
export const fiscalYearParam = z
  .string()
  .transform((value, ctx) => {
    const parsed = parseFiscalYear(value, { min: 1900, max: 2200 });
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  })
  .meta({ description: "A fiscal year: 2024, 2024年度, 令和6年度 or R6", examples: ["2025"] });

/** What a save of an action answers: its new version, and whether anything changed. */
export const savedVersionSchema = z
  .object({
    number: z.number().int(),
    version: z.number().int(),
    revision: z.number().int(),
    changed: z.boolean(),
  })
  .meta({ id: "SavedVersion" });
