import type { FastifyInstance } from "fastify";
import type { Company } from "../../../core/companies/company.schema.js";
import { searchCompanies } from "../../../core/companies/company.search.js";
import { loadVocabulary, seedVocabulary } from "../../../core/companies/vocabulary.js";
import { sendAccountPage, type AccountPageDeps } from "../account/account-context.js";
import { Notice } from "../account/account-components.js";
import { pageViewer } from "../account/page-guard.js";
import { dateOf } from "../companies/dates.js";
import { DataTable, Pager } from "../components/data-table.js";
import { FacetList } from "../components/facets.js";
import { TextField } from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import { pageOf, sortOf } from "../components/query.js";
import { ProfilesLayout } from "./profile-view.js";
import { profilesText, profileUrls } from "./profiles-text.js";

const ROLE = "plan_manager";
const SORTS = ["name", "updated"] as const;

/**
 * Every company for plan managers and administrators (unlisted ones too), through the registry's
 * own search with the staff audience: a keyword, the town facet with counts, sorting and paging
 * as links (the kit's filterable table), so it works without JavaScript.
 */
export function registerStaffCompanyListPage(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db } = deps;
  scope.get(profileUrls.companies(), async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const p = profilesText(ctx);
    const kit = kitText(ctx.lang);
    const query = ctx.query;
    const sort = sortOf(query, SORTS, { key: "name", direction: "asc" });
    const page = pageOf(query);
    await seedVocabulary(db);
    const vocab = await loadVocabulary(db, null);
    const towns = query
      .getAll("town")
      .filter((s) => s !== "" && s.length <= 100)
      .slice(0, 20);
    const q = (query.get("q") ?? "").slice(0, 200);
    const result = await searchCompanies(
      db,
      vocab,
      { q, filters: { town: towns }, sort: sort.key, page, pageSize: 50 },
      "staff",
    );
    const rows = result.companies as Company[];
    const done = query.get("done");
    return sendAccountPage(
      reply,
      <ProfilesLayout ctx={ctx} viewer={viewer} title={p.staffCompaniesTitle}>
        <p>{p.staffCompaniesIntro}</p>
        <p>
          <a class="button" href={profileUrls.newCompany()}>
            {p.newCompany}
          </a>
        </p>
        <Notice text={done === "created" ? p.staffCreated : undefined} />
        <form method="get" action={profileUrls.companies()} class="kit-filter">
          <TextField id="q" label={p.filterName} value={q} type="search" />
          <FacetList
            text={kit}
            name="town"
            legend={p.filterTown}
            items={result.facets.town.map((f) => ({
              value: f.value,
              label: f.name,
              count: f.count,
              selected: f.selected,
            }))}
          />
          <button type="submit" class="button button--secondary">
            {kit.apply}
          </button>
        </form>
        <DataTable
          text={kit}
          caption={p.companiesTable}
          columns={[
            {
              key: "name",
              label: p.colName,
              sortable: true,
              cell: (c: Company) => <a href={profileUrls.company(c.id)}>{c.name}</a>,
            },
            { key: "town", label: p.colTown, cell: (c: Company) => c.town },
            {
              key: "listed",
              label: p.colListed,
              cell: (c: Company) => (c.listed ? p.listedYes : p.listedNo),
            },
            {
              key: "updated",
              label: p.colUpdated,
              sortable: true,
              cell: (c: Company) => dateOf(ctx, c.updatedAt),
            },
          ]}
          rows={rows}
          rowKey={(c) => c.id}
          sort={sort}
          path={profileUrls.companies()}
          query={query}
        />
        <Pager
          text={kit}
          total={result.total}
          page={result.page}
          pageSize={result.pageSize}
          path={profileUrls.companies()}
          query={query}
        />
      </ProfilesLayout>,
    );
  });
}
