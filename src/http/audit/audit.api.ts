import { z } from "zod";
import { auditQuerySchema, toAuditFilter } from "../../core/audit/audit-filter.js";
import { actorOf, recordAudit } from "../../core/audit/audit.js";
import { allAudit, listAudit } from "../../core/audit/audit.query.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { auditCsv, auditJson } from "../../io/audit/audit-csv.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.string().meta({ examples: ["sign_in.failed"] }),
    actor: z.object({ id: z.string().nullable(), label: z.string() }),
    ip: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });

const pageFields = {
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1").max(1000, "must be at most 1000"))
    .optional(),
  offset: z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .optional(),
};

/** Reading and exporting the audit log: administrators only. */
export function auditApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/audit",
      operationId: "listAudit",
      summary: "The audit log, newest first, filtered",
      tags: ["audit"],
      access: "admin",
      query: auditQuerySchema(pageFields),
      responses: {
        200: {
          description: "Entries and the total that match",
          schema: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
        },
        ...errorResponses(400, 401, 403),
      },
      handler: async ({ query }) =>
        listAudit(db, toAuditFilter(query), { limit: query.limit ?? 100, offset: query.offset ?? 0 }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/audit/export",
      operationId: "exportAudit",
      summary: "The audit log as a CSV or JSON file, oldest first",
      description: "The export is itself recorded in the audit log (audit.exported).",
      tags: ["audit"],
      access: "admin",
      query: auditQuerySchema({ format: z.enum(["csv", "json"]).default("csv") }),
      responses: {
        200: {
          description: "The file (`format` chooses CSV or JSON)",
          content: {
            "text/csv": "text",
            "application/json": z
              .object({
                format: z.literal("shinko-audit/1"),
                filter: z.unknown(),
                entries: z.array(auditEntrySchema),
              })
              .meta({ id: "AuditExport" }),
          },
        },
        ...errorResponses(400, 401, 403),
      },
      handler: async ({ query, request, principal }, reply) => {
        const { format, ...rest } = query;
        const filter = toAuditFilter(rest);
        const body =
          format === "csv"
            ? await auditCsv(allAudit(db, filter))
            : await auditJson(allAudit(db, filter), filter);
        await recordAudit(
          db,
          { kind: "audit.exported", actor: actorOf(principal!), ip: request.ip, details: { format, filter } },
          clock,
        );
        const stamp = clock.now().toISOString().slice(0, 10);
        return reply
          .header(
            "content-type",
            format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          )
          .header("content-disposition", `attachment; filename="shinko-audit-${stamp}.${format}"`)
          .header("cache-control", "no-store")
          .send(body);
      },
    }),
  ];
}
