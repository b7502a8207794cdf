import { z } from "zod";
import { copyForward } from "../../core/review/copy-forward.js";
import { closeCycle, cycleStatus, openCycle } from "../../core/review/cycle.service.js";
import { publishReviews } from "../../core/review/publish.js";
import type { OwnsAction } from "../../core/review/review.permissions.js";
import { listCycles } from "../../core/review/review.repository.js";
import { cycleInputSchema, reviewContentSchema, REVIEW_STATUSES } from "../../core/review/review.schema.js";
import {
  approveReview,
  reopenReview,
  returnReview,
  saveDraft,
  submitReview,
} from "../../core/review/review.service.js";
import { listEntityChanges } from "../../core/history/history.repository.js";
import { findPlanHeader, type Db } from "../../core/plan/plan.repository.js";
import { findReview } from "../../core/review/review.repository.js";
import { notFound } from "../../core/errors.js";
import { actorOf, errorResponses, fiscalYearParam, planParams, positiveInt } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

const cycleParams = planParams.extend({ fiscalYear: fiscalYearParam });
const reviewParams = cycleParams.extend({ number: positiveInt("an action number") });
const versionBody = z.strictObject({ baseVersion: z.number().int().min(1) });
const actionsBody = z.strictObject({ actions: z.array(z.number().int().min(1)).max(10_000).optional() });

const cycleSchema = z
  .object({
    planId: z.string(),
    fiscalYear: z.number().int(),
    asOf: z.string(),
    deadline: z.string(),
    status: z.enum(["open", "closed"]),
    openedAt: z.string(),
    openedBy: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: "ReviewCycle" });

const reviewSchema = z
  .object({
    planId: z.string(),
    actionNumber: z.number().int(),
    fiscalYear: z.number().int(),
    status: z.enum(REVIEW_STATUSES),
    content: reviewContentSchema,
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    returnComment: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: "ActionReview" });

const statusCounts = z.object(
  Object.fromEntries(REVIEW_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof REVIEW_STATUSES)[number],
    z.ZodNumber
  >,
);

