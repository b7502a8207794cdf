import { z } from "zod";
import { getAccount } from "../../core/accounts/account.service.js";
import { listSessions, revokeSession, type SessionPolicy } from "../../core/accounts/session.service.js";
import { signOut, signOutEverywhere } from "../../core/accounts/sign-out.service.js";
import { signIn, type SignInOptions } from "../../core/accounts/sign-in.service.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { accountSchema, passwordField, requireSession, SMALL_BODY } from "../accounts/account.schemas.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import { csrfTokenFor, type RequestAuth } from "./authenticator.js";
import { clearSessionCookie, setSessionCookie } from "./cookies.js";
import type { FastifyRequest } from "fastify";

export interface SessionApiDeps {
  db: Db;
  clock: Clock;
  sessionPolicy: SessionPolicy;
  signInOptions?: SignInOptions;
  resolve: (request: FastifyRequest) => Promise<RequestAuth>;
}

const sessionSchema = z
  .object({
    account: accountSchema,
    via: z.enum(["session", "token"]),
    csrfToken: z.string().optional().meta({
      description: "Send it as X-CSRF-Token (or form field _csrf) with every request that changes something",
    }),
  })
  .meta({ id: "Session" });

const sessionListSchema = z.object({
  sessions: z.array(
    z.object({
      current: z.boolean(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});

/** Sign-in, the current session, sign-out and sign-out everywhere. */
export function sessionApiRoutes(deps: SessionApiDeps): ApiRoute[] {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/session",
      operationId: "signIn",
      summary: "Sign in with e-mail and password",
      description:
        "Starts a new session (always a new id; a session the request carried ends) and sets the session " +
        "cookie. Five wrong passwords for an e-mail address, or thirty from one client address, lock further tries for 15 " +
        "minutes (429 with Retry-After).",
      tags: ["session"],
      access: "public",
      bodyLimit: SMALL_BODY,
      body: z.strictObject({ email: z.string().max(254), password: passwordField }),
      responses: {
        200: { description: "Signed in; the cookie is set", schema: sessionSchema },
        ...errorResponses(400, 401, 403, 429),
      },
      handler: async ({ body, request }, reply) => {
        const previous = await deps.resolve(request);
        const { account, session } = await signIn(
          db,
          {
            email: body.email,
            password: body.password,
            ip: request.ip,
            userAgent: request.headers["user-agent"],
          },
          { ...deps.signInOptions, clock, session: deps.sessionPolicy },
        );
        if (previous.via === "session") await revokeSession(db, previous.principal.sessionId!);
        setSessionCookie(request, reply, session.token, deps.sessionPolicy.absoluteMs);
        return { account, via: "session" as const, csrfToken: csrfTokenFor(session.token) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/session",
      operationId: "getSession",
      summary: "Who is signed in, and the CSRF token of the session",
      tags: ["session"],
      access: "viewer",
      allowPendingPasswordChange: true,
      responses: {
        200: { description: "The signed-in account", schema: sessionSchema },
        ...errorResponses(401),
      },
      handler: async ({ request, principal }) => {
        const auth = await deps.resolve(request);
        const account = await getAccount(db, principal!.accountId);
        return auth.via === "session"
          ? { account, via: "session" as const, csrfToken: csrfTokenFor(auth.sessionToken) }
          : { account, via: "token" as const };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/session",
      operationId: "signOut",
      summary: "Sign out (end this session)",
      tags: ["session"],
      access: "viewer",
      allowPendingPasswordChange: true,
      responses: { 204: { description: "Signed out; the cookie is cleared" }, ...errorResponses(401, 403) },
      handler: async ({ request, principal }, reply) => {
        requireSession(principal!);
        await signOut(db, principal!, { ip: request.ip, clock });
        clearSessionCookie(request, reply);
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/account/sessions",
      operationId: "listMySessions",
      summary: "My sessions: where and since when I am signed in",
      tags: ["session"],
      access: "viewer",
      responses: { 200: { description: "Sessions, the latest active first", schema: sessionListSchema } },
      handler: async ({ principal }) => {
        const sessions = await listSessions(db, principal!.accountId);
        return {
          sessions: sessions.map(({ id, ...rest }) => ({ current: id === principal!.sessionId, ...rest })),
        };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/account/sessions",
      operationId: "signOutEverywhere",
      summary: "Sign out everywhere (end every session of my account)",
      description: "Access tokens are not affected; revoke them separately.",
      tags: ["session"],
      access: "viewer",
      allowPendingPasswordChange: true,
      responses: {
        200: { description: "How many sessions ended", schema: z.object({ ended: z.number().int() }) },
        ...errorResponses(401, 403),
      },
      handler: async ({ request, principal }, reply) => {
        requireSession(principal!);
        const ended = await signOutEverywhere(db, principal!, { ip: request.ip, clock });
        clearSessionCookie(request, reply);
        return { ended };
      },
    }),
  ];
}
