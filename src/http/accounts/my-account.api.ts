import { z } from "zod";
import { actionsOwnedBy } from "../../core/access/action-owners.js";
import { changeOwnPassword, getAccount } from "../../core/accounts/account.service.js";
import { createSession, type SessionPolicy } from "../../core/accounts/session.service.js";
import {
  createAccessToken,
  listAccessTokens,
  newTokenSchema,
  revokeAccessToken,
} from "../../core/accounts/token.service.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import { csrfTokenFor } from "../auth/authenticator.js";
import { setSessionCookie } from "../auth/cookies.js";
import {
  accessTokenSchema,
  accountSchema,
  acting,
  actionOwnerSchema,
  passwordField,
  requireSession,
  SMALL_BODY,
} from "./account.schemas.js";

const tokenIdParams = z.strictObject({
  tokenId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "must be a token id"),
});

/** The signed-in person's own account: profile, assignments, password, access tokens. */
export function myAccountApiRoutes(deps: { db: Db; clock: Clock; sessionPolicy: SessionPolicy }): ApiRoute[] {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/account",
      operationId: "getMyAccount",
      summary: "My account and the actions assigned to me",
      tags: ["account"],
      access: "viewer",
      allowPendingPasswordChange: true,
      responses: {
        200: {
          description: "The account",
          schema: z.object({ account: accountSchema, ownedActions: z.array(actionOwnerSchema) }),
        },
        ...errorResponses(401),
      },
      handler: async ({ principal }) => ({
        account: await getAccount(db, principal!.accountId),
        ownedActions: await actionsOwnedBy(db, principal!.accountId),
      }),
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/account/password",
      operationId: "changeMyPassword",
      summary: "Change my password",
      description:
        "Needs the current password. Ends every session of the account and starts a new one for this " +
        "browser (new cookie, new CSRF token).",
      tags: ["account"],
      access: "viewer",
      allowPendingPasswordChange: true,
      bodyLimit: SMALL_BODY,
      body: z.strictObject({ currentPassword: passwordField, newPassword: passwordField }),
      responses: {
        200: {
          description: "Changed; signed in afresh",
          schema: z.object({ account: accountSchema, csrfToken: z.string() }),
        },
        ...errorResponses(400, 401, 403),
      },
      handler: async ({ body, request, principal }, reply) => {
        requireSession(principal!);
        const account = await changeOwnPassword(
          db,
          principal!.accountId,
          { current: body.currentPassword, next: body.newPassword },
          acting(request, principal!, clock),
        );
        const session = await createSession(
          db,
          account.id,
          { ip: request.ip, userAgent: request.headers["user-agent"] ?? null },
          deps.sessionPolicy,
          clock,
        );
        setSessionCookie(request, reply, session.token, deps.sessionPolicy.absoluteMs);
        return { account, csrfToken: csrfTokenFor(session.token) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/account/tokens",
      operationId: "listMyTokens",
      summary: "My personal access tokens (never their secrets)",
      tags: ["tokens"],
      access: "viewer",
      responses: {
        200: {
          description: "Tokens, newest first",
          schema: z.object({ tokens: z.array(accessTokenSchema) }),
        },
        ...errorResponses(401),
      },
      handler: async ({ principal }) => ({ tokens: await listAccessTokens(db, principal!.accountId, clock) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/account/tokens",
      operationId: "createMyToken",
      summary: "Create a personal access token",
      description:
        "The response holds the secret (`secret`): it is shown this once and cannot be read again. Send it as " +
        "`Authorization: Bearer <secret>`. A read token may only make GET requests; a token acts with the " +
        "role of its account. Needs a signed-in session.",
      tags: ["tokens"],
      access: "viewer",
      bodyLimit: SMALL_BODY,
      body: newTokenSchema,
      responses: {
        201: {
          description: "Created",
          schema: z.object({ token: accessTokenSchema, secret: z.string() }).meta({ id: "NewAccessToken" }),
        },
        ...errorResponses(400, 401, 403),
      },
      handler: async ({ body, request, principal }, reply) => {
        requireSession(principal!);
        const created = await createAccessToken(
          db,
          principal!.accountId,
          body,
          acting(request, principal!, clock),
        );
        reply.header("cache-control", "no-store");
        return reply.status(201).send(created);
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/account/tokens/:tokenId",
      operationId: "revokeMyToken",
      summary: "Revoke one of my access tokens",
      tags: ["tokens"],
      access: "viewer",
      params: tokenIdParams,
      responses: {
        200: { description: "Revoked", schema: z.object({ token: accessTokenSchema }) },
        ...errorResponses(401, 403, 404),
      },
      handler: async ({ params, request, principal }) => ({
        token: await revokeAccessToken(
          db,
          principal!.accountId,
          params.tokenId,
          acting(request, principal!, clock),
        ),
      }),
    }),
  ];
}

export { tokenIdParams };
