import type { IndicatorBinding } from "../../src/core/indicator-sources/binding.schema.js";
import type { Indicator } from "../../src/core/indicators/indicator.schema.js";
import type { ValueProposal } from "../../src/core/indicators/extract.js";
import type { Action } from "../../src/core/plan/plan.schema.js";

/**
 * The indicators Kadoma's own text supports for FY 2023 (現状, the baseline) and FY 2024 (実績),
 * accepted from the values src/core/indicators/extract.ts proposes (the full list of proposals is
 * data/plans/kadoma.indicator-proposals.json). Each value is named by its proposal id, so the
 * number, unit, year and the sentence it came from are the text's, never typed here; only the
 * indicator's name and kind (activity or outcome) are ours.
 *
 * Not accepted: the proposals of 再掲 rows 24, 31 and 42, which repeat the figures of actions 1,
 * 16 and 29 (and disagree with them in two places: action 24 says 14件 for FY 2023 where action 1
 * says 17件, action 31 says 135社 where action 16 says 136社); frequencies and figures that name
 * events rather than measure the action.
 */
interface Accepted {
  action: number;
  code: string;
  name: string;
  kind: Indicator["kind"];
  /** The FY 2023 value, from the 現状 record. */
  baseline?: string;
  /** Values of later years (FY 2024), from the 実績 record. */
  values: string[];
  /**
   * The source of records later years are computed from (docs/indicator-sources.md). The years
   * above stay as the city reported them.
   */
  computedFrom?: IndicatorBinding;
}

const SOURCE = "門真市ものづくり産業振興計画アクションプラン（令和7年2月末時点）の現状・実績欄";

export const accepted: readonly Accepted[] = [
  {
    action: 1,
    code: "1",
    name: "先端設備等導入計画の認定件数",
    kind: "activity",
    baseline: "1:baseline:2023:40",
    values: ["1:result:2024:40"],
  },
  {
    action: 1,
    code: "2",
    name: "認定計画の投資額",
    kind: "outcome",
    baseline: "1:baseline:2023:51",
    values: ["1:result:2024:51"],
  },
  {
    action: 5,
    code: "1",
    name: "補助制度（カーボンニュートラル）の活用件数",
    kind: "activity",
    values: ["5:result:2024:142"],
  },
  {
    action: 8,
    code: "1",
    name: "特定創業支援等事業の支援者数",
    kind: "activity",
    baseline: "8:baseline:2023:42",
    values: [],
  },
  {
    action: 8,
    code: "2",
    name: "特定創業支援等事業による創業件数",
    kind: "outcome",
    baseline: "8:baseline:2023:48",
    values: [],
  },
  {
    action: 9,
    code: "1",
    name: "地域経済牽引事業計画の新規認定件数",
    kind: "outcome",
    values: ["9:result:2024:12"],
  },
  {
    action: 11,
    code: "1",
    name: "中小企業サポートセンターの相談支援件数",
    kind: "activity",
    baseline: "11:baseline:2023:7",
    values: [],
  },
  {
    action: 11,
    code: "2",
    name: "中小企業サポートセンターの訪問件数",
    kind: "activity",
    baseline: "11:baseline:2023:18",
    values: [],
  },
  {
    action: 11,
    code: "3",
    name: "サポートセンター主催セミナーの開催回数",
    kind: "activity",
    values: ["11:result:2024:35"],
  },
  {
    action: 13,
    code: "1",
    name: "ものづくり企業ネットワークの加入企業数",
    kind: "outcome",
    baseline: "13:baseline:2023:1",
    values: ["13:result:2024:1"],
  },
  {
    action: 13,
    code: "2",
    name: "会員大会・定例会の平均参加率",
    kind: "outcome",
    baseline: "13:baseline:2023:209",
    values: ["13:result:2024:222"],
  },
  {
    action: 16,
    code: "1",
    name: "ものづくりタウンかどまの掲載企業数",
    kind: "outcome",
    baseline: "16:baseline:2023:75",
    values: ["16:result:2024:10"],
    // The portal itself is the registry: shinko's company registry counts the firms it lists.
    computedFrom: { source: "companies.listed", params: {} },
  },
  {
    action: 18,
    code: "1",
    name: "会員大会・定例会の平均参加率",
    kind: "outcome",
    baseline: "18:baseline:2023:81",
    values: ["18:result:2024:83"],
  },
  {
    action: 19,
    code: "1",
    name: "生産性1.5倍部会の開催回数",
    kind: "activity",
    values: ["19:result:2024:73"],
  },
  {
    action: 19,
    code: "2",
    name: "人材確保・育成事業部会の開催回数",
    kind: "activity",
    values: ["19:result:2024:111"],
  },
  {
    action: 21,
    code: "1",
    name: "定例会で企業プレゼンを行った企業数",
    kind: "activity",
    values: ["21:result:2024:78"],
  },
  {
    action: 22,
    code: "1",
    name: "教員2年次研修の受入れ企業数",
    kind: "activity",
    baseline: "22:baseline:2023:156",
    values: ["22:result:2024:230"],
  },
  {
    action: 23,
    code: "1",
    name: "合同企業就職説明会・面接会の総来場者数",
    kind: "activity",
    baseline: "23:baseline:2023:29",
    values: ["23:result:2024:29"],
  },
  {
    action: 23,
    code: "2",
    name: "雇用マッチング数（市内企業）",
    kind: "outcome",
    baseline: "23:baseline:2023:41",
    values: ["23:result:2024:42"],
  },
  {
    action: 25,
    code: "1",
    name: "企業魅力アップ補助金の支援企業数（のべ）",
    kind: "activity",
    baseline: "25:baseline:2023:20",
    values: ["25:result:2024:9"],
  },
  {
    action: 25,
    code: "2",
    name: "企業魅力アップ補助金の支援件数",
    kind: "activity",
    baseline: "25:baseline:2023:24",
    values: ["25:result:2024:13"],
  },
  {
    action: 26,
    code: "1",
    name: "人材確保・育成事業部会の開催回数",
    kind: "activity",
    values: ["26:result:2024:17"],
  },
  {
    action: 28,
    code: "1",
    name: "カドマイスター認定企業数（累計）",
    kind: "outcome",
    baseline: "28:baseline:2023:8",
    values: ["28:result:2024:18"],
  },
  {
    action: 29,
    code: "1",
    name: "FactorISMへの門真市内参加企業数",
    kind: "activity",
    values: ["29:result:2024:50"],
  },
  { action: 29, code: "2", name: "FactorISMの参加者数", kind: "outcome", values: ["29:result:2024:61"] },
  {
    action: 32,
    code: "1",
    name: "大阪府ものづくり優良企業賞の受賞（支援）件数",
    kind: "outcome",
    baseline: "32:baseline:2023:49",
    values: ["32:result:2024:46"],
  },
  {
    action: 32,
    code: "2",
    name: "なにわの名工の推薦受賞者数",
    kind: "outcome",
    baseline: "32:baseline:2023:85",
    values: ["32:result:2024:84"],
  },
  {
    action: 33,
    code: "1",
    name: "機械要素技術展への合同出展企業数",
    kind: "activity",
    baseline: "33:baseline:2023:16",
    values: ["33:result:2024:10"],
  },
  {
    action: 34,
    code: "1",
    name: "ふるさと納税返礼品の登録支援企業数",
    kind: "activity",
    baseline: "34:baseline:2023:62",
    values: ["34:result:2024:39"],
  },
  {
    action: 36,
    code: "1",
    name: "産業誘導区域移転補助金の事業指定企業数",
    kind: "outcome",
    baseline: "36:baseline:2023:21",
    values: ["36:result:2024:11"],
  },
  {
    action: 38,
    code: "1",
    name: "条例適用による届出件数（累計）",
    kind: "outcome",
    baseline: "38:baseline:2023:33",
    values: ["38:result:2024:20"],
  },
  {
    action: 40,
    code: "1",
    name: "事業承継の相談・支援件数",
    kind: "activity",
    baseline: "40:baseline:2023:40",
    values: ["40:result:2024:97"],
  },
  {
    action: 41,
    code: "1",
    name: "事業承継・引継ぎ支援センターへのつなぎ件数",
    kind: "outcome",
    values: ["41:result:2024:83"],
  },
  {
    action: 44,
    code: "1",
    name: "BCPの情報提供・相談・支援企業数",
    kind: "activity",
    baseline: "44:baseline:2023:40",
    values: ["44:result:2024:40"],
  },
];

