import type { FastifyReply, FastifyRequest } from "fastify";
import { Precompressed } from "../compression.js";

const SESSION_COOKIE = /(^|;\s*)(__Host-)?shinko_session=/;

/** Only anonymous requests share cached pages: signed-in staff always get a fresh page. */
export function isAnonymous(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  return (
    request.headers.authorization === undefined && (cookie === undefined || !SESSION_COOKIE.test(cookie))
  );
}

/**
 * Rendered public pages, keyed by everything they depend on (URL, language, the plan's revision,
 * the current fiscal year), kept with their compressed forms, at most `maxBytes` in all (least
 * recently used first out). A plan's new revision changes the key, so nothing stale is served.
 */
export class PageCache {
  private readonly entries = new Map<string, Precompressed>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Precompressed | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, html: string): Precompressed {
    const body = new Precompressed(Buffer.from(html, "utf8"));
    if (body.identity.length > this.maxBytes / 8) return body;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.identity.length;
    this.entries.set(key, body);
    this.bytes += body.identity.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.identity.length;
    }
    return body;
  }
}

/** Sends a cached page with the headers sendPage gives a fresh one. */
export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Precompressed,
): FastifyReply {
  reply
    .status(200)
    .header("cache-control", "no-cache")
    .header("vary", "Cookie")
    .type("text/html; charset=utf-8");
  return body.send(request, reply);
}
