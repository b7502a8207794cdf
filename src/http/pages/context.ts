import type { Role } from "../../core/access/roles.js";
import type { PlanView } from "./view/plan-view.js";
import { formats, type Formats } from "./i18n/format.js";
import { messages, type Lang, type Messages } from "./i18n/i18n.js";

/** URLs of the bundled stylesheet and script (content-hashed, served from this origin). */
export interface AssetUrls {
  css: string;
  js: string;
  /** The chart script (Apache ECharts), loaded only by pages that draw charts. */
  charts: string;
}

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  f: Formats;
  /** Path of the page, without the query. */
  path: string;
  /** The query as given, to build the language switch and keep filters. */
  query: URLSearchParams;
  assets: AssetUrls;
  /** The fiscal year the clock says it is in Japan. */
  currentFiscalYear: number;
  /**
   * The role of staff signed in with a session, on pages rendered for them (never cached): the
   * header and footer then lead to the staff pages. Absent for the public.
   */
  staffRole?: Role | null;
}

export function pageContext(
  lang: Lang,
  path: string,
  query: URLSearchParams,
  assets: AssetUrls,
  currentFiscalYear: number,
): PageContext {
  return { lang, t: messages(lang), f: formats(lang), path, query, assets, currentFiscalYear };
}

/** Stable URLs of the pages; others link to them, so they never change shape. */
export const urls = {
  home: () => "/",
  plan: (planId: string) => `/plans/${encodeURIComponent(planId)}`,
  table: (planId: string) => `/plans/${encodeURIComponent(planId)}/table`,
  roadmap: (planId: string) => `/plans/${encodeURIComponent(planId)}/roadmap`,
  action: (planId: string, n: number) => `/plans/${encodeURIComponent(planId)}/actions/${n}`,
  history: (planId: string, n: number, versions?: { from: number; to: number }) =>
    `/plans/${encodeURIComponent(planId)}/actions/${n}/history${versions ? `?from=${versions.from}&to=${versions.to}#diff` : ""}`,
  indicators: (planId: string, fiscalYear?: number) =>
    `/plans/${encodeURIComponent(planId)}/indicators${fiscalYear ? `?fiscalYear=${fiscalYear}` : ""}`,
  compare: (planId: string, moments?: { from: string; to: string }) =>
    `/plans/${encodeURIComponent(planId)}/compare${
      moments ? `?${new URLSearchParams({ from: moments.from, to: moments.to }).toString()}` : ""
    }`,
  search: (planId: string, params: Record<string, string | number | boolean | undefined> = {}) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
    const s = query.toString();
    return `/plans/${encodeURIComponent(planId)}/search${s ? `?${s}` : ""}`;
  },
  json: (planId: string) => `/api/v1/plans/${encodeURIComponent(planId)}`,
  actionJson: (planId: string, n: number) => `/api/v1/plans/${encodeURIComponent(planId)}/actions/${n}`,
  csv: (planId: string) => `/api/v1/plans/${encodeURIComponent(planId)}/export.csv`,
  xlsx: (planId: string) => `/api/v1/plans/${encodeURIComponent(planId)}/export.xlsx`,
  openApi: () => "/api/v1/openapi.json",
};

/** Strategy and measure labels as the city's table writes them: (1) イノベーション, ① … (P48). */
export function measureLabel(ctx: PageContext, view: PlanView, code: string): string {
  const group = view.measure(code);
  if (!group) return code;
  const page =
    group.measure.page === null
      ? ""
      : ctx.lang === "ja"
        ? `（P${group.measure.page}）`
        : ` (p. ${group.measure.page})`;
  return `${group.mark} ${group.measure.name}${page}`;
}

export function strategyLabel(view: PlanView, code: string): string {
  const group = view.strategies.find((s) => s.strategy.code === code);
  return group ? `${group.mark} ${group.strategy.name}` : code;
}
