import type { Lang } from "../i18n/i18n.js";

/** The kit's own words (the pages bring theirs): Japanese, and English with the same keys. */
const ja = {
  errorSummaryTitle: "入力内容を確認してください",
  optional: "（任意）",
  sortBy: (label: string) => `${label}で並べ替え`,
  sortedAscending: "昇順",
  sortedDescending: "降順",
  pagination: "ページ送り",
  previous: "前へ",
  next: "次へ",
  pageOf: (page: number, pages: number) => `${page} / ${pages} ページ`,
  showing: (from: number, to: number, total: number) => `${total}件中 ${from}〜${to}件`,
  none: "該当するものはありません",
  count: (n: number) => `${n}件`,
  from: "下限",
  to: "上限",
  apply: "絞り込む",
  clear: "条件をすべて外す",
  filter: "絞り込み",
  confirm: "実行する",
  cancel: "取り消して戻る",
  cannotUndo: "この操作は取り消せません。",
};

export type KitText = typeof ja;

const en: KitText = {
  errorSummaryTitle: "There is a problem",
  optional: " (optional)",
  sortBy: (label) => `Sort by ${label}`,
  sortedAscending: "ascending",
  sortedDescending: "descending",
  pagination: "Pages",
  previous: "Previous",
  next: "Next",
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  showing: (from, to, total) => `${from}–${to} of ${total}`,
  none: "Nothing matches",
  count: (n) => `${n}`,
  from: "From",
  to: "To",
  apply: "Apply filters",
  clear: "Clear all filters",
  filter: "Filter",
  confirm: "Yes, do it",
  cancel: "Cancel and go back",
  cannotUndo: "This cannot be undone.",
};

export function kitText(lang: Lang): KitText {
  return lang === "en" ? en : ja;
}
