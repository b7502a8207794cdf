import type { FastifyInstance } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { statusOf } from "../../errors.js";
import { accountText, sendAccountPage, viewerOf } from "../account/account-context.js";
import { AccountMessagePage } from "../account/messages.page.js";
import { ErrorPage } from "../error.page.js";
import { registerCyclePages } from "./cycles.routes.js";
import { registerProposalPages } from "./proposals.routes.js";
import { registerRestorePages } from "./restore.routes.js";
import { registerReviewFormPages } from "./review-form.routes.js";
import type { StaffPageDeps } from "./staff-context.js";

/** A review form carries up to three long texts (20,000 characters each, 3 bytes a character). */
const FORM_LIMIT = 256 * 1024;

/**
 * The staff pages of the yearly review: the dashboard of cycles, the review form of an action,
 * restoring an action's version, and the indicator proposals. Signed-in pages (session only),
 * forms that post `application/x-www-form-urlencoded` with the session's CSRF token and work
 * without JavaScript; never cached.
 *
 * @example
 * await registerReviewStaffPages(app, { db, clock, auth, sessionPolicy, context, plans, owns });
 */
export async function registerReviewStaffPages(app: FastifyInstance, deps: StaffPageDeps): Promise<void> {
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
        if (status === 404) return sendAccountPage(reply, <ErrorPage ctx={ctx} status={404} />, 404);
        const message = /CSRF/.test(error.message)
          ? a.csrfFailed
          : /cross-site/.test(error.message)
            ? a.crossSite
            : error.message;
        const title = status === 403 ? a.forbiddenTitle : ctx.t.badRequestTitle;
        const viewer = await viewerOf(deps, request).catch(() => null);
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
      request.log.error({ err: error }, "staff page failed");
      return sendAccountPage(reply, <ErrorPage ctx={ctx} status={500} />, 500);
    });
    registerCyclePages(scope, deps);
    registerReviewFormPages(scope, deps);
    registerRestorePages(scope, deps);
    registerProposalPages(scope, deps);
  });
}
