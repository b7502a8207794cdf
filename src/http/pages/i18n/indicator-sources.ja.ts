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
