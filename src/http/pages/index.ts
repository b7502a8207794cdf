import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import type { Db } from "../../core/plan/plan.repository.js";
import type { Clock } from "../../core/plan/plan.service.js";
import { loadAssets } from "./assets.js";
import { notFoundPage, registerPages } from "./pages.routes.js";

export interface WebPages {
  /** Registers the pages and their static assets. */
  register: (app: FastifyInstance) => Promise<void>;
  /** Renders the HTML 404 page (for browsers asking for an unknown path). */
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

/**
 * The public web pages, ready to register: bundles the browser assets (once per process) first.
 *
 * @example
 * const pages = await createWebPages({ db, plans, clock: systemClock });
 * await pages.register(app);
 */
export async function createWebPages(deps: { db: Db; plans: PlanCache; clock: Clock }): Promise<WebPages> {
  const pageDeps = { ...deps, assets: await loadAssets() };
  return {
    register: (app) => registerPages(app, pageDeps),
    notFound: (request, reply) => notFoundPage(pageDeps, request, reply),
  };
}
