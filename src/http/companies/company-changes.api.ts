import { z } from "zod";
import { actorOf } from "../../core/audit/audit.js";
import type { Clock } from "../../core/clock.js";
import { companyInputSchema, companySchema, FIELD_NAMES } from "../../core/companies/company.schema.js";
import { getCompany } from "../../core/companies/company.service.js";
import { memberView } from "../../core/companies/company.visibility.js";
import {
  approveProfileChange,
  latestProfileChange,
  listProfileChanges,
  profileChangeWithDiff,
  rejectProfileChange,
  submitProfileChange,
} from "../../core/company-members/profile-change.service.js";
import { DomainError } from "../../core/errors.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import { COMPANY_MANAGER_ROLE } from "./companies.schemas.js";

const TAGS = ["company self-service"];

const changeSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    companyName: z.string(),
    accountId: z.string(),
    submittedAt: z.string(),
    status: z.enum(["pending", "approved", "rejected", "superseded"]),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    reason: z.string().nullable(),
    baseVersion: z.number().int(),
    fields: z.array(z.enum(FIELD_NAMES)),
  })
  .meta({ id: "CompanyProfileChange" });

const changeIdParams = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * A firm keeps its own profile (`/api/v1/my-company`, company members only, their own company),
 * and the city's plan managers approve or reject each edit (`/api/v1/company-changes`). An edit
 * is stored apart from the registry until approved, so nothing public shows it before.
 */
export function companyChangesApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  const { db, clock } = deps;
  const errors = errorResponses(400, 401, 403, 404, 409);
  const companyOf = (principal: { companyId?: string } | null): string => {
    if (!principal?.companyId) throw new DomainError("forbidden", "this account keeps no company");
    return principal.companyId;
  };
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/my-company",
      operationId: "getMyCompany",
      summary: "The firm's own company with every field, and its latest edit (pending or decided)",
      tags: TAGS,
      access: "company_member",
      responses: {
        200: {
          description: "The approved record and the latest edit",
          schema: z.object({ company: companySchema.omit({ notes: true }), change: changeSchema.nullable() }),
        },
        ...errors,
      },
      handler: async ({ principal }) => {
        const id = companyOf(principal);
        const latest = await latestProfileChange(db, id);
        const change = latest ? (({ input: _i, ...c }) => c)(latest) : null;
        return { company: memberView(await getCompany(db, id)), change };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/my-company",
      operationId: "submitMyCompany",
      summary: "Propose the firm's profile: stored for the city's approval, public only once approved",
      description:
        "Send every field (as GET gave it, with your changes) and the version you started from. `notes` and `listed` are the city's and are ignored. Answers 202 with the pending change, or 200 with `change: null` when nothing differs.",
      tags: TAGS,
      access: "company_member",
      body: z.strictObject({ baseVersion: z.number().int().min(1), company: companyInputSchema }),
      responses: {
        200: { description: "Nothing changed", schema: z.object({ change: z.null() }) },
        202: { description: "Waiting for the city", schema: z.object({ change: changeSchema }) },
        ...errors,
      },
      handler: async ({ body, principal, request }, reply) => {
        const change = await submitProfileChange(
          db,
          companyOf(principal),
          principal!.accountId,
          body.company,
          { baseVersion: body.baseVersion },
          { actor: actorOf(principal!), ip: request.ip, clock },
        );
        return reply.status(change ? 202 : 200).send({ change });
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/company-changes",
      operationId: "listCompanyChanges",
      summary: "Firms' edits by status (default: waiting for approval, oldest first)",
      tags: TAGS,
      access: COMPANY_MANAGER_ROLE,
      query: z.strictObject({
        status: z.enum(["pending", "approved", "rejected", "superseded"]).optional(),
      }),
      responses: {
        200: { description: "Changes", schema: z.object({ changes: z.array(changeSchema) }) },
        ...errors,
      },
      handler: async ({ query }) => ({ changes: await listProfileChanges(db, query.status ?? "pending") }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/company-changes/:id",
      operationId: "getCompanyChange",
      summary: "One firm's edit with its field-by-field difference against the approved record",
      tags: TAGS,
      access: COMPANY_MANAGER_ROLE,
      params: changeIdParams,
      responses: {
        200: {
          description: "The change and its differences",
          schema: z.object({
            change: changeSchema,
            differences: z.array(
              z.object({
                field: z.enum(FIELD_NAMES),
                before: z.unknown(),
                after: z.unknown(),
                visibilityBefore: z.string(),
                visibilityAfter: z.string(),
                changedSince: z.boolean(),
              }),
            ),
          }),
        },
        ...errors,
      },
      handler: async ({ params }) => {
        const { change, differences } = await profileChangeWithDiff(db, params.id);
        return { change, differences };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/company-changes/:id/approve",
      operationId: "approveCompanyChange",
      summary: "Apply a firm's edit (its fields become public as the firm's, unverified)",
      tags: TAGS,
      access: COMPANY_MANAGER_ROLE,
      params: changeIdParams,
      responses: { 200: { description: "The company as stored", schema: companySchema }, ...errors },
      handler: ({ params, principal, request }) =>
        approveProfileChange(db, params.id, { actor: actorOf(principal!), ip: request.ip, clock }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/company-changes/:id/reject",
      operationId: "rejectCompanyChange",
      summary: "Refuse a firm's edit with a reason the firm reads",
      tags: TAGS,
      access: COMPANY_MANAGER_ROLE,
      params: changeIdParams,
      body: z.strictObject({ reason: z.string().max(2000) }),
      responses: { 204: { description: "Rejected" }, ...errors },
      handler: async ({ params, body, principal, request }, reply) => {
        await rejectProfileChange(db, params.id, body.reason, {
          actor: actorOf(principal!),
          ip: request.ip,
          clock,
        });
        return reply.status(204).send();
      },
    }),
  ];
}
