import { z } from "zod";
import type { Db } from "../../core/plan/plan.repository.js";
import { searchAllPlans } from "../../core/search/search.repository.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";

export function searchApiRoutes(deps: { db: Db }): ApiRoute[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/search",
      operationId: "searchAllPlans",
      summary: "Actions of every plan on this server that match a query",
      description:
        "Every word must occur; full-width/half-width and case are ignored; two-character words work.",
      tags: ["search"],
      access: "public",
      query: z.strictObject({
        q: z.string().trim().min(1, "must not be empty").max(500),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      responses: {
        200: {
          description: "Matches across plans",
          schema: z.object({
            total: z.number().int(),
            totalIsLowerBound: z
              .boolean()
              .meta({ description: "True when there are more matches than total (counting stops at 1,000)" }),
            hits: z.array(
              z.object({
                planId: z.string(),
                municipality: z.string(),
                number: z.number().int(),
                name: z.string(),
                measure: z.string(),
              }),
            ),
          }),
        },
        ...errorResponses(400),
      },
      handler: async ({ query }) =>
        searchAllPlans(deps.db, query.q, { limit: query.limit, offset: query.offset }),
    }),
  ];
}