export function reviewApiRoutes(deps: { db: Db; owns: OwnsAction }): ApiRoute[] {
  const { db, owns } = deps;
  const tx = <T>(fn: (trx: Db) => Promise<T>) => db.transaction().execute(fn);
  const errors = errorResponses(400, 401, 403, 404, 409);
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/reviews",
      operationId: "listReviewCycles",
      summary: "The plan's yearly reviews",
      tags: ["review"],
      access: "viewer",
      params: planParams,
      responses: {
        200: { description: "Cycles, newest first", schema: z.object({ cycles: z.array(cycleSchema) }) },
        ...errors,
      },
      handler: async ({ params }) => {
        // An unknown plan is not a plan without reviews.
        if (!(await findPlanHeader(db, params.planId))) throw notFound(`plan "${params.planId}"`);
        return { cycles: await listCycles(db, params.planId) };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/reviews",
      operationId: "openReviewCycle",
      summary: "Open the review of a fiscal year (every action gets its record)",
      tags: ["review"],
      access: "plan_manager",
      params: planParams,
      body: cycleInputSchema,
      responses: { 201: { description: "The opened cycle", schema: cycleSchema }, ...errors },
      handler: async ({ params, body, principal }, reply) => {
        const cycle = await tx((trx) => openCycle(trx, params.planId, body, { actor: actorOf(principal) }));
        return reply.status(201).send(cycle);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear",
      operationId: "getReviewCycle",
      summary: "Where a review stands: each action's status, and which still lack an update",
      tags: ["review"],
      access: "viewer",
      params: cycleParams,
      responses: {
        200: {
          description: "Status of the cycle",
          schema: z.object({
            cycle: cycleSchema,
            counts: statusCounts,
            lacking: z.array(z.number().int()),
            overdue: z.array(z.number().int()),
            total: z.number().int(),
          }),
        },
        ...errors,
      },
      handler: async ({ params }) => cycleStatus(db, params.planId, params.fiscalYear),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/actions/:number",
      operationId: "getActionReview",
      summary: "One action's review for the year (draft or later)",
      tags: ["review"],
      access: "viewer",
      params: reviewParams,
      responses: { 200: { description: "The review", schema: reviewSchema }, ...errors },
      handler: async ({ params }) => {
        const review = await findReview(db, params.planId, params.fiscalYear, params.number);
        if (!review) throw notFound(`the review of action ${params.number}`);
        return review;
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/actions/:number",
      operationId: "saveReviewDraft",
      summary: "Save the draft (refused with the other change when someone saved first)",
      tags: ["review"],
      access: "action_owner",
      params: reviewParams,
      body: z.strictObject({ baseVersion: z.number().int().min(1), content: z.unknown() }),
      responses: { 200: { description: "The saved review", schema: reviewSchema }, ...errors },
      handler: async ({ params, body, principal }) =>
        tx((trx) =>
          saveDraft(
            trx,
            params.planId,
            params.fiscalYear,
            params.number,
            { baseVersion: body.baseVersion, content: body.content },
            { actor: actorOf(principal), owns },
          ),
        ),
    }),
    ...(
      [
        ["submit", "submitReview", "Hand the review to the plan manager", "action_owner"],
        ["approve", "approveReview", "Approve a submitted review", "plan_manager"],
        ["reopen", "reopenReview", "Reopen an approved or published review for edits", "plan_manager"],
      ] as const
    ).map(([step, operationId, summary, access]) =>
      defineRoute({
        method: "POST",
        url: `/api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/${step}`,
        operationId,
        summary,
        tags: ["review"],
        access,
        params: reviewParams,
        body: versionBody,
        responses: { 200: { description: "The review after the step", schema: reviewSchema }, ...errors },
        handler: async ({ params, body, principal }) => {
          const context = { actor: actorOf(principal), owns };
          const fn = step === "submit" ? submitReview : step === "approve" ? approveReview : reopenReview;
          return tx((trx) =>
            fn(trx, params.planId, params.fiscalYear, params.number, body.baseVersion, context),
          );
        },
      }),
    ),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/return",
      operationId: "returnReview",
      summary: "Return a review to its owner with a comment",
      tags: ["review"],
      access: "plan_manager",
      params: reviewParams,
      body: z.strictObject({ baseVersion: z.number().int().min(1), comment: z.string().max(2_000) }),
      responses: { 200: { description: "The returned review", schema: reviewSchema }, ...errors },
      handler: async ({ params, body, principal }) =>
        tx((trx) =>
          returnReview(trx, params.planId, params.fiscalYear, params.number, body, {
            actor: actorOf(principal),
            owns,
          }),
        ),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/actions/:number/history",
      operationId: "getReviewHistory",
      summary: "Every saved state of an action's review, newest first",
      tags: ["review"],
      access: "viewer",
      params: reviewParams,
      responses: {
        200: {
          description: "Versions with their content",
          schema: z.object({
            versions: z.array(
              z.object({
                version: z.number().int(),
                at: z.string(),
                actor: z.string(),
                summary: z.string(),
                after: z.unknown(),
              }),
            ),
          }),
        },
        ...errors,
      },
      handler: async ({ params }) => {
        if (!(await findReview(db, params.planId, params.fiscalYear, params.number))) {
          throw notFound(`the review of action ${params.number}`);
        }
        const rows = await listEntityChanges(
          db,
          params.planId,
          "review",
          `${params.fiscalYear}/${params.number}`,
        );
        return {
          versions: rows.map((r) => ({
            version: r.version,
            at: r.at,
            actor: r.actor,
            summary: r.summary,
            after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
          })),
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/copy-forward",
      operationId: "copyForward",
      summary: "Fill only the blanks of the reviews from the year before",
      tags: ["review"],
      access: "action_owner",
      params: cycleParams,
      body: actionsBody,
      responses: {
        200: {
          description: "What was filled, per action",
          schema: z.object({
            filled: z.array(z.object({ actionNumber: z.number().int(), filled: z.array(z.string()) })),
          }),
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) => ({
        filled: await tx((trx) =>
          copyForward(
            trx,
            params.planId,
            params.fiscalYear,
            { actor: actorOf(principal), owns },
            body.actions,
          ),
        ),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/publish",
      operationId: "publishReviews",
      summary: "Publish the approved reviews into the plan (pages, API, downloads)",
      tags: ["review"],
      access: "plan_manager",
      params: cycleParams,
      body: actionsBody,
      responses: {
        200: {
          description: "Published action numbers",
          schema: z.object({ published: z.array(z.number().int()) }),
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) => ({
        published: await tx((trx) =>
          publishReviews(
            trx,
            params.planId,
            params.fiscalYear,
            { actor: actorOf(principal), owns },
            body.actions,
          ),
        ),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/reviews/:fiscalYear/close",
      operationId: "closeReviewCycle",
      summary: "Close a review: no more edits",
      tags: ["review"],
      access: "plan_manager",
      params: cycleParams,
      responses: { 204: { description: "Closed" }, ...errors },
      handler: async ({ params, principal }, reply) => {
        await tx((trx) => closeCycle(trx, params.planId, params.fiscalYear, { actor: actorOf(principal) }));
        return reply.status(204).send();
      },
    }),
  ];
}
