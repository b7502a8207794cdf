import type { FastifyInstance } from "fastify";
import { roleRank } from "../../core/access/roles.js";
import { DomainError } from "../../core/errors.js";
import { fiscalYearOf, japanDateTime, parseFiscalYear } from "../../core/fiscal/index.js";
import {
  actionVersions,
  comparePlan,
  diffActionVersions,
  parseMoment,
  type VersionDetail,
} from "../../core/history/history.service.js";
import { sourceRegistry } from "../../core/indicator-sources/all-sources.js";
import type { BindingOutcome } from "../../core/indicator-sources/compute.service.js";
import { bindingsStamp, computePlanBindings } from "../../core/indicator-sources/plan-bindings.js";
import { defaultReportYear, indicatorReport } from "../../core/indicators/report.js";
import { ComparePage, type CompareField } from "./compare.page.js";
import type { PageContext } from "./context.js";
import { HistoryPage } from "./history.page.js";
import { IndicatorsPage } from "./indicators.page.js";
import type { PageDeps, PlanParams, WithPlan } from "./pages.routes.js";
import type { PlanView } from "./view/plan-view.js";

type Query = Record<string, unknown>;

/** The last value of a query parameter given once or several times, if it is a non-empty string. */
function queryValue(query: unknown, key: string): string | undefined {
  const raw = (query ?? {}) as Query;
  const v = raw[key];
  const last = Array.isArray(v) ? (v[v.length - 1] as unknown) : v;
  return typeof last === "string" && last.trim() !== "" ? last.trim() : undefined;
}

/** A moment in words: 令和6年度末（令和7年3月31日）時点, or 令和7年3月31日時点. */
function momentLabel(ctx: PageContext, moment: string | number): string {
  const { t, f } = ctx;
  if (typeof moment === "number") return t.momentEnd(`${f.fy(moment)}${ctx.lang === "ja" ? "末" : ""}`);
  return t.momentEnd(moment.length === 10 ? f.date(moment) : f.dateTime(moment));
}

/** Versions of an action, or none when its history was never recorded. */
async function versionsOf(deps: PageDeps, planId: string, n: number): Promise<VersionDetail[]> {
  try {
    return await actionVersions(deps.db, planId, n);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return [];
    throw error;
  }
}

/**
 * The public pages of the yearly review: indicator progress, an action's history, and the plan
 * compared between two moments. Published data only: drafts live in the reviews, not the plan.
 */
