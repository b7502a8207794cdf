import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The session cookie. Over TLS it gets the `__Host-` prefix, which browsers accept only with
 * Secure, Path=/ and no Domain: no subdomain or plain-HTTP page can set or overwrite it.
 */
export function sessionCookieName(request: FastifyRequest): string {
  return isSecure(request) ? "__Host-shinko_session" : "shinko_session";
}

/** True when the client reached us over TLS (directly, or through a proxy trusted by TRUST_PROXY). */
export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === "https";
}

/** One cookie's value from the Cookie header, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // Our values are base64url; anything else is not ours and is ignored.
    return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;
  }
  return undefined;
}

function serialize(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  return [
    `${sessionCookieName(request)}=${value}`,
    "Path=/",
    `Max-Age=${maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(isSecure(request) ? ["Secure"] : []),
  ].join("; ");
}

/** Sets the session cookie; it lives as long as the session can (the server enforces the rest). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
): void {
  reply.header("set-cookie", serialize(request, token, Math.floor(maxAgeMs / 1000)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("set-cookie", serialize(request, "", 0));
}
