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
  from: "同じ表のアクション29と42、30と35",
  reason:
    "5ページ目（53行目から62行目）はスケジュールの表記が年度より1列右に印字されています。アクション29の再掲であるアクション42（71行目）は" +
    "実施をR6、見直し検討をR7に置いていますが、56行目ではR7とR8です。アクション30の大阪・関西万博は2025年（令和7年度）でありR8ではありません。" +
    "アクション35の開始年は令和7年度ですが、検討がR8にあります。このページの表記はすべて1年度前に移しました。",
};

export const corrections: readonly Correction[] = [
  {
    action: 11,
    field: "schedule",
    expect: [s(2025, 2025, "委託事業"), s(2026, 2027, "事業者選定"), s(2028, 2028, "委託事業")],
    value: [s(2024, 2024, "委託事業"), s(2025, 2025, "事業者選定"), s(2026, 2028, "委託事業")],
    from: "アクション40（再掲の行、69行目）とアクション44（73行目）",
    reason:
      "20行目はセルがずれており、最後の委託事業がR10の列より右にあります。このアクションを再掲するアクション40は、" +
      "同じ委託の周期を連続した列に印字しています（委託事業 R6、事業者選定 R7、委託事業 R8。アクション44も同じ）。",
  },
  {
    action: 24,
    field: "schedule",
    expect: [s(2024, 2024, "見直し検討"), s(2025, 2027, "2年間延長予定"), s(2028, 2028, "令和9年度以降未定")],
    value: [s(2024, 2024, "見直し検討"), s(2025, 2026, "2年間延長予定"), s(2027, 2028, "令和9年度以降未定")],
    from: "この行が再掲するアクション1（7行目）と、表記そのものの文言",
    reason:
      "「令和9年度以降未定」は令和9年度（R9）以降が未定という意味ですが、48行目ではR10の列にあります。アクション1は同じスケジュールで" +
      "これをR9に置いており、「2年間延長予定」はR7とR8になります。",
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
