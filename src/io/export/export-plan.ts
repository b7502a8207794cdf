import type { AuditActor, AuditEvent } from "../../core/audit/audit.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { exportCsv } from "../csv/csv-export.js";
import type { TextEncoding } from "../text/text-encoding.js";
import { renderPlanSheet } from "../xlsx/xlsx-render.js";
import { addReviewColumns } from "../xlsx/xlsx-review.js";
import { writeWorkbook } from "../xlsx/xlsx-write.js";

export const EXPORT_FORMATS = ["xlsx", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  bytes: Uint8Array;
  contentType: string;
  /** As a person would name it: 門真市ものづくり産業振興計画アクションプラン_2025-02-28.xlsx */
  fileName: string;
  /** An ASCII name for clients that cannot take the one above: kadoma_2025-02-28.xlsx */
  asciiFileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, (encoding: TextEncoding) => string> = {
  xlsx: () => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: (e) => `text/csv; charset=${e === "sjis" ? "Shift_JIS" : "utf-8"}`,
  json: () => "application/json; charset=utf-8",
};

/**
 * The plan's title and as-of date, made safe as a file name on every system. Besides the
 * characters file systems refuse, control and format characters go: a right-to-left override
 * (U+202E) in a title would show `…_2025-02-28.xlsx` as `xslx.82-20-5202_…`, or an `.exe` as
 * something else, in the browser's download bar and the file manager.
 */
export function fileNameFor(doc: PlanDocument, extension: string): string {
  const title = doc.plan.title
    // Cc: C0, DEL and C1 controls; Cf: bidirectional marks, embeddings, overrides and isolates
    // (U+200E/F, U+202A–E, U+2066–9), zero-width and other invisible format characters;
    // Zl/Zp: line and paragraph separators.
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, "_")
    .slice(0, 100);
  return `${title || doc.plan.id}_${doc.plan.asOf}.${extension}`;
}

/**
 * A plan in one of the download formats.
 *
 * @example
 * const file = await exportPlan(doc, "xlsx");
 * await writeFile(file.fileName, file.bytes);
 */
export async function exportPlan(
  doc: PlanDocument,
  format: ExportFormat,
  options: {
    encoding?: TextEncoding;
    /** xlsx only: append this fiscal year's review columns (results, evaluation, direction, challenges). */
    reviewYear?: number;
  } = {},
): Promise<ExportedFile> {
  const encoding = options.encoding ?? "utf8";
  let bytes: Uint8Array;
  switch (format) {
    case "xlsx": {
      const model = renderPlanSheet(doc);
      if (options.reviewYear !== undefined) addReviewColumns(model, doc, options.reviewYear);
      bytes = await writeWorkbook(model, doc.plan.asOf);
      break;
    }
    case "csv":
      bytes = exportCsv(doc, encoding);
      break;
    case "json":
      bytes = new TextEncoder().encode(serializePlan(doc));
      break;
  }
  return {
    bytes,
    contentType: CONTENT_TYPES[format](encoding),
    fileName: fileNameFor(doc, format),
    asciiFileName: `${doc.plan.id}_${doc.plan.asOf}.${format}`,
  };
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the real name in RFC 5987 form. */
export function contentDisposition(file: Pick<ExportedFile, "fileName" | "asciiFileName">): string {
  const encoded = encodeURIComponent(file.fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${file.asciiFileName}"; filename*=UTF-8''${encoded}`;
}

/** The audit event of an export (`plan.exported`): which plan, in which format and variant. */
export function exportAuditEvent(
  actor: AuditActor,
  planId: string,
  format: ExportFormat,
  options: { encoding?: TextEncoding | undefined; reviewYear?: number | undefined; ip?: string | null },
): AuditEvent {
  return {
    kind: "plan.exported",
    actor,
    ...(options.ip !== undefined ? { ip: options.ip } : {}),
    subject: { type: "plan", id: planId },
    details: {
      format,
      ...(options.encoding === "sjis" ? { encoding: options.encoding } : {}),
      ...(options.reviewYear !== undefined ? { reviewYear: options.reviewYear } : {}),
    },
  };
}
