import type { Issue } from "../../core/errors.js";
import { cleanText, isEmpty } from "./cells.js";
import { assemblePlan, type TableOptions, type TableResult } from "./assemble.js";
import { isHeaderRow, readLayout, type PageLayout } from "./layout.js";
import { readRow, type RawRow } from "./rows.js";

export type { TableOptions, TableResult };

export interface PlacedRow {
  row: RawRow;
  layout: PageLayout;
}

/**
 * Reads a city's action-plan table (the official layout, as text or as sheet cells) into a plan
 * document. Copes with repeated page headers, page breaks, cells shifted left or right, lost
 * spans and split words; never invents: what it recovers it marks in `recovered`, what it cannot
 * place it reports as a warning, and what makes the plan wrong it reports as an error.
 *
 * @example
 * const { document, warnings, errors } = parseOfficialTable(readTsv(text).rows, { planId: "kadoma" });
 */
export function parseOfficialTable(rows: readonly (readonly string[])[], options: TableOptions): TableResult {
  const warnings: Issue[] = [];
  const placed: PlacedRow[] = [];
  let layout: PageLayout | null = null;
  let headerRows: (readonly string[])[] = [];
  let title: string | null = null;

  const flushHeader = () => {
    if (headerRows.length > 0) {
      layout = readLayout(headerRows, layout);
      headerRows = [];
    }
  };

  rows.forEach((cells, index) => {
    const line = index + 1;
    const filled = cells.filter((c) => !isEmpty(c));
    if (filled.length === 0) {
      flushHeader();
      return;
    }
    if (isHeaderRow(cells)) {
      headerRows.push(cells);
      return;
    }
    flushHeader();
    if (layout === null) {
      if (filled.length === 1 && title === null) title = cleanText(filled[0]!);
      else
        warnings.push({ path: options.place(line), message: "text before the table's header row; ignored" });
      return;
    }
    placed.push({ row: readRow(cells, line), layout });
  });

  if (placed.length === 0) {
    return {
      document: null,
      warnings,
      errors: [
        {
          path: options.place(1),
          message:
            layout === null
              ? "no header row found: expected the table's column headers (基本戦略, 具体的施策, 具体的アクション …)"
              : "the table has a header but no action rows",
        },
      ],
    };
  }
  return assemblePlan(placed, title, options, warnings);
}
