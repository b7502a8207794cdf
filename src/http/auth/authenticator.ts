import type { FastifyRequest } from "fastify";
import { COMPANY_MEMBER, type Principal } from "../../core/access/roles.js";
import { companyOfMember } from "../../core/company-members/membership.js";
import { toRole } from "../../core/accounts/account.model.js";
import { hmac } from "../../core/accounts/secret.js";
import { resolveSession, type SessionPolicy } from "../../core/accounts/session.service.js";
import { resolveAccessToken } from "../../core/accounts/token.service.js";
import type { Clock } from "../../core/clock.js";
import { DomainError } from "../../core/errors.js";
import type { Db } from "../../core/plan/plan.repository.js";
import type { Authenticate } from "../api/route.js";
import { readCookie, sessionCookieName } from "./cookies.js";

/** How a request proved who it is. */
export type RequestAuth =
  | { via: "none"; principal: null }
  | { via: "session"; principal: Principal; sessionToken: string }
  | { via: "token"; principal: Principal }
  /** An Authorization header that does not work: refused with 401 on every route. */
  | { via: "bad_token"; principal: null; reason: string };

export interface AuthDeps {
  db: Db;
  clock: Clock;
  sessionPolicy: SessionPolicy;
}

/** The CSRF token of a session: derived from its secret, so it needs no storage and dies with it. */
export function csrfTokenFor(sessionToken: string): string {
  return hmac(sessionToken, "shinko csrf v1");
}

const TOKEN_PROBLEMS: Record<string, string> = {
  unknown: "the access token is not valid",
  expired: "the access token has expired",
  revoked: "the access token was revoked",
  account_disabled: "the access token's account is disabled",
  malformed: "the Authorization header must be: Bearer <token>",
};

/**
 * Resolves requests to principals from an `Authorization: Bearer` access token or the session
 * cookie (the token wins: a request carrying one is an API call, not a browser's). The result is
 * kept per request, so hooks and routes share one database lookup.
 */
export interface Authenticator {
  /** How the request authenticated (or failed to); computed once per request. */
  resolve: (request: FastifyRequest) => Promise<RequestAuth>;
  /** For registerApiRoutes: the principal, or a 401 for a broken access token. */
  authenticate: Authenticate;
}

export function createAuthenticator(deps: AuthDeps): Authenticator {
  const cache = new WeakMap<FastifyRequest, Promise<RequestAuth>>();

  async function compute(request: FastifyRequest): Promise<RequestAuth> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
      if (!m) return { via: "bad_token", principal: null, reason: "malformed" };
      const resolved = await resolveAccessToken(deps.db, m[1]!, deps.clock);
      if (!resolved.ok) return { via: "bad_token", principal: null, reason: resolved.reason };
      return {
        via: "token",
        principal: await withCompany({
          accountId: resolved.account.id,
          email: resolved.account.email,
          role: toRole(resolved.account.role),
          tokenScope: resolved.token.scope,
          tokenId: resolved.token.id,
        }),
      };
    }
    const token = readCookie(request, sessionCookieName(request));
    if (token === undefined) return { via: "none", principal: null };
    const found = await resolveSession(deps.db, token, deps.sessionPolicy, deps.clock);
    if (!found) return { via: "none", principal: null };
    return {
      via: "session",
      sessionToken: token,
      principal: await withCompany({
        accountId: found.account.id,
        email: found.account.email,
        role: toRole(found.account.role),
        sessionId: found.sessionId,
        ...(found.account.must_change_password === 1 ? { mustChangePassword: true } : {}),
      }),
    };
  }

  /**
   * A company member's principal carries its one company (one indexed read, for members only).
   * A member without a company (its firm was removed) keeps none and so passes no route at all.
   */
  async function withCompany(principal: Principal): Promise<Principal> {
    if (principal.role !== COMPANY_MEMBER) return principal;
    const companyId = await companyOfMember(deps.db, principal.accountId);
    return companyId === null ? principal : { ...principal, companyId };
  }

  function resolve(request: FastifyRequest): Promise<RequestAuth> {
    let result = cache.get(request);
    if (!result) {
      result = compute(request);
      cache.set(request, result);
    }
    return result;
  }

  const authenticate: Authenticate = async (request) => {
    const auth = await resolve(request);
    if (auth.via === "bad_token") {
      throw new DomainError("unauthorized", TOKEN_PROBLEMS[auth.reason] ?? TOKEN_PROBLEMS.unknown!);
    }
    return auth.principal;
  };

  return { resolve, authenticate };
}
