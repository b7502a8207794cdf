import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isStaffRole, type Role } from "../../core/access/roles.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import type { Db } from "../../core/plan/plan.repository.js";
import type { Clock } from "../../core/plan/plan.service.js";
import { loadAssets } from "./assets.js";
import type { PageContext } from "./context.js";
import { contextFor, notFoundPage, registerPages } from "./pages.routes.js";

export interface WebPages {
  /** Registers the pages and their static assets. */
  register: (app: FastifyInstance) => Promise<void>;
  /** Renders the HTML 404 page (for browsers asking for an unknown path). */
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  /** The context of a page (language, assets, fiscal year), for pages registered elsewhere. */
  context: (request: FastifyRequest, reply: FastifyReply) => PageContext;
}

/**
 * The public web pages, ready to register: bundles the browser assets (once per process) first.
 *
 * @example
 * const pages = await createWebPages({ db, plans, clock: systemClock });
 * await pages.register(app);
 */
export async function createWebPages(deps: {
  db: Db;
  plans: PlanCache;
  clock: Clock;
  /** The role of a signed-in browser (session only), for the staff buttons on public pages. */
  staffRole?: (request: FastifyRequest) => Promise<Role | null>;
}): Promise<WebPages> {
  const pageDeps = { ...deps, assets: await loadAssets() };
  return {
    register: (app) => registerPages(app, pageDeps),
    notFound: (request, reply) => notFoundPage(pageDeps, request, reply),
    context: (request, reply) => contextFor(request, reply, pageDeps),
  };
}

/** The role of the person signed in with a session cookie (an access token signs nobody in on a page). */
export function staffRoleOf(auth: Authenticator): (request: FastifyRequest) => Promise<Role | null> {
  return async (request) => {
    const resolved = await auth.resolve(request);
    if (resolved.via !== "session") return null;
    // A company member is signed in but not staff: public pages show it no staff buttons.
    const role = resolved.principal.role;
    return isStaffRole(role) ? role : null;
  };
}
