import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { validationError } from "../core/errors.js";
import { brokenTextIssues } from "../core/validation.js";
import type { PageContext } from "./pages/context.js";
import { ErrorPage } from "./pages/error.page.js";
import { sendPage } from "./pages/render.js";

const isForm = (request: FastifyRequest) =>
  (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");

/**
 * Refuses, before any handler runs, a query string, form or JSON body holding text no database
 * can store (U+0000, unpaired surrogates: see core/validation.ts), with a 400 that names the
 * field (`query.q`, `body.email`, the form field's name). PostgreSQL answered such text with a
 * 500 and SQLite stored it; now both refuse it alike. API routes answer JSON; pages, a page.
 * Uploaded files arrive as bytes and are checked by the importers, which name the row and column.
 */
export function installUnstorableInputGuard(
  app: FastifyInstance,
  pageContext: (request: FastifyRequest, reply: FastifyReply) => PageContext,
): void {
  app.addHook("preValidation", async (request, reply) => {
    const body = request.body;
    const bodyIssues =
      body !== null && typeof body === "object" && !Buffer.isBuffer(body)
        ? brokenTextIssues(body, isForm(request) ? "" : "body")
        : [];
    const issues = [...brokenTextIssues(request.query, "query"), ...bodyIssues];
    if (issues.length === 0) return;
    const error = validationError(issues);
    if (request.url.startsWith("/api/")) throw error;
    const ctx = pageContext(request, reply);
    return sendPage(reply, <ErrorPage ctx={ctx} status={400} message={error.message} />, 400);
  });
}
