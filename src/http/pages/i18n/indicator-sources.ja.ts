/** Words of the computed actuals (indicator sources) on the review form and the indicators page. */
export const indicatorSourcesJa = {
  computedTitle: "登録データからの算出値",
  computedValue: (value: string, asOf: string) => `${value}（${asOf}時点）`,
  computedCount: (n: string) => `対象の記録 ${n}件`,
  computedEmpty:
    "登録データにまだ記録がありません。この0は「ない」ではなく「まだ登録していない」ことを表します。市が報告した値とは比べられません。",
  computedRunning: "年度の途中のため、今日までの記録から算出しています。",
  computedProblem: (problem: string) => `算出できません：${problem}`,
  recordsLink: "算出の元になった記録を見る",
  recordsStaffOnly: "記録は職員向けの画面で確認できます。",
  definition: "定義",
  decisionLegend: "実績値の扱い",
  decisionAccept: (value: string) => `算出値 ${value} を実績値として採用する`,
  decisionOverride: "別の値を実績値にする（理由が必要です）",
  decisionNone: "まだ決めない",
  reason: "算出値と異なる値にする理由",
  reasonHint: "職員だけが見ます（公開ページには出ません）。",
  accepted: (asOf: string) => `算出値を採用（${asOf}時点）`,
  overridden: (value: string) => `算出値（${value}）ではなく入力値を採用`,
  overrideReason: "理由",
  publishedComputed: (asOf: string) => `実績値は登録データから算出しました（${asOf}時点）。`,
  liveValue: (fy: string) => `${fy}の登録データからの算出値`,
} as const;

export type IndicatorSourcesMessages = {
  [K in keyof typeof indicatorSourcesJa]: (typeof indicatorSourcesJa)[K] extends (...a: infer A) => string
    ? (...a: A) => string
    : string;
};

/** The staff page that binds an indicator to a source. */
export const bindingPageJa = {
  title: (name: string) => `算出元の設定：${name}`,
  link: "算出元を設定",
  lead: "この指標の実績値を、登録データから算出します。評価のたびに算出値が示され、担当者が採用するか、理由を添えて別の値にします。",
  current: "現在の算出元",
  none: "なし（実績値を入力する）",
  sourceLegend: "算出元",
  param: "条件",
  paramHint: (names: string) => `条件を取る算出元のみ：${names}`,
  save: "算出元を保存",
  saved: "算出元を保存しました。",
  back: "評価の一覧へ",
} as const;
