import type { FastifyInstance } from "fastify";
import { viewerOf } from "../account/account-context.js";
import { useFormScope } from "../account/form-scope.js";
import { registerCyclePages } from "./cycles.routes.js";
import { registerBindingPages } from "./indicator-source.routes.js";
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
    useFormScope(scope, {
      limit: FORM_LIMIT,
      context: deps.context,
      viewer: (request) => viewerOf(deps, request),
      plainNotFound: true,
      label: "staff page",
    });
    registerCyclePages(scope, deps);
    registerReviewFormPages(scope, deps);
    registerRestorePages(scope, deps);
    registerProposalPages(scope, deps);
    registerBindingPages(scope, deps);
  });
}
