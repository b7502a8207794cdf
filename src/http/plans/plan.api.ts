import { z } from "zod";
import { notFound } from "../../core/errors.js";
import type { CachedPlan, PlanCache } from "../../core/plan/plan.cache.js";
import { negotiate, Precompressed } from "../compression.js";
import { findActionNumbers, planListStamp, type Db } from "../../core/plan/plan.repository.js";
import { actionSchema, codeSchema, planDocumentSchema, planIdSchema } from "../../core/plan/plan.schema.js";
import { listPlans } from "../../core/plan/plan.service.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import { errorResponses, fiscalYearParam, planParams, positiveInt } from "../api/common.js";

const booleanParam = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const actionParams = planParams.extend({
  number: positiveInt("an action number").meta({ description: "Action number", examples: ["1"] }),
});

/** The compressed forms of a cached plan live as long as its cache entry. */
const compressedPlans = new WeakMap<CachedPlan, Precompressed>();
function compressedPlan(entry: CachedPlan): Precompressed {
  let body = compressedPlans.get(entry);
  if (!body) compressedPlans.set(entry, (body = new Precompressed(entry.body)));
  return body;
}

export const actionQuerySchema = z.strictObject({
  strategy: codeSchema.optional().meta({ description: "Strategy code, e.g. 1" }),
  measure: codeSchema.optional().meta({ description: "Measure code, e.g. 1-2" }),
  tag: z.string().min(1).max(100).optional().meta({ description: "A tag without brackets, e.g. DX" }),
  priority: booleanParam.optional().meta({ description: "Only priority actions (◎), or only the others" }),
  new: booleanParam.optional().meta({ description: "Only new actions (新規), or only existing ones (既存)" }),
  relisted: booleanParam.optional().meta({
    description: "Only 再掲 rows (actions listed again under a second measure), or only the others",
  }),
  fiscalYear: fiscalYearParam.optional().meta({ description: "Only actions scheduled in this fiscal year" }),
  q: z.string().max(500).optional().meta({ description: "Free text; every word must occur" }),
});

const planSummarySchema = z
  .object({
    id: planIdSchema,
    municipality: z.string(),
    title: z.string(),
    fiscalYears: z.object({ from: z.number().int(), to: z.number().int() }),
    asOf: z.string(),
    revision: z.number().int(),
    updatedAt: z.string(),
    counts: z.object({ strategies: z.number().int(), measures: z.number().int(), actions: z.number().int() }),
  })
  .meta({ id: "PlanSummary" });

const actionListSchema = z
  .object({ planId: planIdSchema, total: z.number().int(), actions: z.array(actionSchema) })
  .meta({ id: "ActionList" });

export function planApiRoutes(deps: { db: Db; plans: PlanCache }): ApiRoute[] {
  const { db, plans } = deps;
  let listCache: { stamp: string; body: Precompressed } | undefined;
  const load = async (planId: string) => {
    const entry = await plans.get(planId);
    if (!entry) throw notFound(`plan "${planId}"`);
    return entry;
  };

  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans",
      operationId: "listPlans",
      summary: "The plans on this server",
      tags: ["plans"],
      access: "public",
      responses: {
        200: {
          description: "Plans with their ids and counts",
          schema: z.object({ plans: z.array(planSummarySchema) }),
        },
      },
      // With 1,741 municipalities the list is 700 KB of JSON: made once per change of any plan.
      handler: async ({ request }, reply) => {
        const stamp = await planListStamp(db);
        if (listCache?.stamp !== stamp) {
          const body = Buffer.from(JSON.stringify({ plans: await listPlans(db) }));
          listCache = { stamp, body: new Precompressed(body) };
        }
        reply.type("application/json; charset=utf-8").header("cache-control", "no-cache");
        return listCache.body.send(request, reply);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId",
      operationId: "getPlan",
      summary: "A whole plan in the canonical format (shinko-plan/1)",
      description: "The same document `shinko export --format json` writes; see docs/plan-format.md.",
      tags: ["plans"],
      access: "public",
      params: planParams,
      responses: {
        200: { description: "The plan", schema: planDocumentSchema },
        304: { description: "Unchanged since the ETag given in If-None-Match" },
        ...errorResponses(400, 404),
      },
      handler: async ({ params, request }, reply) => {
        const entry = await load(params.planId);
        // Each encoding is its own representation, with its own tag; any of them still matches.
        const encoding = entry.body.length >= 1_024 ? negotiate(request.headers["accept-encoding"]) : null;
        const etag = encoding ? entry.etag.replace(/"$/, `-${encoding}"`) : entry.etag;
        reply.header("etag", etag).header("cache-control", "no-cache");
        const asked = request.headers["if-none-match"];
        if (asked && asked.split(/\s*,\s*/).some((tag) => tag.replace(/-(br|gzip)"$/, '"') === entry.etag)) {
          return reply.status(304).send();
        }
        reply.type("application/json; charset=utf-8");
        return compressedPlan(entry).send(request, reply);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions",
      operationId: "listActions",
      summary: "The actions of a plan, filtered",
      description:
        "Filters combine with AND. `q` matches names, tags, descriptions, records and challenges, ignoring " +
        "full-width/half-width and case differences; words of two characters (溶接, 創業) work.",
      tags: ["actions"],
      access: "public",
      params: planParams,
      query: actionQuerySchema,
      responses: {
        200: { description: "Matching actions in number order", schema: actionListSchema },
        ...errorResponses(400, 404),
      },
      handler: async ({ params, query }) => {
        const entry = await load(params.planId);
        const numbers = new Set(
          await findActionNumbers(db, params.planId, {
            strategy: query.strategy,
            measure: query.measure,
            tag: query.tag,
            priority: query.priority,
            isNew: query.new,
            relisted: query.relisted,
            fiscalYear: query.fiscalYear,
            q: query.q,
          }),
        );
        const actions = entry.doc.actions.filter((a) => numbers.has(a.number));
        return { planId: params.planId, total: actions.length, actions };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions/:number",
      operationId: "getAction",
      summary: "One action",
      tags: ["actions"],
      access: "public",
      params: actionParams,
      responses: { 200: { description: "The action", schema: actionSchema }, ...errorResponses(400, 404) },
      handler: async ({ params }) => {
        const entry = await load(params.planId);
        const action = entry.doc.actions.find((a) => a.number === params.number);
        if (!action) throw notFound(`action ${params.number} of plan "${params.planId}"`);
        return action;
      },
    }),
  ];
}
