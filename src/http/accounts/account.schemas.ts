import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Principal } from "../../core/access/roles.js";
import { ROLES } from "../../core/access/roles.js";
import type { Acting } from "../../core/accounts/account.service.js";
import { actorOf } from "../../core/audit/audit.js";
import type { Clock } from "../../core/clock.js";
import { DomainError } from "../../core/errors.js";

/** Response and request schemas shared by the account, session and token routes. */
export const accountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: "Account" });

export const accessTokenSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    name: z.string(),
    scope: z.enum(["read", "write"]),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "AccessToken" });

export const actionOwnerSchema = z
  .object({
    planId: z.string(),
    actionNumber: z.number().int(),
    accountId: z.string(),
    email: z.string(),
    displayName: z.string(),
    assignedAt: z.string(),
  })
  .meta({ id: "ActionOwner" });

/** A password field: any text, length checked by the password rules (which name the field). */
export const passwordField = z.string().max(1024, "is too long");

export const accountIdParams = z.strictObject({
  accountId: z.uuid({ message: "must be an account id" }),
});

/** Small JSON bodies only: these routes never take uploads. */
export const SMALL_BODY = 16 * 1024;

/** Who acts, from where, with the app's clock: for audited changes made through HTTP. */
export function acting(request: FastifyRequest, principal: Principal, clock: Clock): Acting {
  return { actor: actorOf(principal), ip: request.ip, clock };
}

/** Some changes need a person at a browser, not an integration's token. */
export function requireSession(principal: Principal): void {
  if (principal.tokenId !== undefined) {
    throw new DomainError("forbidden", "this needs a signed-in session; an access token cannot do it");
  }
}
