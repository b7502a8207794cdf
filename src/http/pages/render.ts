import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";

/**
 * Renders a page to an HTML document. Preact escapes every text and attribute value, so data
 * is always shown as text; no page uses dangerouslySetInnerHTML.
 */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}

/** Sends a rendered page. Pages depend on the language cookie, so caches must vary on it. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header("cache-control", "no-cache")
    .header("vary", "Cookie")
    .type("text/html; charset=utf-8")
    .send(renderDocument(page));
}
