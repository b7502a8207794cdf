import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { Role } from "../../core/access/roles.js";
import { currentFiscalYear } from "../../core/fiscal/index.js";
import type { PlanCache } from "../../core/plan/plan.cache.js";
import { findActionNumbers, planListStamp, type Db } from "../../core/plan/plan.repository.js";
import { planIdSchema } from "../../core/plan/plan.schema.js";
import { listPlans, type Clock } from "../../core/plan/plan.service.js";
import { ActionPage } from "./action.page.js";
import { registerAssetRoutes, type Assets } from "./assets.js";
import { pageContext, type PageContext } from "./context.js";
import { ErrorPage } from "./error.page.js";
import { chooseLang } from "./i18n/i18n.js";
import { HomePage } from "./home.page.js";
import { PlanOverviewPage } from "./plan-overview.page.js";
import { PlanTablePage } from "./plan-table.page.js";
import { renderDocument, sendPage } from "./render.js";
import { isAnonymous, PageCache, sendCachedPage } from "./page-cache.js";
import { RoadmapPage } from "./roadmap.page.js";
import { SearchPage } from "./search.page.js";
import { parseSearchQuery, searchQuerySchema, toActionFilter, type SearchField } from "./search.query.js";
import { planView, type PlanView } from "./view/plan-view.js";
import { registerReviewPages } from "./review.routes.js";

export interface PageDeps {
  db: Db;
  plans: PlanCache;
  assets: Assets;
  clock: Clock;
  /** The role of a signed-in browser, for staff buttons on public pages (none: no buttons). */
  staffRole?: (request: FastifyRequest) => Promise<Role | null>;
}

export type PlanParams = { planId: string };

/** What a plan page handler gives back: a page (with its status), or a reason for a 404. */
export type PageResult = { page: VNode; status?: number } | { notFound: string };

/** Answers a plan page: the plan of the URL, or a 404 page already sent. */
export type WithPlan = (
  request: FastifyRequest<{ Params: PlanParams }>,
  reply: FastifyReply,
  page: (ctx: PageContext, view: PlanView) => PageResult | Promise<PageResult>,
  /** What else the page depends on besides the plan (figures computed from other records). */
  stamp?: (view: PlanView, ctx: PageContext) => Promise<string>,
) => Promise<FastifyReply>;

export function contextFor(request: FastifyRequest, reply: FastifyReply, deps: PageDeps): PageContext {
  const url = new URL(request.url, "http://localhost");
  const { lang, remember } = chooseLang(url.searchParams.get("lang"), request.headers.cookie);
  if (remember) reply.header("set-cookie", remember);
  return pageContext(
    lang,
    url.pathname,
    url.searchParams,
    deps.assets.urls,
    currentFiscalYear(deps.clock.now()),
  );
}

/** An HTML 404 page, for the app's not-found handler when a browser asks for an unknown path. */
export function notFoundPage(deps: PageDeps, request: FastifyRequest, reply: FastifyReply, message?: string) {
  const ctx = contextFor(request, reply, deps);
  return sendPage(reply, <ErrorPage ctx={ctx} status={404} {...(message ? { message } : {})} />, 404);
}

/**
 * The public pages. Registered in their own Fastify scope so that an unexpected error renders
 * an HTML error page (without a stack trace) instead of the API's JSON body.
 */
