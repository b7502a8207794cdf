import type { FastifyInstance } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { statusOf } from "../../errors.js";
import { ErrorPage } from "../error.page.js";
import { accountText, sendAccountPage, type AccountPageDeps } from "./account-context.js";
import { registerAdminPages } from "./admin-pages.routes.js";
import { AccountMessagePage } from "./messages.page.js";
import { registerMyAccountPages } from "./my-account.routes.js";
import { registerSessionPages } from "./session-pages.routes.js";

/** Form posts are small: a few fields and the CSRF token. */
const FORM_LIMIT = 16 * 1024;

/**
 * The account pages: sign-in, setup, my account, account administration, the audit log. Forms
 * post `application/x-www-form-urlencoded` (parsed only in this scope: the API stays JSON), work
 * without JavaScript, and carry the session's CSRF token, which the request guard checks.
 *
 * @example
 * await registerAccountPages(app, { db, clock, auth, sessionPolicy, context: pages.context });
 */
export async function registerAccountPages(app: FastifyInstance, deps: AccountPageDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.setErrorHandler(async (error, request, reply) => {
      const ctx = deps.context(request, reply);
      const a = accountText(ctx);
      if (error instanceof DomainError) {
        const status = statusOf(error);
        const message = /CSRF/.test(error.message)
          ? a.csrfFailed
          : /cross-site/.test(error.message)
            ? a.crossSite
            : error.message;
        const title =
          status === 403 ? a.forbiddenTitle : status === 404 ? ctx.t.notFoundTitle : ctx.t.badRequestTitle;
        return sendAccountPage(
          reply,
          <AccountMessagePage ctx={ctx} viewer={null} title={title} message={message} status={status} />,
          status,
        );
      }
      const status = (error as { statusCode?: number }).statusCode;
      const code = (error as { code?: string }).code ?? "";
      if (typeof status === "number" && status >= 400 && status < 500 && code.startsWith("FST_")) {
        return sendAccountPage(reply, <ErrorPage ctx={ctx} status={status} />, status);
      }
      request.log.error({ err: error }, "account page failed");
      return sendAccountPage(reply, <ErrorPage ctx={ctx} status={500} />, 500);
    });
    registerSessionPages(scope, deps);
    registerMyAccountPages(scope, deps);
    registerAdminPages(scope, deps);
  });
}
