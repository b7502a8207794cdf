import { z } from "zod";
import { actorOf as auditActorOf } from "../../core/audit/audit.js";
import type { Clock } from "../../core/clock.js";
import {
  companySchema,
  companyInputSchema,
  type Company,
  FIELD_NAMES,
  publicCompanySchema,
} from "../../core/companies/company.schema.js";
import { FACETS, searchCompanies } from "../../core/companies/company.search.js";
import {
  companyHistory,
  createCompany,
  deleteCompany,
  getCompanyFor,
  updateCompany,
  verifyCompanyFields,
  type CompanyWriteContext,
} from "../../core/companies/company.service.js";
import { industryClasses } from "../../core/companies/industry.js";
import { memberView } from "../../core/companies/company.visibility.js";
import { SPECS } from "../../core/companies/specs.js";
import { loadVocabulary, seedVocabulary, VOCABULARY_KINDS } from "../../core/companies/vocabulary.js";
import type { Principal } from "../../core/access/roles.js";
import { DomainError } from "../../core/errors.js";
import { findMunicipality, listMunicipalities } from "../../core/municipalities/municipality.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import {
  audienceFor,
  audienceOf,
  companyIdParams,
  companySearchQuery,
  facetCountSchema,
  toCompanyQuery,
} from "./companies.schemas.js";

const TAGS = ["companies"];

/** The municipality a request names (code or slug), or the only one there is. */
async function municipalityFor(
  db: Db,
  given: string | undefined,
  required: boolean,
): Promise<string | undefined> {
  if (given) {
    const m = await findMunicipality(db, given);
    if (!m)
      throw new DomainError("validation_failed", `municipality "${given}" is unknown`, [
        { path: "query.municipality", message: "is not a known municipality" },
      ]);
    return m.code;
  }
  if (!required) return undefined;
  const all = await listMunicipalities(db);
  if (all.length === 1) return all[0]!.code;
  throw new DomainError("validation_failed", "name the municipality", [
    {
      path: "query.municipality",
      message:
        all.length === 0
          ? "no municipality exists yet: import its plan first"
          : "is required when there are several",
    },
  ]);
}

