import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import { accountOwnsAction } from "../core/access/action-owners.js";
import type { SessionPolicy } from "../core/accounts/session.service.js";
import { HOUR, MINUTE, systemClock, type Clock } from "../core/clock.js";
import { sourceRegistry } from "../core/indicator-sources/all-sources.js";
import { PlanCache } from "../core/plan/plan.cache.js";
import { PLAN_SCHEMA_PATH, planJsonSchemaText } from "../core/plan/plan.json-schema.js";
import type { Db } from "../core/plan/plan.repository.js";
import type { OwnsAction } from "../core/review/review.permissions.js";
import { ping } from "../db/connection.js";
import { accountsApiRoutes } from "./accounts/accounts.api.js";
import { actionOwnersApiRoutes } from "./accounts/action-owners.api.js";
import { myAccountApiRoutes } from "./accounts/my-account.api.js";
import { buildOpenApi, type ApiInfo } from "./api/openapi.js";
import { registerApiRoutes, type ApiRoute, type Authenticate } from "./api/route.js";
import { auditApiRoutes } from "./audit/audit.api.js";
import { createAuthenticator, type Authenticator } from "./auth/authenticator.js";
import { installRequestGuard } from "./auth/request-guard.js";
import { sessionApiRoutes } from "./auth/session.api.js";
import { setupApiRoutes } from "./auth/setup.api.js";
import { frameworkErrorHandler, installErrorHandler } from "./errors.js";
import { companiesApiRoutes } from "./companies/companies.api.js";
import { companyChangesApiRoutes } from "./companies/company-changes.api.js";
import { historyApiRoutes } from "./history/history.api.js";
import { indicatorApiRoutes } from "./indicators/indicator.api.js";
import { indicatorSourcesApiRoutes } from "./indicator-sources/indicator-sources.api.js";
import { registerAccountPages } from "./pages/account/index.js";
import { createWebPages, staffRoleOf } from "./pages/index.js";
import { registerPortalPages } from "./pages/companies/companies.routes.js";
import { registerProfilePages } from "./pages/firm-profiles/index.js";
import { registerReviewStaffPages } from "./pages/review-staff/index.js";
import { actionEditApiRoutes } from "./plans/action-edit.api.js";
import { planApiRoutes } from "./plans/plan.api.js";
import { reviewApiRoutes } from "./review/review.api.js";
import { searchApiRoutes } from "./search/search.api.js";
import { clientErrorHandler, installSecurityHeaders } from "./security-headers.js";
import { transferApiRoutes } from "./transfer/transfer.api.js";
import { installUnstorableInputGuard } from "./unstorable-input.js";

export interface AppDeps {
  config: Config;
  db: Db;
  /**
   * Finds the account behind a request. By default the session cookie or a bearer access token
   * (http/auth); tests of other features may put a stand-in here.
   */
  authenticate?: Authenticate;
  /** Whether an account owns an action. By default the action-owner assignments (core/access). */
  owns?: OwnsAction;
  /** What time it is (pages show the current fiscal year; sessions and tokens expire); tests fix it. */
  clock?: Clock;
}

export const API_INFO: ApiInfo = {
  title: "shinko API",
  version: "1.0.0",
  description:
    "A city's industrial promotion action plan as open data. The plans' data is published under " +
    "CC BY 4.0 (compatible with 政府標準利用規約 第2.0版) unless a plan's `plan.license` says otherwise; " +
    "credit the municipality's plan. The canonical format's JSON Schema: " +
    PLAN_SCHEMA_PATH +
    ". The software is MIT-licensed.",
  license: { name: "CC BY 4.0 (the data)", identifier: "CC-BY-4.0" },
};

/** Session lifetimes from the configuration. */
export function sessionPolicyOf(config: Config): SessionPolicy {
  return { idleMs: config.sessionIdleMinutes * MINUTE, absoluteMs: config.sessionAbsoluteHours * HOUR };
}

/** Every API route of the app, for registration, the OpenAPI document and route-coverage tests. */
export function apiRoutes(deps: AppDeps & { plans: PlanCache; auth?: Authenticator }): ApiRoute[] {
  const clock = deps.clock ?? systemClock;
  const sessionPolicy = sessionPolicyOf(deps.config);
  const auth = deps.auth ?? createAuthenticator({ db: deps.db, clock, sessionPolicy });
  const owns = deps.owns ?? accountOwnsAction(deps.db);
  const context = { db: deps.db, clock };
  return [
    ...planApiRoutes(deps),
    ...actionEditApiRoutes(deps),
    ...historyApiRoutes(deps),
    ...indicatorApiRoutes(deps),
    ...reviewApiRoutes({ db: deps.db, owns }),
    ...searchApiRoutes(deps),
    ...transferApiRoutes({ ...deps, bodyLimit: deps.config.bodyLimit }),
    ...setupApiRoutes(context),
    ...sessionApiRoutes({ ...context, sessionPolicy, resolve: auth.resolve }),
    ...myAccountApiRoutes({ ...context, sessionPolicy }),
    ...accountsApiRoutes(context),
    ...actionOwnersApiRoutes(context),
    ...auditApiRoutes(context),
    ...indicatorSourcesApiRoutes({ ...context, plans: deps.plans, sources: sourceRegistry }),
    ...companiesApiRoutes(context),
    ...companyChangesApiRoutes(context),
  ];
}

