import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { allows, type Access, type Principal } from "../../core/access/roles.js";
import { DomainError, validationError } from "../../core/errors.js";
import { toIssues } from "../../core/validation.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The body of a non-JSON answer, as the OpenAPI document describes it. */
export type BodyKind = "text" | "binary";

export interface ResponseSpec {
  description: string;
  /** JSON body schema (application/json); leave out for other bodies and give `content` instead. */
  schema?: z.ZodType;
  /**
   * Every media type the answer may have, each with its body: a zod schema for JSON, "text" or
   * "binary" otherwise. For answers whose type depends on the request (a download's format).
   */
  content?: Record<string, z.ZodType | BodyKind>;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A route that takes a file as the raw request body (not JSON): the bytes reach the handler as they came. */
export interface UploadSpec {
  /** Content types listed in the OpenAPI document; any type is accepted and read as bytes. */
  contentTypes: string[];
  description: string;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The message for a body over the limit (checked from Content-Length before reading). */
  tooLarge: (bytes: number) => string;
}

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
  /** Who may call it. Everything but "public" needs a signed-in account with at least that role. */
  access: Access;
  /**
   * True for the few routes a session may use while its password must be changed (after a reset
   * by an administrator): reading the own account, changing the password, signing out.
   */
  allowPendingPasswordChange?: boolean;
  /**
   * Public routes only: still look up who is signed in (session or token) and hand the handler
   * that principal, or null for an anonymous caller. For downloads the audit log records.
   */
  identify?: boolean;
  /** Largest request body for this route, in bytes, when smaller than the app's BODY_LIMIT. */
  bodyLimit?: number;
  params?: P;
  query?: Q;
  body?: B;
  upload?: UploadSpec;
  responses: Record<number, ResponseSpec>;
  handler: (
    input: {
      params: Infer<P>;
      query: Infer<Q>;
      body: Infer<B>;
      /** The request body's bytes, for upload routes. */
      raw: Buffer | undefined;
      request: FastifyRequest;
      /** The signed-in account (null on public routes, which do not look). */
      principal: Principal | null;
    },
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
  const value = input ?? {};
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(toIssues(result.error, prefix, value));
  return result.data;
}

/**
 * Finds the account behind a request (session cookie or access token). The default knows no
 * accounts, so only public routes answer: access is denied by default. It may throw (an
 * unauthorized DomainError) when the request carries credentials that do not work.
 */
export type Authenticate = (request: FastifyRequest) => Promise<Principal | null>;

export const noAccounts: Authenticate = async () => null;

/** Refuses a request the principal may not make: 401 when not signed in, 403 when the role is too low. */
export function checkAccess(access: Access, principal: Principal | null): void {
  if (allows(principal, access)) return;
  if (!principal) throw new DomainError("unauthorized", "sign in to do this");
  throw new DomainError("forbidden", `this needs the ${access} role`);
}

function checkPendingPasswordChange(route: ApiRoute, principal: Principal | null): void {
  if (!principal?.mustChangePassword || route.access === "public" || route.allowPendingPasswordChange) return;
  throw new DomainError(
    "forbidden",
    "your password was reset by an administrator: change it first (PUT /api/v1/account/password)",
  );
}

/**
 * Registers API routes on Fastify. The same zod schemas validate the request here and describe
 * it in the OpenAPI document (see openapi.ts), so the two cannot drift apart.
 */
export function registerApiRoutes(
  app: FastifyInstance,
  routes: readonly ApiRoute[],
  authenticate: Authenticate = noAccounts,
): void {
  const principals = new WeakMap<FastifyRequest, Principal | null>();
  const add = (scope: FastifyInstance, route: ApiRoute) => {
    const upload = route.upload;
    scope.route({
      method: route.method,
      url: route.url,
      ...(upload
        ? { bodyLimit: upload.maxBytes }
        : route.bodyLimit !== undefined
          ? { bodyLimit: route.bodyLimit }
          : {}),
      // Access first, then the size: a stranger learns nothing, and nobody waits for a body that is refused.
      onRequest: async (request) => {
        // Public routes do not look up the account: the whole-plan API stays one indexed read.
        // A request that sends an access token has it checked all the same, so a broken token
        // gets a 401 that says why instead of quietly public data.
        let principal: Principal | null = null;
        if (route.access !== "public") principal = await authenticate(request);
        else if (route.identify) principal = await authenticate(request);
        else if (request.headers.authorization !== undefined) await authenticate(request);
        if (route.access !== "public") checkAccess(route.access, principal);
        checkPendingPasswordChange(route, principal);
        principals.set(request, principal);
        const length = Number(request.headers["content-length"] ?? 0);
        if (upload && length > upload.maxBytes) throw new DomainError("too_large", upload.tooLarge(length));
      },
      handler: async (request, reply) => {
        const params = parsePart(route.params, request.params, "path");
        const query = parsePart(route.query, request.query, "query");
        const body = route.body ? parsePart(route.body, request.body, "body") : undefined;
        const raw = upload ? (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)) : undefined;
        const principal = principals.get(request) ?? null;
        return route.handler({ params, query, body, raw, request, principal }, reply);
      },
    });
  };
  for (const route of routes) if (!route.upload) add(app, route);
  const uploads = routes.filter((r) => r.upload);
  if (uploads.length > 0) {
    // Upload routes read every body as bytes, in their own scope so other routes keep JSON parsing.
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
      for (const route of uploads) add(scope, route);
    });
  }
}
