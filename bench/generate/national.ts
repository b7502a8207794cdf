import { formatFiscalYear } from "../../src/core/fiscal/index.js";
import type { Action, PlanDocument } from "../../src/core/plan/plan.schema.js";
import { DEFAULT_SCALES } from "../../src/core/review/scales.js";
import { Random } from "./random.js";

/**
 * Plans for N municipalities shaped like Kadoma's (3 strategies, 15 measures, about 45 actions,
 * five fiscal years of records and indicators), with Japanese text recombined from the
 * vocabulary of such plans. Deterministic for a seed. For benchmarks and soak runs.
 */
const HEADS = [
  "北",
  "南",
  "東",
  "西",
  "中",
  "新",
  "大",
  "小",
  "高",
  "上",
  "下",
  "本",
  "若",
  "松",
  "桜",
  "青",
  "緑",
  "白",
  "黒",
  "金",
];
const TAILS = [
  "山",
  "川",
  "田",
  "野",
  "原",
  "島",
  "浜",
  "宮",
  "沢",
  "岡",
  "崎",
  "津",
  "谷",
  "森",
  "井",
  "橋",
  "台",
  "浦",
  "瀬",
  "里",
];
const KINDS = ["市", "市", "市", "町", "町", "村", "区"];
const PREFECTURES = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
];

const STRATEGIES = [
  {
    name: "イノベーション",
    subtitle: "Change・Chance・Challenge",
    measures: [
      "デジタル化 (DX) への対応・活用",
      "脱炭素 (GX) / SDGs への対応・活用",
      "スタートアップ、プロジェクト創出",
      "次世代ものづくり支援拠点の整備",
    ],
  },
  {
    name: "ネットワーク・連携",
    subtitle: "Combination・Chain・Cross",
    measures: [
      "ネットワーク活動の拡大、推進",
      "域内受発注の促進",
      "連携・共創を通じた高付加価値化",
      "域外との連携",
      "ロールモデル集約・展開",
    ],
  },
  {
    name: "基盤・集積強化",
    subtitle: "Conditioning・Cluster・Convenience",
    measures: [
      "人材確保・育成",
      "ものづくりブランドの確立",
      "操業環境の維持と新たな産業用地の確保",
      "事業承継",
      "市民等の理解促進",
      "BCP（災害、感染症等）",
    ],
  },
];

const SUBJECTS = [
  "先端設備導入",
  "企業間連携",
  "溶接技術の継承",
  "創業支援",
  "受発注マッチング",
  "人材確保",
  "省力化投資",
  "販路開拓",
  "産学連携",
  "事業承継",
  "BCP策定",
  "脱炭素経営",
  "工場見学",
  "展示会出展",
  "補助金活用",
  "技能検定",
  "地域ブランド",
  "ポータルサイト",
  "用地確保",
  "デジタル人材育成",
];
const VERBS = ["の推進", "の支援", "の促進", "の検討・実施", "に対する相談支援", "の強化", "の情報発信"];
const TAGS = ["DX", "GX", "SDGs", "省力化", "BCP", "事業承継", "業界向け情報発信"];
const LABELS = [
  "実施",
  "検討・実施",
  "見直し検討",
  "連携・実施",
  "支援実施",
  "委託事業",
  "事業者選定",
  "活動実施",
];
const ORGS = [
  "中小企業サポートセンター",
  "商工会議所",
  "地域金融機関",
  "ものづくり企業ネットワーク",
  "大学・高専",
  "公設試験研究機関",
];
const UNITS = [
  { unit: "件", noun: "支援件数" },
  { unit: "社", noun: "参加企業数" },
  { unit: "名", noun: "来場者数" },
  { unit: "回", noun: "開催回数" },
  { unit: "%", noun: "参加率" },
];

function municipalityName(r: Random, index: number): string {
  return `${r.pick(HEADS)}${r.pick(TAILS)}${index % 7 === 0 ? r.pick(TAILS) : ""}${r.pick(KINDS)}`;
}

function sentence(r: Random, fy: number, municipality: string): string {
  const subject = r.pick(SUBJECTS);
  const org = r.pick(ORGS);
  const count = r.int(1, 200);
  const unit = r.pick(UNITS);
  return `・${org}を中心に${subject}に関する相談・支援を実施。（${formatFiscalYear(fy)}） 【${formatFiscalYear(fy)} ${unit.noun} ${count}${unit.unit}】 ${municipality}内の事業者の${r.pick(["課題把握", "情報共有", "ネットワーク形成", "技能向上"])}を図った。`;
}

