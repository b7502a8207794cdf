import { DomainError } from "../../core/errors.js";
import { importCsv } from "../csv/csv-import.js";
import { importJson } from "../json/json-import.js";
import { importTsv } from "../tsv/tsv-import.js";
import { parseWorkbook } from "../xlsx/xlsx-parse.js";
import { readWorkbook } from "../xlsx/xlsx-read.js";
import {
  IMPORT_FORMATS,
  type ImportDraft,
  type ImportFormat,
  type ProgressListener,
} from "./import-types.js";

/** The default limit for an imported file: 20 MB (BODY_LIMIT sets it for the API and the CLI). */
export const DEFAULT_IMPORT_LIMIT = 20 * 1024 * 1024;

const BY_EXTENSION: Record<string, ImportFormat> = {
  xlsx: "xlsx",
  xlsm: "xlsx",
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  txt: "tsv",
  json: "json",
};

const BY_CONTENT_TYPE: Record<string, ImportFormat> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/csv": "csv",
  "text/tab-separated-values": "tsv",
  "text/plain": "tsv",
  "application/json": "json",
};

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a file name's extension names (plan.xlsx → xlsx), if any. */
export function formatOfName(name: string): ImportFormat | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? BY_EXTENSION[m[1]!.toLowerCase()] : undefined;
}

export function formatOfContentType(contentType: string | undefined): ImportFormat | undefined {
  return contentType ? BY_CONTENT_TYPE[contentType.split(";")[0]!.trim().toLowerCase()] : undefined;
}

/** Tells the format from the first bytes when neither a name nor a content type says it. */
export function sniffFormat(bytes: Uint8Array): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return "xlsx";
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, "");
  if (/^\s*\{/.test(head)) return "json";
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return firstLine.includes("\t") ? "tsv" : "csv";
}

/** Megabytes with one decimal (a limit without it when whole), for messages. */
export function megabytes(bytes: number, whole = false): string {
  const text = (bytes / 1024 / 1024).toFixed(1);
  return `${whole ? text.replace(/\.0$/, "") : text} MB`;
}

/** Refuses a file over the limit before anything reads it. */
export function checkSize(size: number, limit: number, source: string): void {
  if (size > limit) {
    const message = `${megabytes(size)} is over the ${megabytes(limit, true)} limit for imports`;
    throw new DomainError("too_large", `${source}: ${message}`, [{ path: source, message }]);
  }
}

/**
 * Reads an imported file in any of the formats into a draft (nothing is validated against the
 * database or written yet).
 *
 * @example
 * const draft = await readImport(bytes, { source: "plan.xlsx", format: "xlsx" });
 */
export async function readImport(
  bytes: Uint8Array,
  options: { source: string; format: ImportFormat; limit?: number; onProgress?: ProgressListener },
): Promise<ImportDraft> {
  checkSize(bytes.length, options.limit ?? DEFAULT_IMPORT_LIMIT, options.source);
  options.onProgress?.("reading the file");
  switch (options.format) {
    case "xlsx": {
      const sheets = await readWorkbook(bytes, options.source);
      return parseWorkbook(sheets, {
        source: options.source,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
    case "csv":
      return importCsv(bytes, options.source, options.onProgress);
    case "tsv":
      return importTsv(bytes, options.source);
    case "json":
      return importJson(bytes, options.source);
  }
}
