import { z } from "zod";
import { mayEditAction } from "../../core/access/action-owners.js";
import type { Principal } from "../../core/access/roles.js";
import { DomainError } from "../../core/errors.js";
import { getActionForEdit, updateAction } from "../../core/plan/plan.edit.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { actionSchema } from "../../core/plan/plan.schema.js";
import { actorLabel, auditActorOf } from "../../core/review/review.permissions.js";
import { actorOf, errorResponses, planParams, positiveInt, savedVersionSchema } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

/** Refuses (403) a caller who may not change the action; `reading`: a read token may look. */
async function requireActionEditor(
  db: Db,
  principal: Principal | null,
  planId: string,
  number: number,
  options: { reading?: boolean } = {},
) {
  const asked = principal && options.reading ? { ...principal, tokenScope: undefined } : principal;
  if (!(await mayEditAction(db, asked, planId, number))) {
    throw new DomainError("forbidden", `you are not assigned to action ${number}`);
  }
}

const actionParams = planParams.extend({ number: positiveInt("an action number") });

/**
 * Plan managers edit any action directly (names, schedule, indicators' definitions …); action
 * owners the actions assigned to them (403 for the others), as docs/security.md says.
 */
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
      access: "action_owner",
      params: actionParams,
      responses: {
        200: {
          description: "The action and its version",
          schema: z.object({ action: actionSchema, version: z.number().int() }),
        },
        ...errors,
      },
      handler: async ({ params, principal }) => {
        await requireActionEditor(db, principal, params.planId, params.number, { reading: true });
        return getActionForEdit(db, params.planId, params.number);
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/plans/:planId/actions/:number",
      operationId: "updateAction",
      summary: "Replace an action (refused with the other change when someone saved first)",
      tags: ["actions"],
      access: "action_owner",
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
        db.transaction().execute(async (trx) => {
          // In the write's transaction: an assignment removed meanwhile is seen.
          await requireActionEditor(trx, principal, params.planId, params.number);
          return updateAction(trx, params.planId, params.number, body, {
            actor: actorLabel(actorOf(principal)),
            audit: auditActorOf(actorOf(principal)),
            source: "edit",
          });
        }),
    }),
  ];
}
