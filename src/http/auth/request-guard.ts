import type { FastifyInstance, FastifyRequest } from "fastify";
import { equalSecrets } from "../../core/accounts/secret.js";
import { DomainError } from "../../core/errors.js";
import { csrfTokenFor, type RequestAuth } from "./authenticator.js";

/** Methods that only read. Everything else changes state and is guarded here. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** The header API clients send the CSRF token in; HTML forms send it as the `_csrf` field. */
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

function sentCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === "string") return header;
  const body = request.body;
  if (body && typeof body === "object" && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** True when the browser says the request came from another site. */
function crossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite === "cross-site") return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === "null") return true;
  try {
    // Through URL on both sides, so default ports compare equal (localhost:80 = localhost).
    return new URL(origin).host !== new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return true;
  }
}

/**
 * Guards every state-changing request (any method but GET, HEAD, OPTIONS), on every route:
 * - a request with a bearer token carries no ambient credentials, so it needs no CSRF token, but
 *   a read token may not change anything;
 * - otherwise a request from another site (Origin, Sec-Fetch-Site) is refused, which also stops
 *   signing a victim into someone else's account;
 * - a request with a live session cookie must carry the session's CSRF token (header
 *   X-CSRF-Token or form field _csrf).
 */
export function installRequestGuard(
  app: FastifyInstance,
  resolve: (request: FastifyRequest) => Promise<RequestAuth>,
): void {
  app.addHook("preHandler", async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const auth = await resolve(request);
    if (auth.via === "token") {
      if (auth.principal.tokenScope !== "write") {
        throw new DomainError("forbidden", "this access token has the read scope: it cannot change anything");
      }
      return;
    }
    if (auth.via === "bad_token") return; // the route answers 401
    if (crossSite(request)) throw new DomainError("forbidden", "cross-site request refused");
    if (auth.via === "session") {
      const sent = sentCsrfToken(request);
      if (sent === undefined || !equalSecrets(sent, csrfTokenFor(auth.sessionToken))) {
        throw new DomainError("forbidden", "missing or wrong CSRF token: reload the page and try again");
      }
    }
  });
}
