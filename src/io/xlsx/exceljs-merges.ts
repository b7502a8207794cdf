import ExcelJS from "exceljs";

/**
 * ExcelJS checks each new merged range against every range merged before it, which makes a sheet
 * with thousands of merges (a 10,000-action plan has some 20,000) take many seconds to write and
 * to read. This replaces that check with one that looks only at the cells of the new range (same
 * result: overlapping ranges are still refused), applied once to ExcelJS 4's worksheet prototype.
 */

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface WorksheetInternals {
  _merges: Record<string, Range>;
  findCell(row: number, column: number): { isMerged: boolean } | undefined;
  getCell(
    row: number,
    column: number,
  ): { address: string; merge(master: unknown, ignoreStyle?: boolean): void };
  _mergeCellsInternal(range: Range, ignoreStyle?: boolean): void;
}

let patched = false;

export function useFastMerges(): void {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("probe")) as WorksheetInternals;
  if (typeof proto._mergeCellsInternal !== "function") return; // another ExcelJS: keep its own
  proto._mergeCellsInternal = function (this: WorksheetInternals, range: Range, ignoreStyle?: boolean) {
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        if (this.findCell(r, c)?.isMerged) throw new Error("Cannot merge already merged cells");
      }
    }
    const master = this.getCell(range.top, range.left);
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        if (r > range.top || c > range.left) this.getCell(r, c).merge(master, ignoreStyle);
      }
    }
    this._merges[master.address] = range;
  };
}
