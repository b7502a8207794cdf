import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { validationError } from "../../core/errors.js";
import { toIssues } from "../../core/validation.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** JSON body schema; leave out for non-JSON bodies and give contentType instead. */
  schema?: z.ZodType;
  contentType?: string;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRoute<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  /** Fastify path syntax: /api/v1/plans/:planId */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
  handler: (
    input: { params: Infer<P>; query: Infer<Q>; body: Infer<B>; request: FastifyRequest },
    reply: FastifyReply,
  ) => Promise<unknown>;
}

/** Keeps the generic parameters of one route definition while collecting them in a list. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(route: ApiRoute<P, Q, B>): ApiRoute {
  return route;
}

function parsePart(schema: z.ZodType | undefined, input: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationError(toIssues(result.error, prefix));
  return result.data;
}

/**
 * Registers API routes on Fastify. The same zod schemas validate the request here and describe
 * it in the OpenAPI document (see openapi.ts), so the two cannot drift apart.
 */
export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const params = parsePart(route.params, request.params, "path");
        const query = parsePart(route.query, request.query, "query");
        const body = route.body ? parsePart(route.body, request.body, "body") : undefined;
        return route.handler({ params, query, body, request }, reply);
      },
    });
  }
}
