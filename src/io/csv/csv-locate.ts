import type { PlanDocument } from "../../core/plan/plan.schema.js";
import type { CsvKey } from "./csv-columns.js";

const FIELD_KEY: Record<string, CsvKey> = {
  number: "number",
  measure: "measure_code",
  name: "name",
  tags: "tags",
  isNew: "is_new",
  isPriority: "is_priority",
  relistOf: "relist_of",
  description: "description",
  startFiscalYear: "start_fiscal_year",
  schedule: "schedule",
  records: "records",
  challenges: "challenges",
  indicators: "indicators",
  evaluations: "evaluations",
  recovered: "recovered",
};

const PLAN_KEY: Record<string, CsvKey> = {
  id: "plan_id",
  municipality: "municipality",
  municipalityCode: "municipality_code",
  prefecture: "prefecture",
  title: "plan_title",
  fiscalYears: "plan_from",
  asOf: "plan_as_of",
  source: "plan_source",
  license: "plan_license",
};

/** JSON path of the plan read from a CSV → the CSV's row and column. */
export function csvLocator(
  doc: PlanDocument,
  rowOfAction: readonly number[],
  place: (row: number, key?: CsvKey) => string,
): (path: string) => string | undefined {
  return (path) => {
    const m = /^(actions|strategies|measures)\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (!m) {
      const p = /^plan\.(\w+)/.exec(path);
      return p ? place(2, PLAN_KEY[p[1]!]) : undefined;
    }
    const index = Number(m[2]);
    if (m[1] === "actions") {
      const row = rowOfAction[index];
      return row === undefined ? undefined : place(row, m[3] ? FIELD_KEY[m[3]] : undefined);
    }
    const code = m[1] === "strategies" ? doc.strategies[index]?.code : doc.measures[index]?.code;
    const first = doc.actions.findIndex((a) =>
      m[1] === "measures"
        ? a.measure === code
        : doc.measures.find((x) => x.code === a.measure)?.strategy === code,
    );
    const row = rowOfAction[first];
    const key: CsvKey =
      m[1] === "strategies"
        ? m[3] === "code"
          ? "strategy_code"
          : "strategy"
        : m[3] === "code"
          ? "measure_code"
          : "measure";
    return row === undefined ? undefined : place(row, key);
  };
}