/** Attaches the accepted indicators to the actions; throws when a proposal id no longer exists. */
export function attachIndicators(actions: Action[], proposals: readonly ValueProposal[]): void {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const take = (id: string, action: number) => {
    const p = byId.get(id);
    if (!p)
      throw new Error(
        `indicator of action ${action}: proposal ${id} is no longer proposed; review scripts/kadoma/indicators.ts`,
      );
    if (p.actionNumber !== action)
      throw new Error(`proposal ${id} belongs to action ${p.actionNumber}, not ${action}`);
    return p;
  };
  const evidence = (p: ValueProposal) => ({ record: p.record, excerpt: p.excerpt });
  for (const a of accepted) {
    const action = actions.find((x) => x.number === a.action);
    if (!action) throw new Error(`indicator for unknown action ${a.action}`);
    const base = a.baseline ? take(a.baseline, a.action) : undefined;
    const values = a.values.map((id) => take(id, a.action));
    const unit = (base ?? values[0])!.unit;
    for (const v of values) {
      if (v.unit !== unit)
        throw new Error(`indicator ${a.action}/${a.code}: units differ (${unit}, ${v.unit})`);
    }
    action.indicators.push({
      code: a.code,
      name: a.name,
      unit,
      kind: a.kind,
      baseline: base ? { fiscalYear: base.fiscalYear, value: base.value, evidence: evidence(base) } : null,
      values: values.map((v) => ({
        fiscalYear: v.fiscalYear,
        target: null,
        actual: v.value,
        evidence: evidence(v),
      })),
      source: SOURCE,
      ...(a.computedFrom ? { computedFrom: a.computedFrom } : {}),
    });
  }
}
