import { z } from "zod";
import {
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  updateAccount,
} from "../../core/accounts/account.service.js";
import { displayNameSchema, emailSchema, roleSchema } from "../../core/accounts/account.model.js";
import { listAccessTokens, revokeAccessToken } from "../../core/accounts/token.service.js";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { errorResponses } from "../api/common.js";
import { defineRoute, type ApiRoute } from "../api/route.js";
import {
  accessTokenSchema,
  accountIdParams,
  accountSchema,
  acting,
  passwordField,
  SMALL_BODY,
} from "./account.schemas.js";
import { tokenIdParams } from "./my-account.api.js";

/** Account management for administrators. */
export function accountsApiRoutes(deps: { db: Db; clock: Clock }): ApiRoute[] {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/accounts",
      operationId: "listAccounts",
      summary: "Every account",
      tags: ["accounts"],
      access: "admin",
      responses: {
        200: { description: "Accounts by e-mail", schema: z.object({ accounts: z.array(accountSchema) }) },
        ...errorResponses(401, 403),
      },
      handler: async () => ({ accounts: await listAccounts(db) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/accounts",
      operationId: "createAccount",
      summary: "Create an account",
      description:
        "The administrator chooses a first password and passes it on; its owner must replace it at the first " +
        "sign-in. There are no default passwords.",
      tags: ["accounts"],
      access: "admin",
      bodyLimit: SMALL_BODY,
      body: z.strictObject({
        email: emailSchema,
        displayName: displayNameSchema.optional(),
        role: roleSchema,
        password: passwordField,
      }),
      responses: {
        201: { description: "Created", schema: z.object({ account: accountSchema }) },
        ...errorResponses(400, 401, 403, 409),
      },
      handler: async ({ body, request, principal }, reply) => {
        const account = await createAccount(
          db,
          { ...body, mustChangePassword: true },
          acting(request, principal!, clock),
        );
        return reply.status(201).send({ account });
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/accounts/:accountId",
      operationId: "getAccount",
      summary: "One account",
      tags: ["accounts"],
      access: "admin",
      params: accountIdParams,
      responses: {
        200: { description: "The account", schema: z.object({ account: accountSchema }) },
        ...errorResponses(400, 401, 403, 404),
      },
      handler: async ({ params }) => ({ account: await getAccount(db, params.accountId) }),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/accounts/:accountId",
      operationId: "updateAccount",
      summary: "Change an account's name, role, or disable/enable it",
      description:
        "Each change is audited. Disabling ends the account's sessions and stops its tokens. The last active " +
        "administrator can be neither demoted nor disabled (409).",
      tags: ["accounts"],
      access: "admin",
      params: accountIdParams,
      bodyLimit: SMALL_BODY,
      body: z.strictObject({
        displayName: displayNameSchema.optional(),
        role: roleSchema.optional(),
        disabled: z.boolean().optional(),
      }),
      responses: {
        200: { description: "The changed account", schema: z.object({ account: accountSchema }) },
        ...errorResponses(400, 401, 403, 404, 409),
      },
      handler: async ({ params, body, request, principal }) => ({
        account: await updateAccount(db, params.accountId, body, acting(request, principal!, clock)),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/accounts/:accountId/password-reset",
      operationId: "resetPassword",
      summary: "Set a new password for an account",
      description:
        "For someone who forgot theirs. Ends the account's sessions and lifts a sign-in lock; the owner must " +
        "replace the password at the next sign-in.",
      tags: ["accounts"],
      access: "admin",
      params: accountIdParams,
      bodyLimit: SMALL_BODY,
      body: z.strictObject({ newPassword: passwordField }),
      responses: {
        200: { description: "Reset", schema: z.object({ account: accountSchema }) },
        ...errorResponses(400, 401, 403, 404),
      },
      handler: async ({ params, body, request, principal }) => ({
        account: await resetPassword(
          db,
          params.accountId,
          body.newPassword,
          acting(request, principal!, clock),
        ),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/accounts/:accountId/tokens",
      operationId: "listAccountTokens",
      summary: "An account's access tokens",
      tags: ["accounts", "tokens"],
      access: "admin",
      params: accountIdParams,
      responses: {
        200: {
          description: "Tokens, newest first",
          schema: z.object({ tokens: z.array(accessTokenSchema) }),
        },
        ...errorResponses(400, 401, 403, 404),
      },
      handler: async ({ params }) => {
        await getAccount(db, params.accountId);
        return { tokens: await listAccessTokens(db, params.accountId, clock) };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/v1/accounts/:accountId/tokens/:tokenId",
      operationId: "revokeAccountToken",
      summary: "Revoke an account's access token",
      tags: ["accounts", "tokens"],
      access: "admin",
      params: accountIdParams.extend(tokenIdParams.shape),
      responses: {
        200: { description: "Revoked", schema: z.object({ token: accessTokenSchema }) },
        ...errorResponses(400, 401, 403, 404),
      },
      handler: async ({ params, request, principal }) => ({
        token: await revokeAccessToken(
          db,
          params.accountId,
          params.tokenId,
          acting(request, principal!, clock),
        ),
      }),
    }),
  ];
}
