import type { Issue } from "../../../core/errors.js";
import type { Lang } from "./i18n.js";

/**
 * The core writes its refusals in English (the API's words). On Japanese pages they are told in
 * Japanese through this catalogue: each pattern of a core message with its Japanese wording. A
 * message no pattern knows is shown as the core wrote it (better English than nothing).
 */
const JA: [RegExp, (...groups: string[]) => string][] = [
  [/^must not be empty$/u, () => "入力してください。"],
  [/^must be at most (\d+) characters$/u, (n) => `${n}文字以内で入力してください。`],
  [
    /^must be an ISO date$|^must be an ISO date \(YYYY-MM-DD\)$/u,
    () => "日付は 2026-02-28 の形で入力してください。",
  ],
  [/^is not a real calendar date$/u, () => "実在する日付を入力してください。"],
  [/^must not be before (\d{4}-\d{2}-\d{2})$/u, (d) => `${d}より前の日付は指定できません。`],
  [
    /^must fall in (\S+) \((\S+) – (\S+)\) or the six months after$/u,
    (fy, from, to) => `${fy}（${from}〜${to}）か、その後6か月以内の日付にしてください。`,
  ],
  [
    /^(\S+) is outside the plan's years (\d+)–(\d+)$/u,
    (fy, from, to) => `${fy}は計画期間（${from}〜${to}年度）の外です。`,
  ],
  [/^the review of (\S+) is already open$/u, (fy) => `${fy}の振り返りはすでに始まっています。`],
  [/^the review of (\S+) is closed$/u, (fy) => `${fy}の振り返りは締め切られています。`],
  [/^the review of (\S+) is not open$/u, (fy) => `${fy}の振り返りは受付中ではありません。`],
  [/^there is no approved review to publish$/u, () => "公開できる承認済みの振り返りがありません。"],
  [/^write the results before submitting$/u, () => "提出する前に実績を書いてください。"],
  [/^you are not assigned to action (\d+)$/u, (n) => `アクション${n}の担当者ではありません。`],
  [/^only a plan manager can (.+)$/u, () => "この操作は計画管理者だけができます。"],
  [/^the review is (\w+); it cannot be submitted$/u, () => "この振り返りは今の状態では提出できません。"],
  [
    /^the review is (\w+); nothing to reopen$/u,
    () => "この振り返りは差し戻し・再開できる状態ではありません。",
  ],
  [
    /^the review of action (\d+) changed while publishing; nothing was published$/u,
    (n) =>
      `公開の途中でアクション${n}の振り返りが変更されたため、何も公開していません。もう一度お試しください。`,
  ],
  [
    /^unknown grade "([^"]*)" \((.*)\)$/u,
    (g, all) => `評価「${g}」はありません（${all}から選んでください）。`,
  ],
  [/^unknown direction "([^"]*)"$/u, (d) => `今後の方向性「${d}」はありません。`],
  [/^indicator "([^"]*)" is listed twice$/u, (c) => `指標「${c}」が2回あります。`],
  [/^action (\d+) has no indicator "([^"]*)"$/u, (n, c) => `アクション${n}に指標「${c}」はありません。`],
  [/^must be a number$|^must be a finite number$/u, () => "数値を入力してください。"],
];

/**
 * A core message in the page's language.
 *
 * @example
 * coreMessage("ja", "must be at most 200 characters") // "200文字以内で入力してください。"
 */
export function coreMessage(lang: Lang, message: string): string {
  if (lang !== "ja") return message;
  for (const [pattern, say] of JA) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  return message;
}

/** Issues with their messages in the page's language. */
export function coreIssues(lang: Lang, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, message: coreMessage(lang, i.message) }));
}
