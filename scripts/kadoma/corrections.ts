import type { Action, ScheduleItem } from "../../src/core/plan/plan.schema.js";

/**
 * Hand corrections to Kadoma's table, applied after the generic table reader
 * (src/io/table) has read data/sources/kadoma/action-plan-2025-02.tsv.
 *
 * Each one changes one field of one action, says what the reader produced (`expect`, so a change
 * in the reader cannot silently make a correction wrong), what the source itself shows instead
 * (`from`) and why (`reason`). Nothing here comes from outside the source. Each correction is
 * also recorded in the action's `recovered` list in the dataset.
 *
 * What the reader recovers by itself (the measures of actions 11–15 from page 2's repeated cells,
 * the names of actions 40 and 42, the 既存 flag of action 1, the numbering of page 2) is marked in
 * `recovered` by the reader, not here.
 */
export interface Correction {
  action: number;
  field: "schedule";
  expect: ScheduleItem[];
  value: ScheduleItem[];
  from: string;
  reason: string;
}

const s = (from: number, to: number, label: string): ScheduleItem => ({ from, to, label });

// Page 5 (lines 53–62, actions 28–35) prints its schedule labels one column right of their years.
const PAGE_5_SHIFT = {
  from: "actions 29 and 42, 30 and 35 of the same table",
  reason:
    "Page 5's labels sit one column right of their years: action 42 (line 71), the 再掲 of action 29, prints 実施 under R6 " +
    "and 見直し検討 under R7 where line 56 has R7 and R8; action 30's 大阪・関西万博 is in 2025 (FY 2025, R7), not R8; " +
    "action 35 starts in 令和7年度, yet its 検討 sits under R8. Every label on the page is moved one year earlier.",
};

export const corrections: readonly Correction[] = [
  {
    action: 11,
    field: "schedule",
    expect: [s(2025, 2025, "委託事業"), s(2026, 2027, "事業者選定"), s(2028, 2028, "委託事業")],
    value: [s(2024, 2024, "委託事業"), s(2025, 2025, "事業者選定"), s(2026, 2028, "委託事業")],
    from: "action 40 (its 再掲 row, line 69) and action 44 (line 73)",
    reason:
      "Line 20 shifts its cells: the last 委託事業 lies past the R10 column. Action 40, which relists this action, " +
      "prints the same contract cycle in consecutive columns: 委託事業 R6, 事業者選定 R7, 委託事業 R8 (and action 44 likewise).",
  },
  {
    action: 24,
    field: "schedule",
    expect: [s(2024, 2024, "見直し検討"), s(2025, 2027, "2年間延長予定"), s(2028, 2028, "令和9年度以降未定")],
    value: [s(2024, 2024, "見直し検討"), s(2025, 2026, "2年間延長予定"), s(2027, 2028, "令和9年度以降未定")],
    from: "action 1 (line 7), which this row relists, and the label's own words",
    reason:
      "令和9年度以降未定 means undecided from FY 2027 (R9) on, but line 48 puts it under R10; action 1 prints the same " +
      "schedule with it under R9, and 2年間延長 (a two-year extension) then covers R7 and R8.",
  },
  {
    action: 28,
    field: "schedule",
    expect: [s(2026, 2028, "実施")],
    value: [s(2025, 2028, "実施")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 29,
    field: "schedule",
    expect: [s(2025, 2025, "実施"), s(2026, 2028, "見直し検討")],
    value: [s(2024, 2024, "実施"), s(2025, 2028, "見直し検討")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 30,
    field: "schedule",
    expect: [s(2026, 2028, "実施")],
    value: [s(2025, 2028, "実施")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 31,
    field: "schedule",
    expect: [s(2026, 2028, "実施")],
    value: [s(2025, 2028, "実施")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 32,
    field: "schedule",
    expect: [s(2026, 2028, "周知・支援実施")],
    value: [s(2025, 2028, "周知・支援実施")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 33,
    field: "schedule",
    expect: [s(2026, 2026, "事業実施"), s(2027, 2028, "見直し検討")],
    value: [s(2025, 2025, "事業実施"), s(2026, 2028, "見直し検討")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 34,
    field: "schedule",
    expect: [s(2026, 2028, "実施")],
    value: [s(2025, 2028, "実施")],
    ...PAGE_5_SHIFT,
  },
  {
    action: 35,
    field: "schedule",
    expect: [s(2026, 2028, "検討")],
    value: [s(2025, 2028, "検討")],
    ...PAGE_5_SHIFT,
  },
];

/** Applies the corrections; throws when the reader's output is not what a correction expects. */
export function applyCorrections(actions: Action[], list: readonly Correction[] = corrections): void {
  for (const c of list) {
    const action = actions.find((a) => a.number === c.action);
    if (!action) throw new Error(`correction for action ${c.action}: no such action`);
    const actual = JSON.stringify(action[c.field]);
    if (actual !== JSON.stringify(c.expect)) {
      throw new Error(
        `correction for action ${c.action} ${c.field}: the reader now gives ${actual}, not ${JSON.stringify(c.expect)}; review the correction`,
      );
    }
    action[c.field] = c.value;
    action.recovered.push({ field: c.field, from: c.from, note: c.reason });
  }
}
