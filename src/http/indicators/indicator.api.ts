import { z } from "zod";
import { fiscalYearOf } from "../../core/fiscal/index.js";
import { indicatorSchema } from "../../core/indicators/indicator.schema.js";
import {
  acceptProposal,
  acceptSchema,
  listProposals,
  rejectProposal,
  rejectSchema,
} from "../../core/indicators/proposals.service.js";
import { indicatorReport } from "../../core/indicators/report.js";
import { notFound } from "../../core/errors.js";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { scalesSchema } from "../../core/review/scales.js";
import { updateScales } from "../../core/review/scales.service.js";
import { loadPlanRows } from "../../core/plan/plan.repository.js";
import { toDocument } from "../../core/plan/plan.mapper.js";
import { actorOf, errorResponses, fiscalYearParam, planParams } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

const ratingEnum = z.enum(["on_track", "slightly_behind", "behind", "no_target", "no_actual"]);
const rollUpSchema = z
  .object({
    // One property per rating (z.record keyed by an enum gave `required` names without `properties`).
    counts: z.object({
      on_track: z.number().int(),
      slightly_behind: z.number().int(),
      behind: z.number().int(),
      no_target: z.number().int(),
      no_actual: z.number().int(),
    }),
    rated: z.number().int(),
    progress: z.number().nullable(),
    formula: z.string(),
  })
  .meta({ id: "RollUp" });

const proposalSchema = z
  .object({
    id: z.string(),
    actionNumber: z.number().int(),
    record: z.object({ fiscalYear: z.number().int(), kind: z.enum(["baseline", "result"]) }),
    value: z.number(),
    unit: z.string(),
    fiscalYear: z.number().int(),
    before: z.string(),
    after: z.string(),
    excerpt: z.string(),
    offset: z.number().int(),
    status: z.enum(["proposed", "accepted", "rejected"]),
    indicatorCode: z.string().nullable(),
    note: z.string(),
    /** Decisions taken so far (0: none); a rejection names it as its baseVersion. */
    version: z.number().int().min(0),
  })
  .meta({ id: "IndicatorProposal" });

const proposalParams = planParams.extend({
  id: z.string().regex(/^\d+:(baseline|result):\d{4}:\d+$/, "must be a proposal id"),
});

export function indicatorApiRoutes(deps: { db: Db; plans: PlanCache }): ApiRoute[] {
  const { db, plans } = deps;
  const tx = <T>(fn: (trx: Db) => Promise<T>) => db.transaction().execute(fn);
  const errors = errorResponses(400, 401, 403, 404, 409);
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/indicators",
      operationId: "getIndicatorReport",
      summary: "Every indicator rated for a fiscal year, rolled up to measures, strategies and the plan",
      description:
        "Ratings follow the plan's rules (scales.rating). Without a target or an actual, an indicator is not rated (never shown as 0 %).",
      tags: ["indicators"],
      access: "public",
      params: planParams,
      query: z.strictObject({
        fiscalYear: fiscalYearParam
          .optional()
          .meta({ description: "Default: the year of the plan's as-of date" }),
      }),
      responses: {
        200: {
          description: "The report",
          schema: z.object({
            fiscalYear: z.number().int(),
            rules: z.object({ onTrackAt: z.number(), slightlyBehindAt: z.number() }),
            rows: z.array(
              z.object({
                actionNumber: z.number().int(),
                actionName: z.string(),
                measure: z.string(),
                indicator: indicatorSchema,
                rated: z.object({
                  fiscalYear: z.number().int(),
                  target: z.number().nullable(),
                  actual: z.number().nullable(),
                  achievement: z.number().nullable(),
                  rating: ratingEnum,
                }),
              }),
            ),
            measures: z.array(z.object({ code: z.string(), name: z.string(), rollUp: rollUpSchema })),
            strategies: z.array(z.object({ code: z.string(), name: z.string(), rollUp: rollUpSchema })),
            plan: rollUpSchema,
          }),
        },
        ...errors,
      },
      handler: async ({ params, query }) => {
        const entry = await plans.get(params.planId);
        if (!entry) throw notFound(`plan "${params.planId}"`);
        return indicatorReport(entry.doc, query.fiscalYear ?? fiscalYearOf(entry.doc.plan.asOf));
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/indicator-proposals",
      operationId: "listIndicatorProposals",
      summary: "Values read from the plan's text, to accept, correct or reject",
      tags: ["indicators"],
      access: "plan_manager",
      params: planParams,
      query: z.strictObject({ status: z.enum(["proposed", "accepted", "rejected"]).optional() }),
      responses: {
        200: {
          description: "Proposals in plan order",
          schema: z.object({ proposals: z.array(proposalSchema) }),
        },
        ...errors,
      },
      handler: async ({ params, query }) => {
        const all = await listProposals(db, params.planId);
        return { proposals: query.status ? all.filter((p) => p.status === query.status) : all };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/indicator-proposals/:id/accept",
      operationId: "acceptIndicatorProposal",
      summary: "Accept a proposed value (as read, or corrected) into an indicator",
      tags: ["indicators"],
      access: "plan_manager",
      params: proposalParams,
      body: acceptSchema,
      responses: {
        200: {
          description: "Where the value went",
          schema: z.object({
            proposalId: z.string(),
            actionNumber: z.number().int(),
            indicatorCode: z.string(),
          }),
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) =>
        tx((trx) => acceptProposal(trx, params.planId, params.id, body, { actor: actorOf(principal) })),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/indicator-proposals/:id/reject",
      operationId: "rejectIndicatorProposal",
      summary: "Reject a proposed value",
      tags: ["indicators"],
      access: "plan_manager",
      params: proposalParams,
      body: rejectSchema,
      responses: { 204: { description: "Rejected" }, ...errors },
      handler: async ({ params, body, principal }, reply) => {
        await tx((trx) => rejectProposal(trx, params.planId, params.id, body, { actor: actorOf(principal) }));
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/scales",
      operationId: "getScales",
      summary: "The plan's grades, directions and rating rules, with the version to edit from",
      tags: ["review"],
      access: "public",
      params: planParams,
      responses: {
        200: { description: "Scales", schema: z.object({ version: z.number().int(), scales: scalesSchema }) },
        ...errors,
      },
      handler: async ({ params }) => {
        // One read gives both, so the version always belongs to the scales shown.
        const rows = await loadPlanRows(db, params.planId);
        if (!rows) throw notFound(`plan "${params.planId}"`);
        return { version: rows.plan.version, scales: toDocument(rows).scales };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/plans/:planId/scales",
      operationId: "updateScales",
      summary: "Change the plan's grades, directions or rating rules",
      tags: ["review"],
      access: "plan_manager",
      params: planParams,
      body: z.strictObject({ baseVersion: z.number().int().min(1), scales: z.unknown() }),
      responses: {
        200: { description: "The plan's new version", schema: z.object({ version: z.number().int() }) },
        ...errors,
      },
      handler: async ({ params, body, principal }) =>
        tx((trx) => updateScales(trx, params.planId, body, { actor: actorOf(principal) })),
    }),
  ];
}
