import type { Issue } from "../../core/errors.js";
import type { PlanDocument, PlanMeta } from "../../core/plan/plan.schema.js";
import type { TextEncoding } from "../text/text-encoding.js";
import type { SheetLayout } from "../xlsx/xlsx-layout.js";

export const IMPORT_FORMATS = ["xlsx", "csv", "tsv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where the import is, for a progress bar: a stage and, when known, how far through it. */
export type ProgressListener = (stage: string, done?: number, total?: number) => void;

/**
 * What a file reader makes of a file, before validation: a document shaped like the canonical
 * plan, the problems found on the way, and a way to name the file's own places.
 */
export interface ImportDraft {
  format: ImportFormat;
  /** Shaped like a plan document; validated by the import. Null when nothing could be read. */
  document: PlanDocument | null;
  /** Plan fields the file cannot carry: taken from the plan it replaces, when there is one. */
  missingMeta: (keyof PlanMeta)[];
  /** Problems that refuse the file. */
  errors: Issue[];
  /** Things the reader did that a person should know (a guess, an ignored cell). */
  warnings: Issue[];
  /**
   * True when the file lists only the strategies and measures that have actions (CSV): the import
   * keeps the target plan's others.
   */
  partialSystem?: boolean;
  /** What the file cannot carry (a CSV has no scales; a city's own sheet no indicators): kept from the plan it replaces. */
  lacks?: { scales?: boolean; indicators?: boolean; recovered?: boolean };
  /** Names the file's own place for a JSON path (actions[3].name → row 12, column F (具体的アクション)). */
  locate?: (path: string) => string | undefined;
  encoding?: TextEncoding;
  /**
   * The official table's columns, when the file is that table (xlsx, or its text): without a
   * metadata sheet, a row that shows what the replaced plan's row would show keeps that plan's
   * exact values (a schedule's span that text cannot show, a name ending in brackets).
   */
  table?: { layout: SheetLayout; spans: boolean };
}
