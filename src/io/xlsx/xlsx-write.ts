import ExcelJS from "exceljs";
import { DomainError, type Issue } from "../../core/errors.js";
import { codePoint, CONTROL_CHARACTER } from "./xlsx-read.js";
import type { SheetModel } from "./xlsx-render.js";
import { renderMetadata, METADATA_SHEET } from "./xlsx-metadata.js";
import { columnLetter } from "./xlsx-layout.js";
import { heightForLines, wrappedLines } from "./row-height.js";
import { useFastMerges } from "./exceljs-merges.js";
import { fixZipTimes } from "../zip/zip-times.js";

useFastMerges();

// The font of most municipal spreadsheets, on every Windows machine; its compact line height keeps
// the row heights computed in row-height.ts right.
const FONT = "ＭＳ Ｐゴシック";
const BODY_SIZE = 9;
const HEADER_FILL = "FFDDEBF7";
const GROUP_FILL = "FFBDD7EE";
const SCHEDULE_FILL = "FFE2EFDA";
const THIN = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function fill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

/** Draws the table sheet: styles, widths, heights, merges, print setup. */
function drawTable(book: ExcelJS.Workbook, model: SheetModel): void {
  const { layout, grid, headerRows } = model;
  const width = layout.columns.length;
  const lastRow = grid.cells.length;
  const nameColumn = layout.columns.findIndex((c) => c.role.kind === "name");
  const sheet = book.addWorksheet(grid.name, {
    views: [{ state: "frozen", xSplit: nameColumn + 1, ySplit: headerRows, zoomScale: 90 }],
    pageSetup: {
      // A3 is 8 in the file format; ExcelJS's enum does not name it.
      paperSize: 8 as unknown as ExcelJS.PaperSize,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `2:${headerRows}`,
      printArea: `A1:${columnLetter(width - 1)}${lastRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
    },
    headerFooter: { oddFooter: "&C&P / &N", evenFooter: "&C&P / &N" },
  });
  sheet.columns = layout.columns.map((c) => ({ width: c.width }));

  grid.cells.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((text, c) => {
      if (text === "") return;
      const role = layout.columns[c]!.role.kind;
      row.getCell(c + 1).value =
        r >= headerRows && role === "number" && /^\d+$/.test(text) ? Number(text) : text;
    });
  });
  for (const m of grid.merges) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  const title = sheet.getRow(1);
  title.height = 26;
  title.getCell(1).font = { name: FONT, size: 14, bold: true };
  title.getCell(1).alignment = { vertical: "middle" };
  title.getCell(width).font = { name: FONT, size: 10 };
  title.getCell(width).alignment = { horizontal: "right", vertical: "middle" };

  for (let r = 2; r <= headerRows; r++) {
    const row = sheet.getRow(r);
    row.height = r === headerRows ? 48 : 20;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: BODY_SIZE, bold: true };
      cell.fill = fill(r === 2 ? GROUP_FILL : HEADER_FILL);
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
    }
  }

  const rowSpans = new Map(
    grid.merges.filter((m) => m.top === m.bottom).map((m) => [`${m.top}:${m.left}`, m] as const),
  );
  for (let r = headerRows; r < lastRow; r++) {
    const row = sheet.getRow(r + 1);
    let lines = 1;
    layout.columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      const kind = column.role.kind;
      const text = grid.cells[r]![c]!;
      const centred =
        kind === "number" || kind === "flag" || kind === "marks" || kind === "start" || kind === "year";
      cell.font = { name: FONT, size: BODY_SIZE };
      cell.border = BORDER;
      cell.alignment = {
        wrapText: true,
        vertical: centred ? "middle" : "top",
        horizontal: centred ? "center" : "left",
      };
      if (kind === "year" && text !== "") cell.fill = fill(SCHEDULE_FILL);
      // Merged strategy and measure cells span several rows; they do not set a row's height.
      if (text !== "" && kind !== "strategy" && kind !== "measure") {
        const merged = rowSpans.get(`${r}:${c}`);
        const span = merged
          ? layout.columns.slice(merged.left, merged.right + 1).reduce((w, x) => w + x.width, 0)
          : column.width;
        lines = Math.max(lines, wrappedLines(text, span, BODY_SIZE));
      }
    });
    row.height = heightForLines(lines, BODY_SIZE);
  }
}

function drawMetadata(book: ExcelJS.Workbook, model: SheetModel): void {
  // Very hidden (only a macro can show it) and without a print area: a person printing the
  // workbook gets the table, never pages of JSON.
  const sheet = book.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
  sheet.columns = [{ width: 12 }, { width: 10 }, { width: 120 }];
  renderMetadata(model.metadata).forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((text, c) => {
      // Everything is text: keys such as "1" stay text, so a reader sees exactly what was written.
      row.getCell(c + 1).value = text;
    });
    if (r < 2) row.font = { bold: r === 1 };
  });
}

/**
 * Refuses text a workbook cannot keep (ExcelJS drops control characters when writing), naming
 * the cell, rather than writing a file that reads back different from the plan.
 */
function checkCells(model: SheetModel): void {
  const issues: Issue[] = [];
  const sheets: [string, string[][]][] = [
    [model.grid.name, model.grid.cells],
    [METADATA_SHEET, renderMetadata(model.metadata)],
  ];
  for (const [name, rows] of sheets) {
    rows.forEach((cells, r) =>
      cells.forEach((text, c) => {
        const bad = CONTROL_CHARACTER.exec(text);
        if (bad)
          issues.push({
            path: `sheet ${name}, row ${r + 1}, column ${columnLetter(c)}`,
            message: `holds a control character (${codePoint(bad[0])}) that a workbook cannot keep`,
          });
      }),
    );
  }
  if (issues.length > 0)
    throw new DomainError(
      "validation_failed",
      `the plan holds ${issues.length} text(s) with control characters that an .xlsx cannot hold; remove them or export as CSV or JSON`,
      issues,
    );
}

/**
 * Writes the workbook: the table sheet and the metadata sheet.
 *
 * @example
 * const bytes = await writeWorkbook(renderPlanSheet(doc), doc.plan.asOf);
 */
export async function writeWorkbook(model: SheetModel, asOf: string): Promise<Uint8Array> {
  checkCells(model);
  const book = new ExcelJS.Workbook();
  book.creator = "shinko";
  book.title = model.grid.cells[0]?.[0] ?? "";
  // Fixed document dates keep the workbook's properties the same for the same plan.
  book.created = new Date(`${asOf}T00:00:00Z`);
  book.modified = book.created;
  drawTable(book, model);
  drawMetadata(book, model);
  const buffer = await book.xlsx.writeBuffer();
  // The zip entries carry the time of writing; the plan's date instead makes the bytes the same
  // for the same plan (the download's strong ETag promises that).
  return fixZipTimes(new Uint8Array(buffer), book.created);
}
