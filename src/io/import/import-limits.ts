import { DomainError } from "../../core/errors.js";

/**
 * How much of a file an import reads at most. A plan has tens to thousands of actions (a
 * 10,000-action plan is the largest benchmarked); these limits sit well above that, and refuse a
 * hostile or runaway file early, before the work grows with it (a million rows took 23 s and
 * 2 GB; one merged range over a whole sheet blocked the server for hours).
 */
export const IMPORT_LIMITS = {
  /** Rows of one sheet, or records of a CSV or TSV (the header included). */
  rows: 50_000,
  /** Filled cells of a whole workbook (every sheet). */
  cells: 2_000_000,
  /** Columns of a sheet a cell or a merged range may reach (the official table has about 20). */
  columns: 1_000,
  /** Cells covered by the merged ranges of a workbook, together. */
  mergedCells: 1_000_000,
} as const;

const GROUPED = new Intl.NumberFormat("en-US");

/** The refusal of a file that goes over a limit, naming the limit and where it was passed. */
export function overLimit(source: string, place: string, what: string): DomainError {
  return new DomainError("too_large", `${source}: ${place}: ${what}`, [{ path: place, message: what }]);
}

export const grouped = (n: number): string => GROUPED.format(n);
