import type { ComponentChildren } from "preact";
import { hasRole, type Viewer } from "../account/account-context.js";
import { SignedInBar } from "../account/account-components.js";
import { accountText, accountUrls } from "../account/account-context.js";
import { FIELD_NAMES, type Company, type FieldName } from "../../../core/companies/company.schema.js";
import { industryClass } from "../../../core/companies/industry.js";
import { SPEC_BY_KEY } from "../../../core/companies/specs.js";
import { companiesText } from "../companies/portal-layout.js";
import { dateOf } from "../companies/dates.js";
import { urls, type PageContext } from "../context.js";
import { Layout, type Crumb } from "../layout.js";
import { profilesText, profileUrls } from "./profiles-text.js";

/** A field's value in words, whatever its shape (lists joined, machines with their specs and units). */
export function fieldText(ctx: PageContext, field: FieldName, value: unknown): string {
  const t = companiesText(ctx);
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (field === "certifications")
      return (value as { name: string; number: string; expires: string | null }[])
        .map((c) => [c.name, c.number, c.expires].filter(Boolean).join(" / "))
        .join("、");
    if (field === "equipment")
      return (
        value as {
          kind: string;
          maker: string;
          model: string;
          count: number;
          specs: Record<string, number>;
        }[]
      )
        .map((m) => {
          const specs = Object.entries(m.specs)
            .map(([k, n]) => {
              const s = SPEC_BY_KEY.get(k);
              return `${s ? (ctx.lang === "en" ? s.labelEn : s.label) : k} ${n.toLocaleString("ja-JP")} ${s?.unit ?? ""}`.trim();
            })
            .join("、");
          return `${[m.kind, m.maker, m.model].filter(Boolean).join(" ")} ×${m.count}${specs ? `（${specs}）` : ""}`;
        })
        .join(" ／ ");
    return value.join("、");
  }
  if (field === "employees" && typeof value === "object") {
    const e = value as { min: number; max: number };
    return t.employeesRange(e.min, e.max);
  }
  if (field === "capital" && typeof value === "number") return t.yen(value);
  if (field === "industryCode" && typeof value === "string")
    return `${value} ${industryClass(value)?.name ?? ""}`.trim();
  if (field === "location" && typeof value === "object") {
    const l = value as { lat: number; lng: number };
    return `${l.lat}, ${l.lng}`;
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/**
 * Every field of a company with its visibility, who supplied it and when, and the city's check:
 * for the firm itself and the city's managers only (private fields included).
 */
export function ProfileRecord({
  ctx,
  company,
  showNotes,
}: {
  ctx: PageContext;
  company: Company;
  showNotes: boolean;
}) {
  const p = profilesText(ctx);
  const t = companiesText(ctx);
  const fields = FIELD_NAMES.filter((f) => f !== "location" && (showNotes || f !== "notes"));
  return (
    <div class="kit-table-wrap" role="region" aria-label={p.currentProfile} tabIndex={0}>
      <table class="kit-table profile-record">
        <caption>{p.currentProfile}</caption>
        <thead>
          <tr>
            <th scope="col">{t.fieldName}</th>
            <th scope="col">{t.fieldValue}</th>
            <th scope="col">{p.visibility}</th>
            <th scope="col">{p.suppliedBy}</th>
            <th scope="col">{p.verification}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const meta = company.fields[f];
            return (
              <tr key={f}>
                <th scope="row">{t.fields[f]}</th>
                <td class="profile-record__value">{fieldText(ctx, f, company[f])}</td>
                <td data-label={p.visibility}>{meta?.visibility === "private" ? p.private : p.public}</td>
                <td data-label={p.suppliedBy}>
                  {meta
                    ? `${meta.source === "firm" ? p.byFirm : p.byCity}（${dateOf(ctx, meta.updatedAt)}）`
                    : "—"}
                </td>
                <td data-label={p.verification}>
                  {meta?.verifiedAt ? p.verifiedOn(dateOf(ctx, meta.verifiedAt)) : p.notVerified}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The signed-in bar of these pages: a firm sees its own page; a manager the company pages. */
function ProfilesBar({ ctx, viewer }: { ctx: PageContext; viewer: Viewer }) {
  const p = profilesText(ctx);
  const a = accountText(ctx);
  const items: [string, string][] =
    viewer.principal.role === "company_member"
      ? [[p.navMyCompany, profileUrls.myCompany()]]
      : [
          ...(hasRole(viewer, "plan_manager")
            ? ([
                [p.navCompanies, profileUrls.companies()],
                [p.navChanges, profileUrls.changes()],
                [p.navClaims, profileUrls.claims()],
              ] as [string, string][])
            : []),
          [a.navMyAccount, accountUrls.account()],
        ];
  return <SignedInBar ctx={ctx} viewer={viewer} items={items} />;
}

export function ProfilesLayout(props: {
  ctx: PageContext;
  viewer: Viewer | null;
  title: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  const crumbs: Crumb[] = [
    { label: props.ctx.t.home, href: urls.home() },
    ...(props.crumbs ?? []),
    { label: props.title },
  ];
  return (
    <Layout ctx={props.ctx} title={props.title} crumbs={crumbs} bodyClass="account profiles">
      {props.viewer ? <ProfilesBar ctx={props.ctx} viewer={props.viewer} /> : null}
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
