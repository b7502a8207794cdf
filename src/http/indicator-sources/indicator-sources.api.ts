import { z } from "zod";
import { DomainError, notFound } from "../../core/errors.js";
import { currentFiscalYear } from "../../core/fiscal/index.js";
import {
  bindingParamsSchema,
  indicatorBindingSchema,
  sourceIdSchema,
} from "../../core/indicator-sources/binding.schema.js";
import { setBinding } from "../../core/indicator-sources/binding.service.js";
import { computeBinding, computeSource } from "../../core/indicator-sources/compute.service.js";
import type { SourceRegistry } from "../../core/indicator-sources/registry.js";
import type { IndicatorSource } from "../../core/indicator-sources/source.js";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { actorLabel, auditActorOf } from "../../core/review/review.permissions.js";
import { actorOf, errorResponses, fiscalYearParam, planParams, positiveInt } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

const words = z.object({ ja: z.string(), en: z.string() }).meta({ id: "Words" });

const sourceSchema = z
  .object({
    id: z.string().meta({ examples: ["companies.listed"] }),
    unit: z.string().meta({ examples: ["社", "件", "円", "%"] }),
    name: words,
    definition: words,
    period: z.enum(["at_date", "fiscal_year"]).meta({
      description:
        "at_date: a stock read at a date (the fiscal year's 31 March); fiscal_year: a flow over the year",
    }),
    aggregate: z.object({ kind: z.enum(["count", "sum", "rate"]), denominator: words.optional() }),
    params: z.record(z.string(), words).meta({ description: "The parameters a binding may give, in words" }),
    readsPast: z.boolean().meta({ description: "Whether past dates can be read (else only today's figure)" }),
    publicValue: z.boolean().meta({ description: "Whether the public may see the computed value" }),
  })
  .meta({ id: "IndicatorSource" });

const computedSchema = z
  .object({
    source: z.string(),
    params: bindingParamsSchema,
    unit: z.string(),
    municipalityCode: z.string(),
    fiscalYear: z.number().int(),
    from: z.string(),
    asOf: z.string(),
    final: z.boolean().meta({ description: "The fiscal year has ended" }),
    value: z.number(),
    count: z.number().int(),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    empty: z.boolean().meta({ description: "The source's records hold nothing for the municipality yet" }),
    link: z.object({ href: z.string(), public: z.boolean() }).nullable(),
  })
  .meta({ id: "ComputedValue" });

const describe = (s: IndicatorSource) => ({
  id: s.id,
  unit: s.unit,
  name: s.name,
  definition: s.definition,
  period: s.period,
  aggregate: s.aggregate,
  params: s.paramHelp,
  readsPast: s.readsPast,
  publicValue: s.publicValue,
});

const paramsQuery = z
  .string()
  .max(2_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be a JSON object, e.g. {"certification":"ISO 9001"}' });
      return z.NEVER;
    }
  })
  .meta({ description: 'The source\'s parameters as a JSON object: {"process":"切削加工"}' });

const indicatorParams = planParams.extend({
  number: positiveInt("an action number"),
  code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/, "must be an indicator code"),
});

