import type { PageContext } from "../context.js";

const DATE = {
  ja: new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", dateStyle: "long" }),
};

/** A day as people in Japan read it (Japan time). */
export function dateOf(ctx: PageContext, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE[ctx.lang].format(d);
}
