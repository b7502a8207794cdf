import type { FieldName, PublicCompany } from "../../../core/companies/company.schema.js";
import { industryClass } from "../../../core/companies/industry.js";
import { SPEC_BY_KEY } from "../../../core/companies/specs.js";
import type { Municipality } from "../../../core/municipalities/municipality.js";
import type { PageContext } from "../context.js";
import { profilesText, profileUrls } from "../firm-profiles/profiles-text.js";
import { dateOf } from "./dates.js";
import { companiesText, PortalLayout, portalUrls } from "./portal-layout.js";
import { employeesText } from "./search.page.js";

/** The fields the profile lists, in this order (equipment and certifications get tables below). */
const PROFILE_FIELDS: readonly FieldName[] = [
  "nameKana",
  "corporateNumber",
  "address",
  "town",
  "industryCode",
  "employees",
  "founded",
  "capital",
  "representative",
  "url",
  "products",
  "pr",
  "lotSizes",
  "processes",
  "materials",
  "phone",
  "fax",
  "email",
  "contactPerson",
];

function valueOf(ctx: PageContext, c: PublicCompany, field: FieldName): string | null {
  const t = companiesText(ctx);
  // Fields shown as their text fall through to the last branch.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (field) {
    case "employees":
      return employeesText(ctx, c) || null;
    case "capital":
      return typeof c.capital === "number" ? t.yen(c.capital) : null;
    case "industryCode": {
      if (!c.industryCode) return null;
      const cls = industryClass(c.industryCode);
      return cls ? `${c.industryCode} ${cls.name}` : c.industryCode;
    }
    case "processes":
    case "materials": {
      const list = c[field];
      return list && list.length > 0 ? list.join("、") : null;
    }
    default: {
      const v = c[field];
      return typeof v === "string" || typeof v === "number" ? (String(v) === "" ? null : String(v)) : null;
    }
  }
}

/** One company's public profile: private fields never reach this page (publicView stripped them). */
export function CompanyPage({
  ctx,
  municipality,
  company,
}: {
  ctx: PageContext;
  municipality: Municipality;
  company: PublicCompany;
}) {
  const t = companiesText(ctx);
  const metas = Object.values(company.fields);
  const firmDates = metas
    .filter((m) => m.source === "firm")
    .map((m) => m.updatedAt)
    .sort();
  const verifiedDates = metas
    .map((m) => m.verifiedAt)
    .filter((d): d is string => d !== null)
    .sort();
  const rows = PROFILE_FIELDS.flatMap((f) => {
    const value = valueOf(ctx, company, f);
    return value === null ? [] : [{ field: f, value, meta: company.fields[f] }];
  });
  return (
    <PortalLayout
      ctx={ctx}
      municipality={municipality}
      title={company.name}
      crumbs={[{ label: company.name }]}
    >
      <h1>{company.name}</h1>
      <ul class="portal-provenance">
        {verifiedDates.length > 0 ? <li>{t.verifiedOn(dateOf(ctx, verifiedDates.at(-1)!))}</li> : null}
        {firmDates.length > 0 ? <li>{t.firmUpdated(dateOf(ctx, firmDates.at(-1)!))}</li> : null}
        <li>{t.lastUpdated(dateOf(ctx, company.updatedAt))}</li>
      </ul>
      <div class="kit-table-wrap">
        <table class="kit-table portal-profile">
          <caption>{t.profile}</caption>
          <thead>
            <tr>
              <th scope="col">{t.fieldName}</th>
              <th scope="col">{t.fieldValue}</th>
              <th scope="col">{t.verified}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field}>
                <th scope="row">{t.fields[r.field]}</th>
                <td class="portal-profile__value">
                  {r.field === "url" && /^https?:\/\//.test(r.value) ? (
                    <a href={r.value} rel="nofollow noopener">
                      {r.value}
                    </a>
                  ) : r.field === "processes" ? (
                    (company.processes ?? []).map((p, i) => (
                      <span key={p}>
                        {i > 0 ? "、" : ""}
                        <a href={portalUrls.process(municipality.slug, p)}>{p}</a>
                      </span>
                    ))
                  ) : (
                    r.value
                  )}
                </td>
                <td>
                  {r.meta?.verifiedAt ? t.verifiedOn(dateOf(ctx, r.meta.verifiedAt)) : t.notVerified}
                  {r.meta?.source === "firm" ? (
                    <div class="portal-muted">{t.firmUpdated(dateOf(ctx, r.meta.updatedAt))}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {company.certifications && company.certifications.length > 0 ? (
        <>
          <h2>{t.certifications}</h2>
          <ul>
            {company.certifications.map((cert) => (
              <li key={cert.name}>
                {cert.name}
                {cert.number ? `（${cert.number}）` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {company.equipment && company.equipment.length > 0 ? (
        <div class="kit-table-wrap">
          <table class="kit-table">
            <caption>{t.equipment}</caption>
            <thead>
              <tr>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.maker}</th>
                <th scope="col">{t.model}</th>
                <th scope="col" class="kit-table__numeric">
                  {t.count}
                </th>
                <th scope="col">{t.specs}</th>
              </tr>
            </thead>
            <tbody>
              {company.equipment.map((m, i) => (
                <tr key={i}>
                  <td>{m.kind}</td>
                  <td>{m.maker}</td>
                  <td>{m.model}</td>
                  <td class="kit-table__numeric">{m.count}</td>
                  <td>
                    {Object.entries(m.specs)
                      .map(([key, value]) => {
                        const spec = SPEC_BY_KEY.get(key);
                        const label = spec ? (ctx.lang === "en" ? spec.labelEn : spec.label) : key;
                        const tonnes = spec?.unit === "kN" ? `（${(value / 9.80665).toFixed(0)} t）` : "";
                        return `${label} ${value.toLocaleString(ctx.lang === "en" ? "en-GB" : "ja-JP")} ${spec?.unit ?? ""}${tonnes}`;
                      })
                      .join("、")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <a href={profileUrls.claim(municipality.slug, company.id)}>{profilesText(ctx).claimLink}</a>
      </p>
      <p>
        <a href={portalUrls.search(municipality.slug)}>{t.back}</a>
      </p>
    </PortalLayout>
  );
}
