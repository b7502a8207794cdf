import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
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

/** The headers every response carries, whoever answers it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
});

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
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  // Node refuses to send a header with characters beyond Latin-1 and drops the connection: a
  // redirect to a path with Japanese in it must be percent-encoded, whoever built it.
  const location = reply.getHeader("location");
  if (typeof location === "string" && /[^\x21-\x7e]/.test(location)) {
    reply.header(
      "location",
      encodeURI(location.replace(/[\p{Cc}]/gu, "")).replace(/%25([0-9A-Fa-f]{2})/g, "%$1"),
    );
  }
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (a malformed header, a
 * bad Content-Length, headers too large, a client too slow) with the security headers and the
 * JSON error body of every other error; Fastify's default writes a bare reply. For Fastify's
 * `clientErrorHandler` option.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "timeout", "The request took too long."]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "too_large", "The request's headers are too large."]
        : [400, "bad_request", "The request is malformed."];
  const body = JSON.stringify({ error: { code, message } });
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    connection: "close",
    ...SECURITY_HEADERS,
  };
  if (socket.writable) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join("")}\r\n${body}`);
  }
  socket.destroy(error);
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