const inventories = new WeakMap<FastifyInstance, string[]>();

/**
 * Every route the app answers, as "METHOD /url" (Fastify syntax), pages and API alike: the
 * authorization test checks that each has an entry in its table. HEAD routes Fastify adds for
 * GET routes are left out.
 */
export function routeInventory(app: FastifyInstance): readonly string[] {
  const all = inventories.get(app) ?? [];
  return all.filter((r) => !(r.startsWith("HEAD ") && all.includes(`GET ${r.slice(5)}`)));
}

/** TRUST_PROXY as Fastify takes it (its types lack the hop count, which it supports as a function). */
function trustProxyOption(
  value: Config["trustProxy"],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === "number" ? (_address, hop) => hop < value : value;
}

/**
 * How long a client may take (config: REQUEST_TIMEOUT …), so slow or stalled clients cannot hold
 * connections forever. Node checks the request and headers deadlines on an interval (30 s by
 * default); once a second cuts a trickling client off close to its deadline.
 */
function serverTimeouts(config: Config) {
  const ms = (seconds: number) => Math.round(seconds * 1000);
  return {
    connectionTimeout: ms(config.connectionTimeoutSeconds),
    keepAliveTimeout: ms(config.keepAliveTimeoutSeconds),
    requestTimeout: ms(config.requestTimeoutSeconds),
    http: {
      headersTimeout: ms(config.headersTimeoutSeconds),
      requestTimeout: ms(config.requestTimeoutSeconds),
      connectionsCheckingInterval: Math.min(1_000, ms(config.headersTimeoutSeconds)),
    },
  };
}

/**
 * The composition root: wires plain modules into a Fastify app. Does not listen (server.ts does),
 * so tests drive it in-process through `app.inject`.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === "silent" ? false : { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    return503OnClosing: true,
    ...serverTimeouts(deps.config),
    // Malformed URLs and over-long path parameters fail before routing; answer them like any error.
    frameworkErrors: frameworkErrorHandler,
    // What Node's parser refuses before routing gets the security headers too.
    clientErrorHandler,
  });
  const inventory: string[] = [];
  inventories.set(app, inventory);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) inventory.push(`${method} ${route.url}`);
  });
  const clock = deps.clock ?? systemClock;
  const plans = new PlanCache(deps.db);
  const sessionPolicy = sessionPolicyOf(deps.config);
  const auth = createAuthenticator({ db: deps.db, clock, sessionPolicy });
  const pages = await createWebPages({ db: deps.db, plans, clock, staffRole: staffRoleOf(auth) });
  installErrorHandler(app, { notFoundPage: pages.notFound });
  installSecurityHeaders(app);

  installRequestGuard(app, auth.resolve);
  installUnstorableInputGuard(app, pages.context);

  const routes = apiRoutes({ ...deps, plans, auth });
  registerApiRoutes(app, routes, deps.authenticate ?? auth.authenticate);

  const openApi = JSON.stringify(buildOpenApi(routes, API_INFO));
  app.get("/api/v1/openapi.json", async (_request, reply) => reply.type("application/json").send(openApi));
  const planSchema = planJsonSchemaText();
  app.get(PLAN_SCHEMA_PATH, async (_request, reply) =>
    reply.type("application/schema+json").header("cache-control", "public, max-age=3600").send(planSchema),
  );

  await pages.register(app);
  const pageDeps = { db: deps.db, clock, auth, sessionPolicy, context: pages.context };
  await registerAccountPages(app, pageDeps);
  registerPortalPages(app, { db: deps.db, context: pages.context, notFound: pages.notFound });
  await registerProfilePages(app, pageDeps);
  await registerReviewStaffPages(app, { ...pageDeps, plans, owns: deps.owns ?? accountOwnsAction(deps.db) });

  // Liveness: the process answers. Readiness: it is not shutting down and the database answers.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.get("/health", async () => ({ status: "ok" }));
  app.get("/ready", async (request, reply) => {
    if (closing) return reply.status(503).send({ status: "shutting down" });
    let timer: NodeJS.Timeout | undefined;
    try {
      // A database that hangs is as unready as one that refuses: answer within two seconds.
      await Promise.race([
        ping(deps.db),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no answer in 2 s")), 2_000))),
      ]);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ err: error }, "database not reachable");
      return reply.status(503).send({ status: "unavailable" });
    } finally {
      clearTimeout(timer);
    }
  });
  return app;
}
