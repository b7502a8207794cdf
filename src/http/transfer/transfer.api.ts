import type { FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../../core/access/roles.js";
import { z } from "zod";
import { actorOf as auditActorOfPrincipal, recordAudit } from "../../core/audit/audit.js";
import { notFound, validationError } from "../../core/errors.js";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { planDocumentSchema, planIdSchema } from "../../core/plan/plan.schema.js";
import {
  contentDisposition,
  EXPORT_FORMATS,
  exportAuditEvent,
  exportPlan,
  type ExportFormat,
} from "../../io/export/export-plan.js";
import { IMPORT_FORMATS } from "../../io/import/import-types.js";
import { runImport, type ImportReport } from "../../io/import/import-plan.js";
import { readImportInWorker } from "../../io/import/parse-in-worker.js";
import { formatOfContentType, formatOfName, megabytes, sniffFormat } from "../../io/import/read-import.js";
import { errorResponses, fiscalYearParam } from "../api/common.js";
import { defineRoute, type ApiRoute, type ResponseSpec } from "../api/route.js";
import { importReportSchema } from "./transfer.schemas.js";

const encodingQuery = z.strictObject({
  encoding: z
    .enum(["utf8", "sjis"])
    .optional()
    .meta({ description: "CSV only: utf8 (with BOM, default) or sjis (Shift_JIS)" }),
  reviewYear: fiscalYearParam.optional().meta({
    description:
      "xlsx only: append this fiscal year's review columns (results, evaluation, direction, challenges) to the official table",
    examples: ["2025"],
  }),
});

const UPLOAD_TYPES = [
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "text/csv",
  "text/tab-separated-values",
  "text/plain",
  "application/json",
  "application/octet-stream",
];

const uploadQuery = z.strictObject({
  format: z
    .enum(IMPORT_FORMATS)
    .optional()
    .meta({ description: "xlsx, csv, tsv or json; default: from `name`, the Content-Type, or the bytes" }),
  name: z
    .string()
    .max(255)
    .optional()
    .meta({ description: "The file's name, for messages (and its extension tells the format)" }),
});

const DOWNLOAD_RESPONSES: Record<number, ResponseSpec> = {
  200: {
    description:
      "The file, with Content-Disposition naming it as the plan and its date, and a Link header to its licence",
    content: {
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "binary",
      "text/csv": "text",
      "application/json": planDocumentSchema,
    },
  },
  304: { description: "Unchanged since the ETag given in If-None-Match" },
  ...errorResponses(400, 404),
};

function reportBody(r: ImportReport) {
  return { ...r, warnings: r.warnings.map((w) => ({ path: w.path, message: w.message })) };
}

/**
 * Downloads of a plan (the city's table as .xlsx, CSV, the canonical JSON) and uploads for a
 * preview (dry run) or an import. Uploads are the raw request body (documented in OpenAPI).
 */
export function transferApiRoutes(deps: { db: Db; plans: PlanCache; bodyLimit: number }): ApiRoute[] {
  const { db, plans, bodyLimit } = deps;
  const download = async (
    planId: string,
    format: ExportFormat,
    encoding: "utf8" | "sjis" | undefined,
    request: { headers: Record<string, string | string[] | undefined>; ip: string },
    reply: FastifyReply,
    reviewYear: number | undefined,
    principal: Principal | null,
  ) => {
    if (reviewYear !== undefined && format !== "xlsx") {
      throw validationError([{ path: "query.reviewYear", message: "applies to the xlsx format only" }]);
    }
    const entry = await plans.get(planId);
    if (!entry) throw notFound(`plan "${planId}"`);
    const variant = `${encoding === "sjis" ? "-sjis" : ""}${reviewYear !== undefined ? `-review${reviewYear}` : ""}`;
    const etag = `${entry.etag.slice(0, -1)}-${format}${variant}"`;
    reply.header("etag", etag).header("cache-control", "no-cache");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    const file = await exportPlan(entry.doc, format, {
      encoding: encoding ?? "utf8",
      ...(reviewYear !== undefined ? { reviewYear } : {}),
    });
    // Anonymous downloads of the published plan (open data) are not audited; a signed-in one is.
    if (principal) {
      await recordAudit(
        db,
        exportAuditEvent(auditActorOfPrincipal(principal), planId, format, {
          encoding,
          reviewYear,
          ip: request.ip,
        }),
      );
    }
    const license = entry.doc.plan.license;
    // The licence travels with every download, also in formats that have no place for it (CSV).
    if (license) reply.header("link", `<${license.url}>; rel="license"`);
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", contentDisposition(file))
      .send(Buffer.from(file.bytes));
  };
  const upload =
    (dryRun: boolean) =>
    async ({
      params,
      query,
      raw,
      request,
      principal,
    }: {
      params: { planId: string };
      query: z.output<typeof uploadQuery>;
      raw: Buffer | undefined;
      request: FastifyRequest;
      principal: Principal | null;
    }) => {
      const bytes = raw ?? Buffer.alloc(0);
      const source = query.name ?? "upload";
      const format =
        query.format ??
        (query.name ? formatOfName(query.name) : undefined) ??
        formatOfContentType(request.headers["content-type"]) ??
        sniffFormat(bytes);
      // Parsed in a worker thread with a time and memory limit: the server keeps answering meanwhile.
      const draft = await readImportInWorker(bytes, { source, format, limit: bodyLimit });
      const actor = principal?.accountId ?? "system";
      const audit = principal ? auditActorOfPrincipal(principal) : undefined;
      return reportBody(
        await runImport(db, draft, {
          source,
          planId: params.planId,
          dryRun,
          actor,
          ...(audit ? { audit } : {}),
        }),
      );
    };
  const uploadSpec = {
    contentTypes: UPLOAD_TYPES,
    description:
      "The file itself as the request body (not multipart), at most BODY_LIMIT bytes (20 MB by default).",
    maxBytes: bodyLimit,
    tooLarge: (n: number) =>
      `the upload is ${megabytes(n)}, over the ${megabytes(bodyLimit, true)} limit for imports`,
  };

  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/export.:format",
      operationId: "downloadPlan",
      summary: "Download a plan: the city's table (.xlsx), CSV (one row per action) or JSON",
      tags: ["downloads"],
      access: "public",
      params: z.strictObject({ planId: planIdSchema, format: z.enum(EXPORT_FORMATS) }),
      query: encodingQuery,
      responses: DOWNLOAD_RESPONSES,
      identify: true,
      handler: async ({ params, query, request, principal }, reply) =>
        download(params.planId, params.format, query.encoding, request, reply, query.reviewYear, principal),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/export",
      operationId: "downloadPlanAs",
      summary: "Download a plan in the format named by ?format=",
      tags: ["downloads"],
      access: "public",
      params: z.strictObject({ planId: planIdSchema }),
      query: encodingQuery.extend({ format: z.enum(EXPORT_FORMATS).default("json") }),
      responses: DOWNLOAD_RESPONSES,
      identify: true,
      handler: async ({ params, query, request, principal }, reply) =>
        download(params.planId, query.format, query.encoding, request, reply, query.reviewYear, principal),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/import/preview",
      operationId: "previewImport",
      summary: "Check a file and list what importing it would create, change and remove (writes nothing)",
      tags: ["imports"],
      access: "plan_manager",
      params: z.strictObject({ planId: planIdSchema }),
      query: uploadQuery,
      upload: uploadSpec,
      responses: {
        200: { description: "What the import would do", schema: importReportSchema },
        ...errorResponses(400, 401, 403, 413, 415),
      },
      handler: upload(true),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/import",
      operationId: "importPlan",
      summary: "Create or replace a plan from a file, all or nothing",
      tags: ["imports"],
      access: "plan_manager",
      params: z.strictObject({ planId: planIdSchema }),
      query: uploadQuery,
      upload: uploadSpec,
      responses: {
        200: { description: "What the import did", schema: importReportSchema },
        ...errorResponses(400, 401, 403, 413, 415),
      },
      handler: upload(false),
    }),
  ];
}
