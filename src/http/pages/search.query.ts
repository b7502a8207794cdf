import { z } from "zod";
import { parseFiscalYear } from "../../core/fiscal/index.js";
import type { ActionFilter } from "../../core/plan/plan.repository.js";
import { codeSchema } from "../../core/plan/plan.schema.js";

/** A form sends empty fields as "", and a hand-edited URL may repeat a key: take the last value. */
function formValue(value: unknown): unknown {
  const v: unknown = Array.isArray(value) ? (value[value.length - 1] as unknown) : value;
  return v === "" ? undefined : v;
}

const field = <T extends z.ZodType>(schema: T) => z.preprocess(formValue, schema.optional());
const yesNo = field(z.enum(["true", "false"]));

/** The search page's query string. Unknown keys (lang, utm_…) are ignored, not refused. */
export const searchQuerySchema = z.object({
  q: field(z.string().max(500)),
  strategy: field(codeSchema),
  measure: field(codeSchema),
  tag: field(z.string().max(100)),
  priority: yesNo,
  new: yesNo,
  relisted: yesNo,
  fiscalYear: field(
    z.string().transform((value, ctx) => {
      const parsed = parseFiscalYear(value, { min: 1900, max: 2200 });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    }),
  ),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchField = keyof SearchQuery;

const bool = (v: "true" | "false" | undefined) => (v === undefined ? undefined : v === "true");

/** The same filter the API's /actions endpoint builds, so both give the same actions. */
export function toActionFilter(q: SearchQuery): ActionFilter {
  return {
    q: q.q,
    strategy: q.strategy,
    measure: q.measure,
    tag: q.tag,
    priority: bool(q.priority),
    isNew: bool(q.new),
    relisted: bool(q.relisted),
    fiscalYear: q.fiscalYear,
  };
}

/** Reads the query; on a bad value, names the fields so the form can say which. */
export function parseSearchQuery(
  raw: unknown,
): { ok: true; query: SearchQuery } | { ok: false; fields: SearchField[]; raw: Record<string, string> } {
  const result = searchQuerySchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, query: result.data };
  const fields = [...new Set(result.error.issues.map((i) => String(i.path[0]) as SearchField))];
  const echo: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const value = formValue(v);
    if (typeof value === "string") echo[k] = value;
  }
  return { ok: false, fields, raw: echo };
}
