import { DomainError } from "../../core/errors.js";
import { planDocumentSchema } from "../../core/plan/plan.schema.js";
import { parseWith } from "../../core/validation.js";
import type { ImportDraft } from "../import/import-types.js";
import { parseJsonBytes } from "./plan-json.js";

/** The canonical JSON as an import draft; errors name the line and column, or the JSON path. */
export function importJson(bytes: Uint8Array, source: string): ImportDraft {
  // Invalid JSON or text that is not UTF-8 refuses the file with the parser's own message (line, column).
  const parsed = parseJsonBytes(bytes, source);
  try {
    const document = parseWith(planDocumentSchema, parsed);
    return { format: "json", document, missingMeta: [], errors: [], warnings: [] };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation_failed") throw error;
    return { format: "json", document: null, missingMeta: [], errors: [...error.issues], warnings: [] };
  }
}
