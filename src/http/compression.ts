import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

export type Encoding = "br" | "gzip";

/** The best encoding the client accepts, of the two we keep ready. */
export function negotiate(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

/**
 * A response body kept with its compressed forms, each made once on first use. For bodies that
 * are sent many times unchanged: asset bundles, the serialized plan of a revision, a cached page.
 */
export class Precompressed {
  private readonly variants = new Map<Encoding, Buffer>();

  constructor(readonly identity: Buffer) {}

  get(encoding: Encoding): Buffer {
    let body = this.variants.get(encoding);
    if (!body) {
      body =
        encoding === "br"
          ? brotliCompressSync(this.identity, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.length,
              },
            })
          : gzipSync(this.identity, { level: 9 });
      this.variants.set(encoding, body);
    }
    return body;
  }

  /** Sends the best form the request accepts. Small bodies go as they are. */
  send(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    reply.header("vary", appendVary(reply.getHeader("vary"), "Accept-Encoding"));
    const encoding = this.identity.length >= 1_024 ? negotiate(request.headers["accept-encoding"]) : null;
    if (!encoding) return reply.send(this.identity);
    return reply.header("content-encoding", encoding).send(this.get(encoding));
  }
}

function appendVary(current: unknown, name: string): string {
  const list = typeof current === "string" && current !== "" ? current.split(/\s*,\s*/) : [];
  return list.includes(name) ? list.join(", ") : [...list, name].join(", ");
}
