import type { ComponentChildren } from "preact";
import type { Municipality } from "../../../core/municipalities/municipality.js";
import type { PageContext } from "../context.js";
import { Layout, type Crumb } from "../layout.js";
import { companiesEn } from "./companies.en.js";
import { companiesJa, type CompaniesMessages } from "./companies.ja.js";

export function companiesText(ctx: PageContext): CompaniesMessages {
  return ctx.lang === "en" ? companiesEn : companiesJa;
}

/** Stable URLs of the portal: others (the plan's action 16, printed leaflets) link to them. */
export const portalUrls = {
  search: (slug: string) => `/companies/${encodeURIComponent(slug)}`,
  company: (slug: string, id: string) =>
    `/companies/${encodeURIComponent(slug)}/firms/${encodeURIComponent(id)}`,
  process: (slug: string, process: string) =>
    `/companies/${encodeURIComponent(slug)}/processes/${encodeURIComponent(process)}`,
  csv: (slug: string) => `/companies/${encodeURIComponent(slug)}/open-data.csv`,
  json: (slug: string) => `/companies/${encodeURIComponent(slug)}/open-data.json`,
};

export function PortalLayout(props: {
  ctx: PageContext;
  municipality: Municipality;
  title: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  const c = companiesText(props.ctx);
  const portal = c.portalName(props.municipality.name);
  return (
    <Layout
      ctx={props.ctx}
      title={props.title === portal ? portal : `${props.title} | ${portal}`}
      crumbs={[{ label: portal, href: portalUrls.search(props.municipality.slug) }, ...(props.crumbs ?? [])]}
      bodyClass="portal"
    >
      {props.children}
    </Layout>
  );
}