export function companiesApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  const { db, clock } = deps;
  const tx = <T>(fn: (trx: Db) => Promise<T>) => db.transaction().execute(fn);
  const ctx = (principal: Principal | null, ip: string): CompanyWriteContext => ({
    clock,
    actor: principal ? auditActorOf(principal) : undefined,
    ip,
    source: "edit",
    supplier: "city",
  });
  const errors = errorResponses(400, 401, 403, 404, 409);
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/companies",
      operationId: "searchCompanies",
      summary: "Search the company registry, with facet counts",
      description:
        "Facets (process, material, equipment, certification, industry, town) are OR within a facet and AND across facets; a parent process matches its children. `<specKey>Min`/`Max` bound a spec of one machine, in the spec's unit (other units accepted: 200t). Every facet count is the total that choosing that value would give. The public (and viewers, action owners and firms) see and match public fields only; plan managers and administrators see every field.",
      tags: TAGS,
      access: "public",
      identify: true,
      query: companySearchQuery,
      responses: {
        200: {
          description: "One page of companies, the total and the facet counts",
          schema: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(facetCountSchema)]))),
            companies: z.array(publicCompanySchema),
          }),
        },
        ...errors,
      },
      handler: async ({ query, principal }) => {
        const code = await municipalityFor(db, query.municipality, false);
        await seedVocabulary(db);
        const vocab = await loadVocabulary(db, code ?? null);
        return searchCompanies(db, vocab, toCompanyQuery(query, code), audienceOf(principal));
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/companies/vocabulary",
      operationId: "getCompanyVocabulary",
      summary: "Processes (a tree), materials, equipment kinds, certifications and the spec catalogue",
      tags: TAGS,
      access: "public",
      query: z.strictObject({ municipality: z.string().max(64).optional() }),
      responses: {
        200: {
          description: "The vocabularies",
          schema: z.object({
            terms: z.object(
              Object.fromEntries(
                VOCABULARY_KINDS.map((k) => [
                  k,
                  z.array(
                    z.object({
                      code: z.string(),
                      name: z.string(),
                      nameEn: z.string(),
                      parent: z.string().nullable(),
                      aliases: z.array(z.string()),
                    }),
                  ),
                ]),
              ),
            ),
            specs: z.array(
              z.object({
                key: z.string(),
                unit: z.string(),
                label: z.string(),
                labelEn: z.string(),
                kinds: z.array(z.string()),
              }),
            ),
          }),
        },
        ...errors,
      },
      handler: async ({ query }) => {
        const code = await municipalityFor(db, query.municipality, false);
        await seedVocabulary(db);
        const vocab = await loadVocabulary(db, code ?? null);
        const terms = Object.fromEntries(
          VOCABULARY_KINDS.map((k) => [
            k,
            vocab.list(k).map((t) => ({
              code: t.code,
              name: t.name,
              nameEn: t.nameEn,
              parent: t.parent,
              aliases: t.aliases,
            })),
          ]),
        );
        return { terms, specs: SPECS };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/companies/industry-codes",
      operationId: "listIndustryCodes",
      summary: "日本標準産業分類 (第14回改定) manufacturing codes: 中分類 09–32, 小分類, 細分類",
      tags: TAGS,
      access: "public",
      responses: {
        200: {
          description: "Every code in table order",
          schema: z.object({
            source: z.string(),
            codes: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                level: z.enum(["division", "group", "class"]),
                parents: z.array(z.string()),
              }),
            ),
          }),
        },
      },
      handler: () =>
        Promise.resolve({
          source:
            "総務省 日本標準産業分類（令和5年7月告示） https://www.soumu.go.jp/main_content/000941216.pdf",
          codes: industryClasses(),
        }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/companies/:id",
      operationId: "getCompany",
      summary:
        "One company (the public view, or every field for plan managers, administrators and the firm's own members)",
      tags: TAGS,
      access: "public",
      identify: true,
      params: companyIdParams,
      responses: { 200: { description: "The company", schema: publicCompanySchema }, ...errors },
      handler: async ({ params, principal }) => {
        const audience = audienceFor(principal, params.id);
        if (audience !== "member") return getCompanyFor(db, params.id, audience);
        return memberView((await getCompanyFor(db, params.id, "staff")) as Company);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/companies/:id/history",
      operationId: "getCompanyHistory",
      summary: "Every version of a company, newest first",
      tags: TAGS,
      access: "viewer",
      params: companyIdParams,
      responses: {
        200: {
          description: "Versions",
          schema: z.object({
            versions: z.array(
              z.object({
                version: z.number().int(),
                at: z.string(),
                actor: z.string(),
                source: z.string(),
                summary: z.string(),
              }),
            ),
          }),
        },
        ...errors,
      },
      handler: async ({ params }) => ({ versions: await companyHistory(db, params.id) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/companies",
      operationId: "createCompany",
      summary: "Add a company to a municipality's registry",
      tags: TAGS,
      access: "plan_manager",
      query: z.strictObject({
        municipality: z
          .string()
          .max(64)
          .optional()
          .meta({ description: "Code or slug; default: the only municipality" }),
      }),
      body: companyInputSchema,
      responses: { 201: { description: "Created", schema: companySchema }, ...errors },
      handler: async ({ query, body, principal, request }, reply) => {
        const code = (await municipalityFor(db, query.municipality, true))!;
        const company = await tx((trx) => createCompany(trx, code, body, ctx(principal, request.ip)));
        return reply.status(201).send(company);
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/companies/:id",
      operationId: "updateCompany",
      summary: "Replace a company's values (send every field, and the version you started from)",
      tags: TAGS,
      access: "plan_manager",
      params: companyIdParams,
      body: z.strictObject({ baseVersion: z.number().int().min(1), company: companyInputSchema }),
      responses: { 200: { description: "The company as stored", schema: companySchema }, ...errors },
      handler: ({ params, body, principal, request }) =>
        tx((trx) =>
          updateCompany(
            trx,
            params.id,
            body.company,
            { baseVersion: body.baseVersion },
            ctx(principal, request.ip),
          ),
        ),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/companies/:id/verify",
      operationId: "verifyCompanyFields",
      summary: "Record that the city checked these fields today",
      tags: TAGS,
      access: "plan_manager",
      params: companyIdParams,
      body: z.strictObject({ fields: z.array(z.enum(FIELD_NAMES)).min(1) }),
      responses: { 200: { description: "The company as stored", schema: companySchema }, ...errors },
      handler: ({ params, body, principal, request }) =>
        tx((trx) => verifyCompanyFields(trx, params.id, body.fields, ctx(principal, request.ip))),
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/companies/:id",
      operationId: "deleteCompany",
      summary: "Remove a company (its history stays)",
      tags: TAGS,
      access: "plan_manager",
      params: companyIdParams,
      responses: { 204: { description: "Removed" }, ...errors },
      handler: async ({ params, principal, request }, reply) => {
        await tx((trx) => deleteCompany(trx, params.id, ctx(principal, request.ip)));
        return reply.status(204).send();
      },
    }),
  ];
}