/** The registry of indicator sources, their computed values, and plan indicators' bindings. */
export function indicatorSourcesApiRoutes(deps: {
  db: Db;
  plans: PlanCache;
  sources: SourceRegistry;
  clock?: Clock;
}): ApiRoute[] {
  const { db, plans, sources, clock } = deps;
  const errors = errorResponses(400, 401, 403, 404, 409);
  const hidden = (source: IndicatorSource, signedIn: boolean) => {
    if (!source.publicValue && !signedIn)
      throw new DomainError(
        "unauthorized",
        `sign in to see values of ${source.id} (its records are not public)`,
      );
  };
  const bindingRoute = "/api/v1/plans/:planId/actions/:number/indicators/:code/source";
  const write = (principal: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(principal);
    return { actor: actorLabel(actor), audit: auditActorOf(actor), ...(clock ? { clock } : {}) };
  };
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/indicator-sources",
      operationId: "listIndicatorSources",
      summary: "Figures computed from the records, to which a plan's indicators can be bound",
      tags: ["indicator-sources"],
      access: "public",
      responses: {
        200: { description: "Every source, by id", schema: z.object({ sources: z.array(sourceSchema) }) },
        ...errors,
      },
      handler: async () => ({ sources: sources.list().map(describe) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/indicator-sources/:id",
      operationId: "getIndicatorSource",
      summary: "One source: unit, definition, parameters",
      tags: ["indicator-sources"],
      access: "public",
      params: z.strictObject({ id: sourceIdSchema }),
      responses: { 200: { description: "The source", schema: sourceSchema }, ...errors },
      handler: async ({ params }) => describe(sources.require(params.id)),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/indicator-sources/:id/value",
      operationId: "computeIndicatorSource",
      summary: "A source's figure for a municipality at a fiscal year's end (or a date)",
      description:
        "A fiscal year still running is read at today. `empty` says the records hold nothing for the municipality yet: a 0 then means not recorded, not none. Sources whose records are not public answer signed-in callers only.",
      tags: ["indicator-sources"],
      access: "public",
      identify: true,
      params: z.strictObject({ id: sourceIdSchema }),
      query: z.strictObject({
        municipalityCode: z.string().regex(/^\d{6}$/, "must be six digits (全国地方公共団体コード)"),
        fiscalYear: fiscalYearParam.optional(),
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date")
          .optional(),
        params: paramsQuery.optional(),
      }),
      responses: { 200: { description: "The computed value", schema: computedSchema }, ...errors },
      handler: async ({ params, query, principal }) => {
        hidden(sources.require(params.id), principal !== null);
        return computeSource(db, sources, { source: params.id, ...query }, clock);
      },
    }),
    defineRoute({
      method: "GET",
      url: bindingRoute,
      operationId: "getIndicatorBinding",
      summary: "The source an indicator is computed from, and its value for a fiscal year",
      tags: ["indicator-sources"],
      access: "public",
      identify: true,
      params: indicatorParams,
      query: z.strictObject({
        fiscalYear: fiscalYearParam.optional().meta({ description: "Default: the current fiscal year" }),
      }),
      responses: {
        200: {
          description:
            "The binding (null when the indicator is typed) and, when it can be, the computed value",
          schema: z.object({
            binding: indicatorBindingSchema.nullable(),
            source: sourceSchema.nullable(),
            computed: computedSchema.nullable(),
            problem: z.string().nullable().meta({ description: "Why no value could be computed" }),
          }),
        },
        ...errors,
      },
      handler: async ({ params, query, principal }) => {
        const entry = await plans.get(params.planId);
        const action = entry?.doc.actions.find((a) => a.number === params.number);
        const indicator = action?.indicators.find((i) => i.code === params.code);
        if (!entry || !indicator) throw notFound(`indicator "${params.code}" of action ${params.number}`);
        const binding = indicator.computedFrom ?? null;
        if (!binding) return { binding: null, source: null, computed: null, problem: null };
        const source = sources.get(binding.source);
        const fiscalYear = query.fiscalYear ?? currentFiscalYear(clock?.now());
        const outcome = await computeBinding(
          db,
          sources,
          binding,
          indicator.unit,
          entry.doc.plan,
          fiscalYear,
          clock,
        );
        const shown = source && (source.publicValue || principal !== null);
        return {
          binding,
          source: source ? describe(source) : null,
          computed: outcome.ok && shown ? outcome.value : null,
          problem: outcome.ok ? (shown ? null : "sign in to see this value") : outcome.problem,
        };
      },
    }),
    defineRoute({
      method: "PUT",
      url: bindingRoute,
      operationId: "bindIndicator",
      summary: "Compute an indicator's actual from a source (a change of the action, kept in its history)",
      tags: ["indicator-sources"],
      access: "plan_manager",
      params: indicatorParams,
      body: z.strictObject({ source: sourceIdSchema, params: z.record(z.string(), z.unknown()).optional() }),
      responses: {
        200: {
          description: "The stored binding and the action's new version",
          schema: z.object({
            binding: indicatorBindingSchema.nullable(),
            version: z.number().int(),
            changed: z.boolean(),
          }),
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) =>
        db
          .transaction()
          .execute((trx) =>
            setBinding(
              trx,
              sources,
              { planId: params.planId, number: params.number, code: params.code },
              body,
              write(principal),
            ),
          ),
    }),
    defineRoute({
      method: "DELETE",
      url: bindingRoute,
      operationId: "unbindIndicator",
      summary: "Stop computing an indicator from a source (its values stay)",
      tags: ["indicator-sources"],
      access: "plan_manager",
      params: indicatorParams,
      responses: {
        200: {
          description: "The action's new version",
          schema: z.object({ binding: z.null(), version: z.number().int(), changed: z.boolean() }),
        },
        ...errors,
      },
      handler: async ({ params, principal }) =>
        db.transaction().execute(async (trx) => {
          const out = await setBinding(
            trx,
            sources,
            { planId: params.planId, number: params.number, code: params.code },
            null,
            write(principal),
          );
          return { ...out, binding: null };
        }),
    }),
  ];
}