export async function registerPages(app: FastifyInstance, deps: PageDeps): Promise<void> {
  // Public plan pages change only with the plan's revision, the language and the fiscal year.
  const pageCache = new PageCache();
  registerAssetRoutes(app, deps.assets);
  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      request.log.error({ err: error }, "page failed");
      const ctx = contextFor(request, reply, deps);
      return sendPage(reply, <ErrorPage ctx={ctx} status={500} />, 500);
    });

    const withPlan: WithPlan = async (request, reply, page, stamp) => {
      const ctx = contextFor(request, reply, deps);
      const id = planIdSchema.safeParse(request.params.planId);
      const entry = id.success ? await deps.plans.get(id.data) : undefined;
      if (!entry) return notFoundPage(deps, request, reply, ctx.t.planNotFound(request.params.planId));
      const view = planView(entry.doc);
      const extra = stamp ? await stamp(view, ctx) : "";
      const key = isAnonymous(request)
        ? `${request.url}|${ctx.lang}|${entry.etag}|${ctx.currentFiscalYear}|${extra}`
        : null;
      const cached = key ? pageCache.get(key) : undefined;
      if (cached) return sendCachedPage(request, reply, cached);
      // Staff signed in see their way to the review in the header and footer (uncached pages).
      if (!key && deps.staffRole) ctx.staffRole = await deps.staffRole(request);
      const result = await page(ctx, view);
      if ("notFound" in result) return notFoundPage(deps, request, reply, result.notFound);
      if (key && (result.status ?? 200) === 200) {
        return sendCachedPage(request, reply, pageCache.set(key, renderDocument(result.page)));
      }
      return sendPage(reply, result.page, result.status ?? 200);
    };

    scope.get("/", async (request, reply) => {
      const ctx = contextFor(request, reply, deps);
      // With 1,741 municipalities the list is large: render it once per change of any plan.
      const key = isAnonymous(request)
        ? `${request.url}|${ctx.lang}|${await planListStamp(deps.db)}|${ctx.currentFiscalYear}`
        : null;
      const cached = key ? pageCache.get(key) : undefined;
      if (cached) return sendCachedPage(request, reply, cached);
      if (!key && deps.staffRole) ctx.staffRole = await deps.staffRole(request);
      const page = <HomePage ctx={ctx} plans={await listPlans(deps.db)} />;
      if (key) return sendCachedPage(request, reply, pageCache.set(key, renderDocument(page)));
      return sendPage(reply, page);
    });
    scope.get<{ Params: PlanParams }>("/plans/:planId", (request, reply) =>
      withPlan(request, reply, (ctx, view) => ({ page: <PlanOverviewPage ctx={ctx} view={view} /> })),
    );
    scope.get<{ Params: PlanParams }>("/plans/:planId/table", (request, reply) =>
      withPlan(request, reply, (ctx, view) => ({ page: <PlanTablePage ctx={ctx} view={view} /> })),
    );
    scope.get<{ Params: PlanParams }>("/plans/:planId/roadmap", (request, reply) =>
      withPlan(request, reply, (ctx, view) => ({ page: <RoadmapPage ctx={ctx} view={view} /> })),
    );
    scope.get<{ Params: PlanParams & { number: string } }>(
      "/plans/:planId/actions/:number",
      (request, reply) =>
        withPlan(request, reply, (ctx, view) => {
          const raw = request.params.number;
          const action = /^[1-9]\d{0,6}$/.test(raw) ? view.action(Number(raw)) : undefined;
          if (!action) return { notFound: ctx.t.actionNotFound(raw) };
          return { page: <ActionPage ctx={ctx} view={view} action={action} /> };
        }),
    );
    scope.get<{ Params: PlanParams }>("/plans/:planId/search", (request, reply) =>
      withPlan(request, reply, async (ctx, view) => {
        const values: Partial<Record<SearchField, string>> = {};
        const raw = (request.query ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(searchQuerySchema.shape) as SearchField[]) {
          const v = raw[key];
          const last = Array.isArray(v) ? (v[v.length - 1] as unknown) : v;
          if (typeof last === "string" && last !== "") values[key] = last;
        }
        const parsed = parseSearchQuery(raw);
        if (!parsed.ok) {
          const page = (
            <SearchPage ctx={ctx} view={view} values={values} results={null} errors={parsed.fields} />
          );
          return { page, status: 400 };
        }
        const numbers = new Set(
          await findActionNumbers(deps.db, view.doc.plan.id, toActionFilter(parsed.query)),
        );
        const results = view.doc.actions.filter((a) => numbers.has(a.number));
        return { page: <SearchPage ctx={ctx} view={view} values={values} results={results} errors={[]} /> };
      }),
    );
    registerReviewPages(scope, deps, withPlan);
  });
}
