import type { PlanMeta } from "./plan.schema.js";
import { formatJapaneseDate } from "../fiscal/index.js";

export type License = NonNullable<PlanMeta["license"]>;

/**
 * Creative Commons Attribution 4.0, the licence Japan's government recommends for open data: the
 * 政府標準利用規約（第2.0版） is written to be compatible with it, so data under either can be
 * combined. Kadoma's dataset is published under it.
 */
export const CC_BY_4_0: License = {
  id: "CC-BY-4.0",
  name: "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
  url: "https://creativecommons.org/licenses/by/4.0/deed.ja",
  note: "政府標準利用規約（第2.0版）と互換",
};

/**
 * How to credit a plan's data (CC BY asks for it), in Japanese: the municipality's document
 * and the date its data describes.
 *
 * @example
 * attributionOf(kadoma.plan) // "出典：門真市「門真市ものづくり産業振興計画アクションプラン」（令和7年2月末時点）"
 */
export function attributionOf(plan: Pick<PlanMeta, "municipality" | "title" | "asOf">): string {
  return `出典：${plan.municipality}「${plan.title}」（${formatJapaneseDate(plan.asOf, { monthEnd: true })}時点）`;
}
