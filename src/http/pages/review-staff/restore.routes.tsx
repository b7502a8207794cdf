import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, notFound } from "../../../core/errors.js";
import {
  actionVersions,
  diffActionVersions,
  restoreActionVersion,
} from "../../../core/history/history.service.js";
import { actorLabel, auditActorOf } from "../../../core/review/review.permissions.js";
import { actorOf } from "../../api/common.js";
import { statusOf } from "../../errors.js";
import { formValues, sendAccountPage, type Viewer } from "../account/account-context.js";
import { pageViewer } from "../account/page-guard.js";
import { RestorePage } from "./restore.page.js";
import { planOf, staffText, wholeNumber, type StaffPageDeps } from "./staff-context.js";

type Params = { Params: { planId: string; number: string } };

/** Restoring an old version of an action (plan managers), asked from the history page. */
export function registerRestorePages(scope: FastifyInstance, deps: StaffPageDeps): void {
  const { db, clock } = deps;

  const render = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    viewer: Viewer,
    version: number,
    problem?: string,
  ) => {
    const ctx = deps.context(request, reply);
    const doc = await planOf(deps, request.params.planId);
    const n = wholeNumber(request.params.number, "action");
    const action = doc.actions.find((a) => a.number === n);
    if (!action) throw notFound(`action ${n}`);
    const versions = await actionVersions(db, doc.plan.id, n);
    const current = versions[0]!.version;
    if (!versions.some((v) => v.version === version && v.change !== "removed"))
      throw notFound(`version ${version} of action ${n}`);
    const differences = await diffActionVersions(db, doc.plan.id, n, current, version);
    const page = (
      <RestorePage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        action={action}
        version={version}
        current={current}
        differences={differences}
        problem={problem}
      />
    );
    return sendAccountPage(reply, page, problem ? 409 : 200);
  };

  scope.get<Params>("/plans/:planId/actions/:number/restore", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const raw = (request.query as Record<string, unknown> | undefined)?.version;
    return render(request, reply, viewer, wholeNumber(typeof raw === "string" ? raw : "", "version"));
  });

  scope.post<Params>("/plans/:planId/actions/:number/restore", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const doc = await planOf(deps, request.params.planId);
    const n = wholeNumber(request.params.number, "action");
    const form = formValues(request.body);
    const version = wholeNumber(form.version ?? "", "version");
    const baseVersion = wholeNumber(form.baseVersion ?? "", "version");
    try {
      const outcome = await db.transaction().execute((trx) =>
        restoreActionVersion(trx, doc.plan.id, n, version, baseVersion, {
          actor: actorLabel(actorOf(viewer.principal)),
          audit: auditActorOf(actorOf(viewer.principal)),
          clock,
        }),
      );
      const to = outcome.version;
      return reply.redirect(
        `/plans/${encodeURIComponent(doc.plan.id)}/actions/${n}/history?from=${baseVersion}&to=${to}&restored=${version}#diff`,
        303,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || statusOf(error) !== 409) throw error;
      return render(request, reply, viewer, version, staffText(deps.context(request, reply)).restoreConflict);
    }
  });
}
