import { z } from "zod";
import { assignActionOwner, listActionOwners, unassignActionOwner } from "../../core/access/action-owners.js";
import type { Clock } from "../../core/clock.js";
import { notFound } from "../../core/errors.js";
import { findPlanHeader, type Db } from "../../core/plan/plan.repository.js";
import { planIdSchema } from "../../core/plan/plan.schema.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import { acting, actionOwnerSchema } from "./account.schemas.js";

const ownerParams = z.strictObject({
  planId: planIdSchema,
  number: z
    .string()
    .regex(/^[1-9]\d{0,6}$/, "must be an action number (a positive whole number)")
    .transform(Number),
  accountId: z.uuid({ message: "must be an account id" }),
});

/** Who owns which action: plan managers assign action owners. */
export function actionOwnersApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/owners",
      operationId: "listActionOwners",
      summary: "The owners of every action of a plan",
      tags: ["owners"],
      access: "plan_manager",
      params: z.strictObject({ planId: planIdSchema }),
      responses: {
        200: {
          description: "Assignments by action",
          schema: z.object({ owners: z.array(actionOwnerSchema) }),
        },
        ...errorResponses(400, 401, 403, 404),
      },
      handler: async ({ params }) => {
        if (!(await findPlanHeader(db, params.planId))) throw notFound(`plan "${params.planId}"`);
        return { owners: await listActionOwners(db, params.planId) };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/plans/:planId/actions/:number/owners/:accountId",
      operationId: "assignActionOwner",
      summary: "Make an account an owner of an action",
      description: "Idempotent. The account needs the action_owner role or above.",
      tags: ["owners"],
      access: "plan_manager",
      params: ownerParams,
      responses: {
        200: { description: "The assignment", schema: z.object({ owner: actionOwnerSchema }) },
        ...errorResponses(400, 401, 403, 404, 409),
      },
      handler: async ({ params, request, principal }) => ({
        owner: await assignActionOwner(
          db,
          { planId: params.planId, actionNumber: params.number, accountId: params.accountId },
          acting(request, principal!, clock),
        ),
      }),
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/plans/:planId/actions/:number/owners/:accountId",
      operationId: "unassignActionOwner",
      summary: "Remove an owner from an action",
      tags: ["owners"],
      access: "plan_manager",
      params: ownerParams,
      responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404) },
      handler: async ({ params, request, principal }, reply) => {
        await unassignActionOwner(
          db,
          { planId: params.planId, actionNumber: params.number, accountId: params.accountId },
          acting(request, principal!, clock),
        );
        return reply.status(204).send();
      },
    }),
  ];
}
