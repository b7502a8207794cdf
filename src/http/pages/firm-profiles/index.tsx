import type { FastifyInstance } from "fastify";
import { viewerOf, type AccountPageDeps } from "../account/account-context.js";
import { useFormScope } from "../account/form-scope.js";
import { registerClaimPages } from "./claim.routes.js";
import { registerMyCompanyPages } from "./my-company.routes.js";
import { registerStaffChangePages } from "./staff-changes.routes.js";
import { registerStaffClaimPages } from "./staff-claims.routes.js";
import { registerStaffCompanyPages } from "./staff-companies.routes.js";
import { registerStaffCompanyListPage } from "./staff-company-list.routes.js";

/** A profile form: a few dozen fields and machine rows (texts of up to 4,000 characters). */
const FORM_LIMIT = 128 * 1024;

/**
 * Firms keep their own profile and the city manages companies: `/my-company` (a firm's member),
 * the public claim form and invitation links, and the staff pages (companies, the approval
 * queue, claims) for plan managers and administrators. Forms post urlencoded bodies (repeated
 * checkboxes kept as arrays) with the session's CSRF token and work without JavaScript.
 */
export async function registerProfilePages(app: FastifyInstance, deps: AccountPageDeps): Promise<void> {
  await app.register(async (scope) => {
    useFormScope(scope, {
      limit: FORM_LIMIT,
      context: deps.context,
      viewer: (request) => viewerOf(deps, request),
      plainNotFound: true,
      label: "company profile page",
      repeated: true,
    });
    registerMyCompanyPages(scope, deps);
    registerClaimPages(scope, deps);
    registerStaffCompanyListPage(scope, deps);
    registerStaffCompanyPages(scope, deps);
    registerStaffChangePages(scope, deps);
    registerStaffClaimPages(scope, deps);
  });
}
