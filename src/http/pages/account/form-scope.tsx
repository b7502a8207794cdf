import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { statusOf } from "../../errors.js";
import type { PageContext } from "../context.js";
import { ErrorPage } from "../error.page.js";
import { accountText, sendAccountPage, type Viewer } from "./account-context.js";
import { AccountMessagePage } from "./messages.page.js";

export interface FormScopeOptions {
  /** Largest form body, in bytes. */
  limit: number;
  context: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  /** Who is signed in, for the bar of an error page; none when left out. */
  viewer?: (request: FastifyRequest) => Promise<Viewer | null>;
  /** 404 as the plain "not found" page rather than a message page. */
  plainNotFound?: boolean;
  /** Names the pages in the log when something fails. */
  label: string;
  /** Keep every value of a repeated field (checkboxes) as an array; otherwise the last one wins. */
  repeated?: boolean;
}

/** A urlencoded body as an object: one value a string, a repeated field's values an array. */
export function parseFormBody(body: string, repeated: boolean): Record<string, string | string[]> {
  const params = new URLSearchParams(body);
  if (!repeated) return Object.fromEntries(params);
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/**
 * Makes a Fastify scope one of signed-in pages with forms: parses
 * `application/x-www-form-urlencoded` bodies (only in this scope: the API stays JSON) and answers
 * every error with a page: a refused request with its reason in words (CSRF and cross-site
 * refusals in the page's language), a framework 4xx with its page, anything else with a 500 page
 * and the error in the log only.
 */
export function useFormScope(scope: FastifyInstance, options: FormScopeOptions): void {
  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: options.limit },
    (_request, body, done) => done(null, parseFormBody(body as string, options.repeated ?? false)),
  );
  scope.setErrorHandler(async (error, request, reply) => {
    const ctx = options.context(request, reply);
    const a = accountText(ctx);
    if (error instanceof DomainError) {
      const status = statusOf(error);
      if (status === 404 && options.plainNotFound)
        return sendAccountPage(reply, <ErrorPage ctx={ctx} status={404} />, 404);
      const message = /CSRF/.test(error.message)
        ? a.csrfFailed
        : /cross-site/.test(error.message)
          ? a.crossSite
          : error.message;
      const title =
        status === 403 ? a.forbiddenTitle : status === 404 ? ctx.t.notFoundTitle : ctx.t.badRequestTitle;
      const viewer = options.viewer ? await options.viewer(request).catch(() => null) : null;
      return sendAccountPage(
        reply,
        <AccountMessagePage ctx={ctx} viewer={viewer} title={title} message={message} status={status} />,
        status,
      );
    }
    const status = (error as { statusCode?: number }).statusCode;
    const code = (error as { code?: string }).code ?? "";
    if (typeof status === "number" && status >= 400 && status < 500 && code.startsWith("FST_")) {
      return sendAccountPage(reply, <ErrorPage ctx={ctx} status={status} />, status);
    }
    request.log.error({ err: error }, `${options.label} failed`);
    return sendAccountPage(reply, <ErrorPage ctx={ctx} status={500} />, 500);
  });
}