export function registerReviewPages(scope: FastifyInstance, deps: PageDeps, withPlan: WithPlan): void {
  scope.get<{ Params: PlanParams }>("/plans/:planId/indicators", (request, reply) => {
    const yearOf = (view: PlanView) => {
      const { from, to } = view.doc.plan.fiscalYears;
      const fallback = defaultReportYear(
        view.doc,
        Math.min(Math.max(fiscalYearOf(view.doc.plan.asOf), from), to),
      );
      const asked = queryValue(request.query, "fiscalYear");
      const parsed = asked === undefined ? null : parseFiscalYear(asked, { min: 1900, max: 2200 });
      return { parsed, fiscalYear: parsed?.ok ? parsed.value : fallback };
    };
    // Bound indicators show what the records give now: the cached page changes with those figures.
    let computed: Map<string, BindingOutcome> | undefined;
    const stamp = async (view: PlanView) => {
      computed = await computePlanBindings(
        deps.db,
        sourceRegistry,
        view.doc,
        yearOf(view).fiscalYear,
        deps.clock,
      );
      return bindingsStamp(computed);
    };
    return withPlan(
      request,
      reply,
      (ctx, view) => {
        const { from, to } = view.doc.plan.fiscalYears;
        const { parsed, fiscalYear } = yearOf(view);
        const invalid = parsed !== null && !parsed.ok;
        const first = Math.min(view.baselineYear, from);
        const years = Array.from({ length: to - first + 1 }, (_, i) => first + i);
        if (!years.includes(fiscalYear)) years.push(fiscalYear);
        years.sort((a, b) => a - b);
        const report = indicatorReport(view.doc, fiscalYear);
        return {
          page: (
            <IndicatorsPage
              ctx={ctx}
              view={view}
              report={report}
              years={years}
              invalid={invalid}
              computed={computed}
            />
          ),
          status: invalid ? 400 : 200,
        };
      },
      stamp,
    );
  });

  scope.get<{ Params: PlanParams & { number: string } }>(
    "/plans/:planId/actions/:number/history",
    (request, reply) =>
      withPlan(request, reply, async (ctx, view) => {
        const raw = request.params.number;
        const action = /^[1-9]\d{0,6}$/.test(raw) ? view.action(Number(raw)) : undefined;
        if (!action) return { notFound: ctx.t.actionNotFound(raw) };
        const planId = view.doc.plan.id;
        const versions = await versionsOf(deps, planId, action.number);
        const known = new Set(versions.map((v) => v.version));
        const askedFrom = queryValue(request.query, "from");
        const askedTo = queryValue(request.query, "to");
        const asked = askedFrom !== undefined || askedTo !== undefined;
        const read = (v: string | undefined) =>
          v !== undefined && /^[1-9]\d{0,6}$/.test(v) ? Number(v) : NaN;
        let from = asked ? read(askedFrom) : versions[1]?.version;
        let to = asked ? read(askedTo) : versions[0]?.version;
        const invalid = asked && !(known.has(from ?? NaN) && known.has(to ?? NaN));
        if (invalid) from = to = undefined;
        const role = deps.staffRole ? await deps.staffRole(request) : null;
        const canRestore = role !== null && roleRank(role) >= roleRank("plan_manager");
        const restoredRaw = queryValue(request.query, "restored");
        const restored = restoredRaw && known.has(Number(restoredRaw)) ? Number(restoredRaw) : undefined;
        const diff =
          from !== undefined && to !== undefined
            ? { from, to, differences: await diffActionVersions(deps.db, planId, action.number, from, to) }
            : null;
        return {
          page: (
            <HistoryPage
              ctx={ctx}
              view={view}
              action={action}
              versions={versions}
              diff={diff}
              invalid={invalid}
              canRestore={canRestore}
              staff={role !== null}
              restored={restored}
            />
          ),
          status: invalid ? 400 : 200,
        };
      }),
  );

  scope.get<{ Params: PlanParams }>("/plans/:planId/compare", (request, reply) =>
    withPlan(request, reply, async (ctx, view) => {
      const planId = view.doc.plan.id;
      const today = japanDateTime(deps.clock.now().toISOString()).date;
      // By default: what changed since the end of last fiscal year.
      const values: Record<CompareField, string> = {
        from: queryValue(request.query, "from") ?? String(ctx.currentFiscalYear - 1),
        to: queryValue(request.query, "to") ?? today,
      };
      const from = parseMoment(values.from);
      const to = parseMoment(values.to);
      const errors: CompareField[] = [];
      if (!from.ok) errors.push("from");
      if (!to.ok) errors.push("to");
      if (!from.ok || !to.ok) {
        const page = (
          <ComparePage
            ctx={ctx}
            view={view}
            values={values}
            labels={null}
            comparison={null}
            missing={[]}
            errors={errors}
          />
        );
        return { page, status: 400 };
      }
      const labels = { from: momentLabel(ctx, from.value), to: momentLabel(ctx, to.value) };
      let comparison = null;
      const missing: CompareField[] = [];
      try {
        comparison = await comparePlan(deps.db, planId, from.value, to.value);
        const root = comparison.plan.find((d) => d.path === "");
        if (root?.kind === "added") missing.push("from");
        if (root?.kind === "removed") missing.push("to");
      } catch (error) {
        if (!(error instanceof DomainError && error.code === "not_found")) throw error;
        missing.push("from", "to");
      }
      return {
        page: (
          <ComparePage
            ctx={ctx}
            view={view}
            values={values}
            labels={labels}
            comparison={comparison}
            missing={missing}
            errors={[]}
          />
        ),
      };
    }),
  );
}
