/** A sheet as plain cells and merged ranges: what the xlsx writer draws and the reader recognises. */

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  name: string;
  /** cells[row][column], 0-based; "" for an empty cell. */
  cells: string[][];
  merges: CellRange[];
}

export function cellAt(grid: Grid, row: number, column: number): string {
  return grid.cells[row]?.[column] ?? "";
}

/** The merged range that covers a cell, if any. */
export function mergeAt(grid: Grid, row: number, column: number): CellRange | undefined {
  return grid.merges.find((m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right);
}

/** The value a person sees in a cell: a merged range shows its top-left cell's value throughout. */
export function shownAt(grid: Grid, row: number, column: number): string {
  const merge = mergeAt(grid, row, column);
  return merge ? cellAt(grid, merge.top, merge.left) : cellAt(grid, row, column);
}

/** Indexes merges by row for sheets with thousands of rows. */
export function mergesByRow(merges: readonly CellRange[]): Map<number, CellRange[]> {
  const out = new Map<number, CellRange[]>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const list = out.get(r);
      if (list) list.push(m);
      else out.set(r, [m]);
    }
  }
  return out;
}
