import { z } from "zod";
import { getActionForEdit, updateAction } from "../../core/plan/plan.edit.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { actionSchema } from "../../core/plan/plan.schema.js";
import { actorLabel, auditActorOf } from "../../core/review/review.permissions.js";
import { actorOf, errorResponses, planParams, positiveInt, savedVersionSchema } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

const actionParams = planParams.extend({ number: positiveInt("an action number") });

/** Plan managers edit an action directly (names, schedule, indicators' definitions …). */
export function actionEditApiRoutes(deps: { db: Db }): ApiRoute[] {
  const { db } = deps;
  const errors = errorResponses(400, 401, 403, 404, 409);
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/plans/:planId/actions/:number/edit",
      operationId: "getActionForEdit",
      summary: "An action with the version an edit starts from",
      tags: ["actions"],
      access: "plan_manager",
      params: actionParams,
      responses: {
        200: {
          description: "The action and its version",
          schema: z.object({ action: actionSchema, version: z.number().int() }),
        },
        ...errors,
      },
      handler: async ({ params }) => getActionForEdit(db, params.planId, params.number),
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/plans/:planId/actions/:number",
      operationId: "updateAction",
      summary: "Replace an action (refused with the other change when someone saved first)",
      tags: ["actions"],
      access: "plan_manager",
      params: actionParams,
      body: z.strictObject({ baseVersion: z.number().int().min(1), action: z.unknown() }),
      responses: {
        200: {
          description: "The saved version",
          schema: savedVersionSchema,
        },
        ...errors,
      },
      handler: async ({ params, body, principal }) =>
        db.transaction().execute((trx) =>
          updateAction(trx, params.planId, params.number, body, {
            actor: actorLabel(actorOf(principal)),
            audit: auditActorOf(actorOf(principal)),
            source: "edit",
          }),
        ),
    }),
  ];
}
