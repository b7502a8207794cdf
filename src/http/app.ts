import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import { PlanCache } from "../core/plan/plan.cache.js";
import { systemClock, type Clock } from "../core/plan/plan.service.js";
import type { Db } from "../core/plan/plan.repository.js";
import { ping } from "../db/connection.js";
import { buildOpenApi } from "./api/openapi.js";
import { noAccounts, registerApiRoutes, type ApiRoute, type Authenticate } from "./api/route.js";
import { ownsNothing, type OwnsAction } from "../core/review/review.permissions.js";
import { actionEditApiRoutes } from "./plans/action-edit.api.js";
import { historyApiRoutes } from "./history/history.api.js";
import { indicatorApiRoutes } from "./indicators/indicator.api.js";
import { reviewApiRoutes } from "./review/review.api.js";
import { searchApiRoutes } from "./search/search.api.js";
import { installErrorHandler } from "./errors.js";
import { createWebPages } from "./pages/index.js";
import { planApiRoutes } from "./plans/plan.api.js";
import { installSecurityHeaders } from "./security-headers.js";
import { transferApiRoutes } from "./transfer/transfer.api.js";

export interface AppDeps {
  config: Config;
  db: Db;
  /** Finds the account behind a request; the default knows none, so only public routes answer. */
  authenticate?: Authenticate;
  /** Whether an account owns an action (action owners edit their actions' reviews). */
  owns?: OwnsAction;
  /** What time it is (the pages show the current fiscal year); tests pass a fixed clock. */
  clock?: Clock;
}

export const API_INFO = { title: "shinko API", version: "1.0.0" };

/** Every API route of the app, for registration, the OpenAPI document and route-coverage tests. */
export function apiRoutes(deps: AppDeps & { plans: PlanCache }): ApiRoute[] {
  const owns = deps.owns ?? ownsNothing;
  return [
    ...planApiRoutes(deps),
    ...actionEditApiRoutes(deps),
    ...historyApiRoutes(deps),
    ...indicatorApiRoutes(deps),
    ...reviewApiRoutes({ db: deps.db, owns }),
    ...searchApiRoutes(deps),
    ...transferApiRoutes({ ...deps, bodyLimit: deps.config.bodyLimit }),
  ];
}

/**
 * The composition root: wires plain modules into a Fastify app. Does not listen (server.ts does),
 * so tests drive it in-process through `app.inject`.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === "silent" ? false : { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: false,
    return503OnClosing: true,
  });
  const plans = new PlanCache(deps.db);
  const pages = await createWebPages({ db: deps.db, plans, clock: deps.clock ?? systemClock });
  installErrorHandler(app, { notFoundPage: pages.notFound });
  installSecurityHeaders(app);

  const routes = apiRoutes({ ...deps, plans });
  registerApiRoutes(app, routes, deps.authenticate ?? noAccounts);

  const openApi = JSON.stringify(buildOpenApi(routes, API_INFO));
  app.get("/api/v1/openapi.json", async (_request, reply) => reply.type("application/json").send(openApi));

  await pages.register(app);

  app.get("/health", async () => ({ status: "ok" }));
  app.get("/ready", async (request, reply) => {
    try {
      await ping(deps.db);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ err: error }, "database not reachable");
      return reply.status(503).send({ status: "unavailable" });
    }
  });
  return app;
}
