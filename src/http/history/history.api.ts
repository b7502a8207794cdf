import { z } from "zod";
import { ROLES } from "../../core/access/roles.js";
import {
  actionAtVersion,
  actionHistory,
  comparePlan,
  diffActionVersions,
  parseMoment,
  recentChanges,
  restoreActionVersion,
} from "../../core/history/history.service.js";
import { notFound } from "../../core/errors.js";
import { findPlanHeader, type Db } from "../../core/plan/plan.repository.js";
import { actionSchema } from "../../core/plan/plan.schema.js";
import { actorLabel, auditActorOf } from "../../core/review/review.permissions.js";
import { actorOf, errorResponses, planParams, positiveInt, savedVersionSchema } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

const actionParams = planParams.extend({ number: positiveInt("an action number") });

const differenceSchema = z
  .object({
    path: z.string().meta({ examples: ["records[fiscalYear=2025,kind=result].text"] }),
    kind: z.enum(["added", "removed", "changed"]),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: "Difference" });

const versionEntry = z
  .object({
    version: z.number().int(),
    at: z.string(),
    actor: z.enum([...ROLES, "staff", "system"]).meta({
      description:
        "Who made the change, as the public may know it: the role of the account (as it is now), " +
        "`staff` for an account that no longer exists, `system` for a program (the command line, an import). " +
        "Never a person's name or e-mail address.",
      examples: ["plan_manager"],
    }),
    source: z.string(),
    summary: z.string(),
  })
  .meta({ id: "VersionEntry" });

/** A moment: an ISO date (its end), or a fiscal year (2024, 令和6年度, R6: its last day). */
const momentParam = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const moment = parseMoment(value);
    if (moment.ok) return moment.value;
    ctx.addIssue({ code: "custom", message: moment.error });
    return z.NEVER;
  })
  .meta({
    description: "A date (YYYY-MM-DD) or a fiscal year (2024, 令和6年度, R6: its last day)",
    examples: ["2024"],
  });

export function historyApiRoutes(deps: { db: Db }): ApiRoute[] {
  const { db } = deps;
  const errors = errorResponses(400, 401, 403, 404, 409);
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions/:number/history",
      operationId: "getActionHistory",
      summary: "Every version of an action: who, when, how, what changed",
      tags: ["history"],
      access: "public",
      params: actionParams,
      responses: {
        200: { description: "Versions, newest first", schema: z.object({ versions: z.array(versionEntry) }) },
        ...errors,
      },
      handler: async ({ params }) => ({
        versions: (await actionHistory(db, params.planId, params.number)).map(
          ({ version, at, who, source, summary }) => ({ version, at, actor: who.kind, source, summary }),
        ),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions/:number/versions/:version",
      operationId: "getActionVersion",
      summary: "An action as it was at a version",
      tags: ["history"],
      access: "public",
      params: actionParams.extend({ version: positiveInt("a version number") }),
      responses: {
        200: {
          description: "The action at that version (null if that version removed it)",
          schema: actionSchema.nullable(),
        },
        ...errors,
      },
      handler: async ({ params }) => actionAtVersion(db, params.planId, params.number, params.version),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions/:number/diff",
      operationId: "diffActionVersions",
      summary: "What changed between two versions of an action, field by field",
      tags: ["history"],
      access: "public",
      params: actionParams,
      query: z.strictObject({ from: positiveInt("a version number"), to: positiveInt("a version number") }),
      responses: {
        200: { description: "Differences", schema: z.object({ differences: z.array(differenceSchema) }) },
        ...errors,
      },
      handler: async ({ params, query }) => ({
        differences: await diffActionVersions(db, params.planId, params.number, query.from, query.to),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/plans/:planId/actions/:number/restore",
      operationId: "restoreActionVersion",
      summary: "Make an old version current again (as a new version)",
      tags: ["history"],
      access: "plan_manager",
      params: actionParams,
      body: z.strictObject({ version: z.number().int().min(1), baseVersion: z.number().int().min(1) }),
      responses: {
        200: {
          description: "The new version",
          schema: savedVersionSchema,
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) =>
        db.transaction().execute((trx) =>
          restoreActionVersion(trx, params.planId, params.number, body.version, body.baseVersion, {
            actor: actorLabel(actorOf(principal)),
            audit: auditActorOf(actorOf(principal)),
          }),
        ),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/compare",
      operationId: "comparePlan",
      summary: "What was added, removed and changed between two fiscal years or two dates",
      tags: ["history"],
      access: "public",
      params: planParams,
      query: z.strictObject({ from: momentParam, to: momentParam }),
      responses: {
        200: {
          description: "The comparison",
          schema: z.object({
            from: z.string(),
            to: z.string(),
            plan: z.array(differenceSchema),
            added: z.array(z.object({ number: z.number().int(), name: z.string() })),
            removed: z.array(z.object({ number: z.number().int(), name: z.string() })),
            changed: z.array(
              z.object({
                number: z.number().int(),
                name: z.string(),
                differences: z.array(differenceSchema),
              }),
            ),
          }),
        },
        ...errors,
      },
      handler: async ({ params, query }) => comparePlan(db, params.planId, query.from, query.to),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/changes",
      operationId: "listChanges",
      summary: "The plan's latest changes, drafts included (staff only)",
      tags: ["history"],
      access: "viewer",
      params: planParams,
      query: z.strictObject({
        limit: positiveInt("a count").pipe(z.number().max(500)).optional(),
        before: positiveInt("a sequence number").optional(),
      }),
      responses: {
        200: {
          description: "Changes, newest first",
          schema: z.object({
            changes: z.array(
              z.object({
                seq: z.number().int(),
                entity: z.string(),
                key: z.string(),
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
      handler: async ({ params, query }) => {
        // An unknown plan is not a plan without changes.
        if (!(await findPlanHeader(db, params.planId))) throw notFound(`plan "${params.planId}"`);
        return { changes: await recentChanges(db, params.planId, query.limit ?? 50, query.before) };
      },
    }),
  ];
}
