import { z } from "zod";
import { AUDIT_KIND_PATTERN } from "./audit.js";
import type { AuditFilter } from "./audit.query.js";

/**
 * Audit filters as people type them (API query, CLI options), validated and turned into
 * {@link AuditFilter}. Plain dates are days in Japan time (UTC+9, no daylight saving), the
 * time zone of the city staff who read the log; `to` includes its whole day.
 */
const JST_OFFSET = "+09:00";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: string, endOfDay: boolean): string | null {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00${JST_OFFSET}`);
    if (Number.isNaN(start) || new Date(start + 9 * 3_600_000).toISOString().slice(0, 10) !== value)
      return null;
    return new Date(start + (endOfDay ? 86_400_000 : 0)).toISOString();
  }
  if (DATE_TIME.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

const timeParam = (endOfDay: boolean) =>
  z.string().transform((value, ctx) => {
    const iso = instant(value.trim(), endOfDay);
    if (iso === null) {
      ctx.addIssue({
        code: "custom",
        message: "must be a date (2025-04-01, Japan time) or an ISO date-time with offset",
      });
      return z.NEVER;
    }
    return iso;
  });

/** The filter's fields, to combine with paging or a format into one query object. */
export const auditFilterFields = {
  kind: z
    .string()
    .max(1000)
    .transform((value, ctx) => {
      const kinds = value
        .split(",")
        .map((k) => k.trim())
        .filter((k) => k !== "");
      for (const k of kinds) {
        const area = k.endsWith(".*") ? k.slice(0, -2) : null;
        if (area !== null ? !/^[a-z][a-z_]*$/.test(area) : !AUDIT_KIND_PATTERN.test(k)) {
          ctx.addIssue({
            code: "custom",
            message: `"${k}" is neither a kind (sign_in.failed) nor an area (sign_in.*)`,
          });
        }
      }
      return kinds;
    })
    .optional()
    .meta({ description: "Kinds or areas, comma-separated: sign_in.failed,account.*" }),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .meta({ description: "An account id or e-mail address" }),
  from: timeParam(false)
    .optional()
    .meta({ description: "From this date (Japan time) or instant, inclusive" }),
  to: timeParam(true)
    .optional()
    .meta({ description: "Up to this date (Japan time, inclusive) or instant (exclusive)" }),
};

/** A strict query object of the filter fields plus `extra`, refusing a range that ends before it starts. */
export function auditQuerySchema<E extends z.ZodRawShape>(extra: E) {
  return z.strictObject({ ...auditFilterFields, ...extra }).refine(
    (f) => {
      const { from, to } = f as { from?: string; to?: string };
      return from === undefined || to === undefined || from < to;
    },
    {
      message: "must be after from",
      path: ["to"],
    },
  );
}

export const auditFilterSchema = auditQuerySchema({});

export function toAuditFilter(parsed: {
  kind?: string[] | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): AuditFilter {
  return { kinds: parsed.kind, actor: parsed.actor, from: parsed.from, to: parsed.to };
}
