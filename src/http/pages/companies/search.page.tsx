import type { Issue } from "../../../core/errors.js";
import type { Facet, FacetCount, CompanySearchResult } from "../../../core/companies/company.search.js";
import type { PublicCompany } from "../../../core/companies/company.schema.js";
import type { Municipality } from "../../../core/municipalities/municipality.js";
import type { PageContext } from "../context.js";
import { DataTable, Pager } from "../components/data-table.js";
import { FacetList, type FacetItem } from "../components/facets.js";
import { ErrorSummary, errorFor, SelectField, TextField } from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import { RangeInput } from "../components/range-input.js";
import { companiesText, PortalLayout, portalUrls } from "./portal-layout.js";
import type { PortalQuery } from "./portal-query.js";

/** Facet values in tree order (a child right under its parent), with the depth for indenting. */
export function facetItems(counts: readonly FacetCount[]): FacetItem[] {
  const byParent = new Map<string | null, FacetCount[]>();
  const values = new Set(counts.map((c) => c.value));
  for (const c of counts) {
    const parent = c.parent !== null && values.has(c.parent) ? c.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const out: FacetItem[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push({ value: c.value, label: c.name, count: c.count, selected: c.selected, depth });
      if (depth < 4) walk(c.value, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function employeesText(ctx: PageContext, c: PublicCompany): string {
  const t = companiesText(ctx);
  return c.employees ? t.employeesRange(c.employees.min, c.employees.max) : "";
}

export function SearchPage(props: {
  ctx: PageContext;
  municipality: Municipality;
  input: PortalQuery;
  result: CompanySearchResult<PublicCompany> | null;
  issues: readonly Issue[];
  /** A heading and intro of a process page; the search page when absent. */
  process?: { name: string } | undefined;
}) {
  const { ctx, municipality, input, result } = props;
  const t = companiesText(ctx);
  const kit = kitText(ctx.lang);
  const slug = municipality.slug;
  const title = props.process ? t.processTitle(props.process.name) : t.searchTitle;
  const facetLabels: Record<Facet, string> = {
    process: t.facetProcess,
    material: t.facetMaterial,
    equipment: t.facetEquipment,
    certification: t.facetCertification,
    industry: t.facetIndustry,
    town: t.facetTown,
  };
  const q = input.query;
  const fields: Record<string, string> = {
    pressForceKnMin: "pressForceKnMin",
    pressForceKnMax: "pressForceKnMax",
    travelXMmMin: "travelXMmMin",
    travelXMmMax: "travelXMmMax",
    employeesMin: "employeesMin",
    employeesMax: "employeesMax",
    "query.process": "q",
    "query.material": "q",
    "query.equipment": "q",
    "query.certification": "q",
    "query.industry": "q",
    "query.town": "q",
  };
  const range = (name: string) =>
    errorFor(props.issues, `${name}Min`) ?? errorFor(props.issues, `${name}Max`);
  return (
    <PortalLayout
      ctx={ctx}
      municipality={municipality}
      title={title}
      crumbs={props.process ? [{ label: title }] : []}
    >
      <h1>{title}</h1>
      <p>{props.process ? t.processIntro(props.process.name) : t.searchIntro}</p>
      <ErrorSummary text={kit} issues={props.issues} fields={fields} />
      <div class="portal-search">
        <form method="get" action={ctx.path} class="portal-filters" aria-label={t.filters}>
          <TextField
            id="q"
            label={t.keyword}
            hint={t.keywordHint}
            type="search"
            value={q.q ?? ""}
            maxLength={200}
          />
          {result
            ? (Object.keys(facetLabels) as Facet[]).map((facet) => (
                <FacetList
                  key={facet}
                  text={kit}
                  name={facet}
                  legend={facetLabels[facet]}
                  items={facetItems(result.facets[facet])}
                  hideEmpty
                />
              ))
            : null}
          <RangeInput
            text={kit}
            name="pressForceKn"
            label={t.pressForce}
            unit="kN"
            hint={t.pressForceHint}
            min={input.raw.pressForceKn?.min}
            max={input.raw.pressForceKn?.max}
            error={range("pressForceKn")}
          />
          <RangeInput
            text={kit}
            name="travelXMm"
            label={t.travelX}
            unit="mm"
            hint={t.travelXHint}
            min={input.raw.travelXMm?.min}
            max={input.raw.travelXMm?.max}
            error={range("travelXMm")}
          />
          <RangeInput
            text={kit}
            name="employees"
            label={t.employees}
            unit={t.people}
            hint={t.employeesHint}
            min={input.raw.employees?.min}
            max={input.raw.employees?.max}
            error={range("employees")}
          />
          <SelectField
            id="sort"
            label={t.sort}
            value={q.sort ?? "name"}
            choices={[
              { value: "name", label: t.sortName },
              { value: "updated", label: t.sortUpdated },
              { value: "employees", label: t.sortEmployees },
            ]}
          />
          <p class="portal-filters__actions">
            <button type="submit" class="button">
              {t.search}
            </button>
            <a href={ctx.path}>{kit.clear}</a>
          </p>
        </form>
        <section class="portal-results" aria-labelledby="results-title">
          <h2 id="results-title" aria-live="polite">
            {result ? t.results(result.total) : t.noResults}
          </h2>
          {result ? (
            <>
              <DataTable
                text={kit}
                caption={t.resultsTable}
                columns={[
                  {
                    key: "name",
                    label: t.colName,
                    cell: (c) => <a href={portalUrls.company(slug, c.id)}>{c.name}</a>,
                  },
                  { key: "town", label: t.colTown, cell: (c) => c.town },
                  { key: "processes", label: t.colProcesses, cell: (c) => (c.processes ?? []).join("、") },
                  {
                    key: "employees",
                    label: t.colEmployees,
                    numeric: true,
                    cell: (c) => employeesText(ctx, c),
                  },
                ]}
                rows={result.companies}
                rowKey={(c) => c.id}
                sort={{ key: q.sort ?? "name", direction: "asc" }}
                path={ctx.path}
                query={ctx.query}
              />
              <Pager
                text={kit}
                total={result.total}
                page={result.page}
                pageSize={result.pageSize}
                path={ctx.path}
                query={ctx.query}
              />
            </>
          ) : null}
          <OpenData ctx={ctx} slug={slug} />
        </section>
      </div>
    </PortalLayout>
  );
}

export function OpenData({ ctx, slug }: { ctx: PageContext; slug: string }) {
  const t = companiesText(ctx);
  return (
    <section class="portal-open-data" aria-labelledby="open-data-title">
      <h2 id="open-data-title">{t.openData}</h2>
      <p>
        {t.openDataIntro}{" "}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.ja" rel="license">
          {t.licence}
        </a>
      </p>
      <ul>
        <li>
          <a href={portalUrls.csv(slug)} download>
            {t.downloadCsv}
          </a>
        </li>
        <li>
          <a href={portalUrls.json(slug)} download>
            {t.downloadJson}
          </a>
        </li>
      </ul>
    </section>
  );
}