function action(r: Random, number: number, measure: string, municipality: string): Action {
  const subject = r.pick(SUBJECTS);
  const tags = r.chance(0.4) ? [r.pick(TAGS)] : [];
  const start = r.chance(0.3) ? null : r.int(2008, 2024);
  const labels: Action["schedule"] = [];
  let year = 2024;
  while (year <= 2028) {
    const to = Math.min(2028, year + r.int(0, 4));
    labels.push({ from: year, to, label: r.pick(LABELS) });
    year = to + 1;
  }
  const records: Action["records"] = [
    { fiscalYear: 2023, kind: "baseline", asOf: "2024-03-31", text: sentence(r, 2023, municipality) },
  ];
  for (const fy of [2024, 2025, 2026, 2027]) {
    records.push({
      fiscalYear: fy,
      kind: "result",
      asOf: `${fy + 1}-02-28`,
      text: sentence(r, fy, municipality),
    });
  }
  const unit = r.pick(UNITS);
  const baseValue = r.int(5, 150);
  return {
    number,
    measure,
    name: `${subject}${r.pick(VERBS)}`,
    tags,
    isNew: r.chance(0.2),
    isPriority: r.chance(0.6),
    relistOf: null,
    description: [
      { kind: "ongoing", text: `${r.pick(ORGS)}と連携し、${subject}に取り組む事業者を支援する。` },
      ...(r.chance(0.5)
        ? [
            {
              kind: "planned" as const,
              text: `${r.pick(SUBJECTS)}との相乗効果を高める新たな施策を検討する。`,
            },
          ]
        : []),
    ],
    startFiscalYear: start,
    schedule: labels,
    records,
    challenges: [`${subject}の周知と利用促進。`, `${r.pick(ORGS)}との連携強化。`],
    indicators: [
      {
        code: "1",
        name: `${subject}の${unit.noun}`,
        unit: unit.unit,
        kind: r.chance(0.5) ? "activity" : "outcome",
        baseline: { fiscalYear: 2023, value: baseValue, evidence: null },
        values: [2024, 2025, 2026, 2027].map((fy, i) => ({
          fiscalYear: fy,
          target: baseValue + (i + 1) * 5,
          actual: baseValue + (i + 1) * r.int(0, 8),
          evidence: null,
        })),
        source: "事業実績報告",
      },
    ],
    evaluations: [2024, 2025, 2026].map((fy) => ({
      fiscalYear: fy,
      grade: r.pick(["A", "B", "B", "C", "D"]),
      direction: r.pick(["expand", "continue", "improve", "review"]),
      analysis: `${subject}は概ね計画どおり進んだが、${r.pick(["参加企業の拡大", "周知", "担い手の確保"])}が課題である。`,
    })),
    recovered: [],
  };
}

/** One municipality's plan. */
export function generatePlan(index: number, seed = 1): PlanDocument {
  const r = new Random(seed * 100_003 + index);
  const municipality = municipalityName(r, index);
  const measures: PlanDocument["measures"] = [];
  STRATEGIES.forEach((s, i) =>
    s.measures.forEach((name, j) =>
      measures.push({
        code: `${i + 1}-${j + 1}`,
        strategy: String(i + 1),
        name,
        page: 40 + measures.length * 2,
      }),
    ),
  );
  const count = r.int(40, 50);
  const actions = Array.from({ length: count }, (_, i) =>
    action(
      r,
      i + 1,
      measures[Math.min(measures.length - 1, Math.floor((i / count) * measures.length))]!.code,
      municipality,
    ),
  );
  return {
    format: "shinko-plan/1",
    plan: {
      id: `m${String(index).padStart(5, "0")}`,
      municipality,
      title: `${municipality}ものづくり産業振興計画アクションプラン`,
      fiscalYears: { from: 2024, to: 2028 },
      asOf: "2028-02-28",
      prefecture: PREFECTURES[index % PREFECTURES.length]!,
    },
    scales: DEFAULT_SCALES,
    strategies: STRATEGIES.map((s, i) => ({ code: String(i + 1), name: s.name, subtitle: s.subtitle })),
    measures,
    actions,
  };
}

/** Plans 1…n. */
export function* generateNational(n = 1741, seed = 1): Generator<PlanDocument> {
  for (let i = 1; i <= n; i++) yield generatePlan(i, seed);
}
