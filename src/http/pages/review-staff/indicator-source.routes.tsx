import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, notFound, type Issue } from "../../../core/errors.js";
import { currentFiscalYear } from "../../../core/fiscal/index.js";
import { sourceRegistry } from "../../../core/indicator-sources/all-sources.js";
import { setBinding } from "../../../core/indicator-sources/binding.service.js";
import { computeBinding } from "../../../core/indicator-sources/compute.service.js";
import { actorLabel, auditActorOf } from "../../../core/review/review.permissions.js";
import { actorOf } from "../../api/common.js";
import { statusOf } from "../../errors.js";
import { formValues, sendAccountPage, type Viewer } from "../account/account-context.js";
import { pageViewer } from "../account/page-guard.js";
import { bindingPageEn } from "../i18n/indicator-sources.en.js";
import { bindingPageJa } from "../i18n/indicator-sources.ja.js";
import { BindingPage, bindingUrl, type BindingPageProps } from "./indicator-source.page.js";
import { doneOf, planOf, wholeNumber, type StaffPageDeps } from "./staff-context.js";

type Params = { Params: { planId: string; number: string; code: string } };

/** The page on which a plan manager binds an indicator to a source of records, or unbinds it. */
export function registerBindingPages(scope: FastifyInstance, deps: StaffPageDeps): void {
  const { db, clock } = deps;
  const url = "/plans/:planId/actions/:number/indicators/:code/source";

  const render = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    viewer: Viewer,
    extra: Partial<BindingPageProps> = {},
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const doc = await planOf(deps, request.params.planId);
    const n = wholeNumber(request.params.number, "action");
    const action = doc.actions.find((a) => a.number === n);
    const indicator = action?.indicators.find((i) => i.code === request.params.code);
    if (!action || !indicator) throw notFound(`indicator "${request.params.code}" of action ${n}`);
    const binding = indicator.computedFrom;
    const outcome = binding
      ? await computeBinding(
          db,
          sourceRegistry,
          binding,
          indicator.unit,
          doc.plan,
          currentFiscalYear(clock.now()),
          clock,
        )
      : undefined;
    const page = (
      <BindingPage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        action={action}
        indicator={indicator}
        sources={sourceRegistry.list()}
        outcome={outcome}
        typed={{
          source: binding?.source ?? "",
          param: binding ? String(Object.values(binding.params)[0] ?? "") : "",
        }}
        {...extra}
      />
    );
    return sendAccountPage(reply, page, status);
  };

  scope.get<Params>(url, async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const w = deps.context(request, reply).lang === "en" ? bindingPageEn : bindingPageJa;
    return render(request, reply, viewer, { notice: doneOf(request) === "saved" ? w.saved : undefined });
  });

  scope.post<Params>(url, async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const doc = await planOf(deps, request.params.planId);
    const n = wholeNumber(request.params.number, "action");
    const form = formValues(request.body);
    const typed = { source: form.source ?? "", param: (form.param ?? "").trim() };
    const source = typed.source === "" ? undefined : sourceRegistry.get(typed.source);
    // The page asks for one condition; it belongs to the chosen source's one parameter.
    const key = source ? Object.keys(source.paramHelp)[0] : undefined;
    const params = key && typed.param !== "" ? { [key]: typed.param } : {};
    const actor = actorOf(viewer.principal);
    try {
      await db
        .transaction()
        .execute((trx) =>
          setBinding(
            trx,
            sourceRegistry,
            { planId: doc.plan.id, number: n, code: request.params.code },
            typed.source === "" ? null : { source: typed.source, params },
            { actor: actorLabel(actor), audit: auditActorOf(actor), clock },
          ),
        );
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        ![400, 404].includes(statusOf(error)) ||
        error.issues.length === 0
      )
        throw error;
      const issues: Issue[] = error.issues.map((i) => ({
        path: i.path.startsWith("params") ? "param" : "source",
        message: i.message,
      }));
      return render(request, reply, viewer, { typed, issues }, 400);
    }
    return reply.redirect(`${bindingUrl(doc.plan.id, n, request.params.code)}?done=saved`, 303);
  });
}
