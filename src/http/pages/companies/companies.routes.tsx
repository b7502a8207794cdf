import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { writeCsv } from "../../../io/csv/csv-codec.js";
import { protectCell } from "../../../io/csv/csv-columns.js";
import { listMunicipalityCompanies } from "../../../core/companies/company.repository.js";
import { countCompanies, searchCompanies } from "../../../core/companies/company.search.js";
import type { PublicCompany } from "../../../core/companies/company.schema.js";
import { getCompanyFor } from "../../../core/companies/company.service.js";
import { publicView } from "../../../core/companies/company.visibility.js";
import { loadVocabulary } from "../../../core/companies/vocabulary.js";
import { DomainError } from "../../../core/errors.js";
import { findMunicipality, type Municipality } from "../../../core/municipalities/municipality.js";
import type { Db } from "../../../core/plan/plan.repository.js";
import type { PageContext } from "../context.js";
import { sendPage } from "../render.js";
import { CompanyPage } from "./company.page.js";
import { EmptyRegistryPage } from "./empty.page.js";
import { readPortalQuery } from "./portal-query.js";
import { SearchPage } from "./search.page.js";

export interface PortalDeps {
  db: Db;
  context: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

const LICENCE = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" };

/**
 * The public portal (ものづくりタウンかどま for Kadoma): search, company pages, a page per
 * process, and the open-data downloads. Public reads only, through the registry's service with
 * the "public" audience, so a private field cannot reach a page, a download or a search hit.
 */
export function registerPortalPages(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;
  async function municipalityOf(request: FastifyRequest, reply: FastifyReply): Promise<Municipality | null> {
    const { slug } = request.params as { slug: string };
    const m = slug.length <= 64 ? await findMunicipality(db, slug) : undefined;
    // The slug is the address; a code reaching the same municipality is not a second address.
    if (!m || m.slug !== slug) {
      deps.notFound(request, reply);
      return null;
    }
    return m;
  }

  async function search(request: FastifyRequest, reply: FastifyReply, process?: string) {
    const m = await municipalityOf(request, reply);
    if (!m) return reply;
    const ctx = deps.context(request, reply);
    if (
      (await countCompanies(db, await loadVocabulary(db, m.code), { municipalityCode: m.code }, "staff")) ===
      0
    )
      return sendPage(reply, <EmptyRegistryPage ctx={ctx} municipality={m} />);
    const params = new URLSearchParams(ctx.query);
    if (process !== undefined) params.set("process", process);
    const input = readPortalQuery(params, m.code);
    const vocab = await loadVocabulary(db, m.code);
    let processName: string | undefined;
    if (process !== undefined) {
      const term = vocab.resolve("process", process);
      if (!term) return deps.notFound(request, reply);
      processName = ctx.lang === "en" && term.nameEn ? term.nameEn : term.name;
    }
    let issues = input.issues;
    let result = null;
    if (issues.length === 0) {
      try {
        result = (await searchCompanies(db, vocab, input.query, "public")) as Awaited<
          ReturnType<typeof searchCompanies>
        > & { companies: PublicCompany[] };
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== "validation_failed") throw error;
        issues = [...error.issues];
      }
    }
    return sendPage(
      reply,
      <SearchPage
        ctx={ctx}
        municipality={m}
        input={input}
        result={result}
        issues={issues}
        process={processName ? { name: processName } : undefined}
      />,
      issues.length > 0 ? 400 : 200,
    );
  }

  app.get("/companies/:slug", (request, reply) => search(request, reply));
  app.get("/companies/:slug/processes/:process", (request, reply) =>
    search(request, reply, (request.params as { process: string }).process),
  );

  app.get("/companies/:slug/firms/:id", async (request, reply) => {
    const m = await municipalityOf(request, reply);
    if (!m) return reply;
    const { id } = request.params as { id: string };
    let company: PublicCompany;
    try {
      company = await getCompanyFor(db, id, "public");
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return deps.notFound(request, reply);
      throw error;
    }
    if (company.municipalityCode !== m.code) return deps.notFound(request, reply);
    return sendPage(
      reply,
      <CompanyPage ctx={deps.context(request, reply)} municipality={m} company={company} />,
    );
  });

  app.get("/companies/:slug/open-data.json", async (request, reply) => {
    const m = await municipalityOf(request, reply);
    if (!m) return reply;
    const companies = await publicCompanies(db, m);
    return reply
      .header("content-disposition", `attachment; filename="${m.slug}-companies.json"`)
      .header("link", `<${LICENCE.url}>; rel="license"`)
      .type("application/json; charset=utf-8")
      .send(
        JSON.stringify({
          format: "shinko-companies/1",
          municipality: { code: m.code, name: m.name, prefecture: m.prefecture },
          licence: LICENCE,
          companies,
        }),
      );
  });

  app.get("/companies/:slug/open-data.csv", async (request, reply) => {
    const m = await municipalityOf(request, reply);
    if (!m) return reply;
    const companies = await publicCompanies(db, m);
    const header = [
      "id",
      "name",
      "nameKana",
      "town",
      "address",
      "industryCode",
      "employeesMin",
      "employeesMax",
      "founded",
      "capital",
      "url",
      "products",
      "pr",
      "lotSizes",
      "processes",
      "materials",
      "certifications",
      "equipment",
      "phone",
      "fax",
      "email",
      "updatedAt",
    ];
    const text = (v: string | number | null | undefined) => (v === undefined || v === null ? "" : String(v));
    const rows = companies.map((c) =>
      [
        c.id,
        c.name,
        text(c.nameKana),
        c.town,
        text(c.address),
        text(c.industryCode),
        text(c.employees?.min),
        text(c.employees?.max),
        text(c.founded),
        text(c.capital),
        text(c.url),
        text(c.products),
        text(c.pr),
        text(c.lotSizes),
        (c.processes ?? []).join(";"),
        (c.materials ?? []).join(";"),
        (c.certifications ?? []).map((x) => x.name).join(";"),
        (c.equipment ?? [])
          .map(
            (e) =>
              `${e.kind}×${e.count}${Object.entries(e.specs)
                .map(([k, v]) => ` ${k}=${v}`)
                .join("")}`,
          )
          .join(";"),
        text(c.phone),
        text(c.fax),
        text(c.email),
        c.updatedAt,
      ].map(protectCell),
    );
    return reply
      .header("content-disposition", `attachment; filename="${m.slug}-companies.csv"`)
      .header("link", `<${LICENCE.url}>; rel="license"`)
      .type("text/csv; charset=utf-8")
      .send(`\uFEFF${writeCsv([header, ...rows])}`);
  });
}

/** The listed companies of a municipality as the public sees them (private fields absent). */
async function publicCompanies(db: Db, m: Municipality): Promise<PublicCompany[]> {
  return (await listMunicipalityCompanies(db, m.code)).filter((c) => c.listed).map(publicView);
}
