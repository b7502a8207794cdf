import type { ComponentChildren } from "preact";
import type { PlanMeta } from "../../core/plan/plan.schema.js";
import { attributionOf } from "../../core/plan/license.js";
import { urls, type PageContext } from "./context.js";
import { accountEn } from "./i18n/account.en.js";
import { accountJa } from "./i18n/account.ja.js";

export type PlanSection = "overview" | "table" | "roadmap" | "indicators" | "search" | "compare" | "action";

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  plan?: PlanMeta;
  section?: PlanSection;
  crumbs?: Crumb[];
  /** Extra class on <body>, e.g. "wide" for the table page. */
  bodyClass?: string;
  /** Whether the page draws charts (loads the chart script). */
  charts?: boolean;
  children: ComponentChildren;
}

function languageHref(ctx: PageContext, lang: string): string {
  const query = new URLSearchParams(ctx.query);
  query.set("lang", lang);
  return `${ctx.path}?${query.toString()}`;
}

function PlanNav({ ctx, plan, section }: { ctx: PageContext; plan: PlanMeta; section?: PlanSection }) {
  const items: [PlanSection, string, string][] = [
    ["overview", ctx.t.navOverview, urls.plan(plan.id)],
    ["table", ctx.t.navTable, urls.table(plan.id)],
    ["roadmap", ctx.t.navRoadmap, urls.roadmap(plan.id)],
    ["indicators", ctx.t.navIndicators, urls.indicators(plan.id)],
    ["search", ctx.t.navSearch, urls.search(plan.id)],
    ["compare", ctx.t.navCompare, urls.compare(plan.id)],
  ];
  return (
    <nav class="plan-nav" aria-label={ctx.t.planNav}>
      <ul>
        {items.map(([key, label, href]) => (
          <li key={key}>
            <a href={href} aria-current={key === section ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Breadcrumbs({ ctx, crumbs }: { ctx: PageContext; crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t.breadcrumb}>
      <ol>
        {crumbs.map((c, i) => (
          <li key={i}>
            {c.href && i < crumbs.length - 1 ? (
              <a href={c.href}>{c.label}</a>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Where the data comes from and under which licence, in words a reader of the city's site
 * knows: the municipality's document (CC BY asks for the credit) and the licence's deed.
 */
function PlanCredits({ ctx, plan }: { ctx: PageContext; plan: PlanMeta }) {
  const sep = ctx.lang === "ja" ? "：" : ": ";
  return (
    <>
      <p>
        {ctx.t.footerSource}
        {sep}
        {plan.source ?? attributionOf(plan).replace(/^出典：/u, "")}
      </p>
      {plan.license ? (
        <p class="site-footer__license">
          {ctx.t.footerLicense}
          {sep}
          <a href={plan.license.url} rel="license">
            {plan.license.name}
          </a>
          {plan.license.note ? `（${plan.license.note}）` : ""} {ctx.t.footerLicenseLead}
        </p>
      ) : null}
    </>
  );
}

/** For staff signed in: the review of this plan and their account, from any public page. */
function StaffLinks({ ctx, plan }: { ctx: PageContext; plan: PlanMeta | undefined }) {
  return (
    <nav class="staff-links" aria-label={ctx.t.staffNav}>
      <ul>
        {plan ? (
          <li>
            <a href={`${urls.plan(plan.id)}/reviews`}>{ctx.t.staffReviews}</a>
          </li>
        ) : null}
        <li>
          <a href="/account">{ctx.t.staffAccount}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The page shell: header with the language switch, plan navigation, breadcrumbs, main, footer. */
export function Layout({ ctx, title, plan, section, crumbs, bodyClass, charts, children }: LayoutProps) {
  const other = ctx.lang === "ja" ? "en" : "ja";
  const fullTitle = plan ? `${title} | ${plan.title} | ${ctx.t.siteName}` : `${title} | ${ctx.t.siteName}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script src={ctx.assets.js} defer />
        {charts ? <script src={ctx.assets.charts} defer /> : null}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          {ctx.t.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-name" href={urls.home()}>
              {ctx.t.siteName}
            </a>
            {ctx.staffRole ? <StaffLinks ctx={ctx} plan={plan} /> : null}
            <nav class="lang-switch" aria-label={ctx.t.languageSwitch}>
              <a href={languageHref(ctx, other)} hreflang={other} lang={other}>
                {ctx.t.otherLanguageName}
              </a>
            </nav>
          </div>
          {plan ? (
            <div class="plan-bar">
              <p class="plan-bar__title">
                <a href={urls.plan(plan.id)}>{plan.title}</a>
              </p>
              <PlanNav ctx={ctx} plan={plan} {...(section ? { section } : {})} />
            </div>
          ) : null}
        </header>
        {crumbs && crumbs.length > 0 ? <Breadcrumbs ctx={ctx} crumbs={crumbs} /> : null}
        <main id="main" tabIndex={-1}>
          {ctx.t.contentLanguageNote ? <p class="content-language">{ctx.t.contentLanguageNote}</p> : null}
          {children}
        </main>
        <footer class="site-footer">
          {plan ? <PlanCredits ctx={ctx} plan={plan} /> : null}
          <p>{ctx.t.footerSoftware}</p>
          {ctx.staffRole ? (
            <p class="staff-links">
              {ctx.t.staffNav}
              {ctx.lang === "ja" ? "：" : ": "}
              {plan ? (
                <>
                  <a href={`${urls.plan(plan.id)}/reviews`}>{ctx.t.staffReviews}</a>
                  {" · "}
                </>
              ) : null}
              <a href="/account">{ctx.t.staffAccount}</a>
            </p>
          ) : (
            <p>
              <a href="/account">{(ctx.lang === "en" ? accountEn : accountJa).staffLink}</a>
            </p>
          )}
        </footer>
      </body>
    </html>
  );
}
