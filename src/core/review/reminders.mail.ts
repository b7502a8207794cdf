import { formatFiscalYear, formatJapaneseDate } from "../fiscal/index.js";
import type { OutgoingMail } from "../mail/mail.js";

export type ReminderKind = `before_${number}` | "overdue";

export interface ReminderMailInput {
  kind: ReminderKind;
  to: string;
  displayName: string;
  municipality: string;
  planTitle: string;
  planId: string;
  fiscalYear: number;
  deadline: string;
  /** Days from today (in Japan) to the deadline; negative once it has passed. */
  daysLeft: number;
  actions: { number: number; name: string }[];
  /** PUBLIC_URL, for the link to the owner's list; without it the mail names the page's path. */
  publicUrl?: string | undefined;
}

/** The path of an owner's actions in a cycle ("my updates" of that review). */
export function myUpdatesPath(planId: string, fiscalYear: number): string {
  return `/plans/${encodeURIComponent(planId)}/reviews/${fiscalYear}?show=mine`;
}

/**
 * The reminder in Japanese: who, which review, the deadline, the actions still to submit, where.
 *
 * @example
 * reminderMail({ kind: "before_7", to: "a@city.example", displayName: "山田", … })
 */
export function reminderMail(input: ReminderMailInput): OutgoingMail {
  const fy = formatFiscalYear(input.fiscalYear);
  const deadline = formatJapaneseDate(input.deadline);
  const when =
    input.kind === "overdue"
      ? `提出期限（${deadline}）を過ぎました`
      : input.daysLeft === 0
        ? `提出期限は本日（${deadline}）です`
        : `提出期限（${deadline}）まであと${input.daysLeft}日です`;
  const subject = `【shinko】${fy}の振り返り：${when}`;
  const link = `${input.publicUrl ?? ""}${myUpdatesPath(input.planId, input.fiscalYear)}`;
  const lines = [
    `${input.displayName} 様`,
    "",
    `${input.municipality}「${input.planTitle}」の${fy}の振り返りで、次の取組の報告がまだ提出されていません。`,
    `${when}。`,
    "",
    ...input.actions.map((a) => `・No.${a.number} ${a.name}`),
    "",
    input.kind === "overdue"
      ? "至急、報告を入力して提出してください。"
      : "期限までに報告を入力して提出してください。",
    input.publicUrl ? `担当の取組の一覧: ${link}` : `担当の取組の一覧: shinko の ${link}`,
    "",
    "このメールは shinko から自動で送信しています。",
    "担当に心当たりがない場合は、計画の管理者にお知らせください。",
  ];
  return { kind: "review.reminder", to: input.to, subject, body: lines.join("\n") };
}
