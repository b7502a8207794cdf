import type { PlanDocument } from "../../core/plan/plan.schema.js";
import type { SheetLayout } from "./xlsx-layout.js";
import type { SheetRows } from "./xlsx-rows.js";

const FIELD_COLUMN: Record<string, string> = {
  number: "number",
  measure: "measure",
  name: "name",
  tags: "name",
  isNew: "flag",
  isPriority: "marks",
  relistOf: "marks",
  description: "description",
  startFiscalYear: "start",
  schedule: "year",
  records: "record",
  challenges: "challenges",
};

/** Turns a JSON path of the plan read from a sheet into the sheet's row and column. */
export function buildLocator(
  layout: SheetLayout,
  rows: SheetRows,
  doc: PlanDocument,
  firstDataRow: number,
  place: (row: number, column?: number) => string,
): (path: string) => string | undefined {
  const col = (kind: string) => layout.columns.findIndex((c) => c.role.kind === kind);
  return (path) => {
    const m = /^(actions|strategies|measures)\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (!m) {
      if (path.startsWith("plan.fiscalYears")) return place(firstDataRow - 1, col("year"));
      if (path.startsWith("plan.")) return place(0);
      return undefined;
    }
    const index = Number(m[2]);
    if (m[1] === "actions") {
      const row = rows.actions[index]?.row;
      if (row === undefined) return undefined;
      return place(row, m[3] ? col(FIELD_COLUMN[m[3]] ?? "") : undefined);
    }
    if (m[1] === "strategies") {
      const code = doc.strategies[index]?.code;
      const position = doc.strategies.findIndex((s) => s.code === code) + 1;
      const row = rows.strategies.get(position)?.row;
      return row === undefined ? undefined : place(row, col("strategy"));
    }
    const measure = doc.measures[index];
    const first = doc.actions.findIndex((a) => a.measure === measure?.code);
    const row = first >= 0 ? rows.actions[first]?.row : undefined;
    return row === undefined ? undefined : place(row, col("measure"));
  };
}
