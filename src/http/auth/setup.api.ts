import { z } from "zod";
import { completeSetup, setupSchema } from "../../core/accounts/setup.service.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { accountSchema, SMALL_BODY } from "../accounts/account.schemas.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

/** The first administrator, created with the one-time token `shinko serve` prints on an empty database. */
export function setupApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/setup",
      operationId: "completeSetup",
      summary: "Create the first administrator with the one-time setup token",
      description:
        "Works once, within 24 hours of the server printing the token, and only while no account exists. " +
        "Sign in afterwards with POST /api/v1/session.",
      tags: ["session"],
      access: "public",
      bodyLimit: SMALL_BODY,
      body: setupSchema,
      responses: {
        201: { description: "The administrator", schema: z.object({ account: accountSchema }) },
        ...errorResponses(400, 403),
      },
      handler: async ({ body, request }, reply) => {
        const account = await completeSetup(deps.db, body, { ip: request.ip, clock: deps.clock });
        return reply.status(201).send({ account });
      },
    }),
  ];
}
