import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Scripts and styles only from this origin; no inline scripts, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Browsers that reached us over TLS keep to HTTPS for a year (only sent over TLS, as RFC 6797 asks). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

const SESSION_COOKIE = /(^|;\s*)(__Host-)?shinko_session=/;

/** A bearer token or the session cookie came in, or the session cookie goes out. */
function carriesCredentials(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.headers.authorization !== undefined) return true;
  if (SESSION_COOKIE.test(request.headers.cookie ?? "")) return true;
  return [reply.getHeader("set-cookie") ?? []].flat().some((c) => SESSION_COOKIE.test(String(c)));
}

/** Sets the security headers on a reply (see {@link installSecurityHeaders}). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (request.protocol === "https") reply.header("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  if (carriesCredentials(request, reply)) {
    const policy = reply.getHeader("cache-control");
    if (policy === undefined) reply.header("cache-control", "no-store");
    else if (!/\b(private|no-store|public)\b/.test(String(policy))) {
      reply.header("cache-control", `private, ${String(policy)}`);
    }
  }
  reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "strict-origin-when-cross-origin");
  reply.header("x-frame-options", "DENY");
  reply.header("cross-origin-opener-policy", "same-origin");
  reply.header("permissions-policy", "camera=(), microphone=(), geolocation=()");
}

/**
 * Headers on every response, errors and 404s included. HSTS only when the request came over TLS
 * (directly, or through a proxy trusted by TRUST_PROXY). Responses to a request that carried
 * credentials, or that set the session cookie, are never stored by shared caches: no-store, or the
 * route's own policy made private unless it declared the content public (hashed assets). Errors raised before routing do not pass through hooks; the framework error
 * handler (errors.ts) applies the same headers itself.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });
}
