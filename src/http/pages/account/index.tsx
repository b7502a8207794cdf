import type { FastifyInstance } from "fastify";
import type { AccountPageDeps } from "./account-context.js";
import { registerAdminPages } from "./admin-pages.routes.js";
import { useFormScope } from "./form-scope.js";
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
    useFormScope(scope, { limit: FORM_LIMIT, context: deps.context, label: "account page" });
    registerSessionPages(scope, deps);
    registerMyAccountPages(scope, deps);
    registerAdminPages(scope, deps);
  });
}
