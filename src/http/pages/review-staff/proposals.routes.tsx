import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound, type Issue } from "../../../core/errors.js";
import { parseFiscalYear } from "../../../core/fiscal/index.js";
import {
  acceptProposal,
  listProposals,
  rejectProposal,
  type ProposalStatus,
} from "../../../core/indicators/proposals.service.js";
import { actorOf } from "../../api/common.js";
import { formValues, sendAccountPage, type Viewer } from "../account/account-context.js";
import { attempt, pageViewer } from "../account/page-guard.js";
import type { ReviewStaffMessages } from "../i18n/review-staff.ja.js";
import { ProposalPage, ProposalsPage, type AcceptValues } from "./proposals.page.js";
import { doneOf, planOf, staffText, staffUrls, type StaffPageDeps } from "./staff-context.js";

type PlanParams = { Params: { planId: string } };
type ProposalParams = { Params: { planId: string; id: string } };

/** The form's words for what the core refuses (name and kind of a new indicator). */
function acceptIssues(s: ReviewStaffMessages, issues: readonly Issue[]): Issue[] {
  return issues.map((i) =>
    i.path === "name"
      ? { ...i, message: s.nameRequired }
      : i.path === "kind"
        ? { ...i, message: s.kindRequired }
        : i,
  );
}

/** Indicator values read from the plan's text: plan managers accept, correct or reject them. */
export function registerProposalPages(scope: FastifyInstance, deps: StaffPageDeps): void {
  const { db, clock } = deps;

  const findProposal = async (planId: string, id: string) => {
    const doc = await planOf(deps, planId);
    const proposal = (await listProposals(db, doc.plan.id)).find((p) => p.id === id);
    const action = proposal && doc.actions.find((a) => a.number === proposal.actionNumber);
    if (!proposal || !action) throw notFound(`proposal "${id}"`);
    return { doc, proposal, action };
  };

  scope.get<PlanParams>("/plans/:planId/indicator-proposals", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const s = staffText(ctx);
    const doc = await planOf(deps, request.params.planId);
    const raw = (request.query as Record<string, unknown> | undefined)?.status;
    const status: ProposalStatus = raw === "accepted" || raw === "rejected" ? raw : "proposed";
    const proposals = await listProposals(db, doc.plan.id);
    const done = doneOf(request);
    // The notice names the indicator as the plan has it, never text from the URL.
    const query = request.query as Record<string, unknown>;
    const indicator = doc.actions
      .find((a) => String(a.number) === query.action)
      ?.indicators.find((i) => i.code === query.indicator);
    const notice =
      done === "accepted" && indicator
        ? s.accepted(indicator.name)
        : done === "rejected"
          ? s.rejected
          : undefined;
    const page = (
      <ProposalsPage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        proposals={proposals}
        status={status}
        notice={notice}
      />
    );
    return sendAccountPage(reply, page);
  });

  const renderOne = async (
    request: FastifyRequest<ProposalParams>,
    reply: FastifyReply,
    viewer: Viewer,
    values?: AcceptValues,
    issues: Issue[] = [],
  ) => {
    const ctx = deps.context(request, reply);
    const { doc, proposal, action } = await findProposal(request.params.planId, request.params.id);
    const initial: AcceptValues = values ?? {
      as: proposal.record.kind === "baseline" ? "baseline" : "actual",
      indicatorCode: action.indicators.find((i) => i.unit === proposal.unit)?.code ?? "",
      name: "",
      kind: "",
      value: String(proposal.value),
      fiscalYear: String(proposal.fiscalYear),
      note: "",
    };
    const page = (
      <ProposalPage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        action={action}
        proposal={proposal}
        values={initial}
        issues={issues}
      />
    );
    return sendAccountPage(reply, page, issues.length > 0 ? 400 : 200);
  };

  scope.get<ProposalParams>("/plans/:planId/indicator-proposals/:id", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    return viewer ? renderOne(request, reply, viewer) : reply;
  });

  scope.post<ProposalParams>("/plans/:planId/indicator-proposals/:id/accept", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const s = staffText(deps.context(request, reply));
    const { doc, proposal } = await findProposal(request.params.planId, request.params.id);
    const form = formValues(request.body);
    const values: AcceptValues = {
      as: form.as === "baseline" ? "baseline" : "actual",
      indicatorCode: form.indicatorCode ?? "",
      name: form.name ?? "",
      kind: form.kind ?? "",
      value: form.value ?? "",
      fiscalYear: form.fiscalYear ?? "",
      note: form.note ?? "",
    };
    const issues: Issue[] = [];
    const valueText = values.value.normalize("NFKC").replace(/[,\s]/g, "");
    const value = /^-?\d+(\.\d+)?$/.test(valueText) ? Number(valueText) : NaN;
    if (Number.isNaN(value)) issues.push({ path: "value", message: s.notANumber });
    const fy = parseFiscalYear(values.fiscalYear, { min: 1900, max: 2200 });
    if (!fy.ok) issues.push({ path: "fiscalYear", message: s.badFiscalYear });
    if (issues.length > 0) return renderOne(request, reply, viewer, values, issues);
    const isNew = values.indicatorCode === "";
    const result = await attempt(() =>
      db.transaction().execute((trx) =>
        acceptProposal(
          trx,
          doc.plan.id,
          proposal.id,
          {
            as: values.as,
            ...(isNew
              ? {
                  ...(values.name.trim() ? { name: values.name } : {}),
                  ...(values.kind ? { kind: values.kind } : {}),
                }
              : { indicatorCode: values.indicatorCode }),
            value,
            fiscalYear: fy.ok ? fy.value : proposal.fiscalYear,
            note: values.note,
          },
          { actor: actorOf(viewer.principal), clock },
        ),
      ),
    );
    if (!result.ok) return renderOne(request, reply, viewer, values, acceptIssues(s, result.issues));
    const into = new URLSearchParams({
      done: "accepted",
      action: String(result.value.actionNumber),
      indicator: result.value.indicatorCode,
    });
    return reply.redirect(`${staffUrls.proposals(doc.plan.id)}?${into.toString()}`, 303);
  });

  scope.post<ProposalParams>("/plans/:planId/indicator-proposals/:id/reject", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const { doc, proposal } = await findProposal(request.params.planId, request.params.id);
    const form = formValues(request.body);
    const baseVersion = /^\d{1,9}$/.test(form.baseVersion ?? "") ? Number(form.baseVersion) : -1;
    const result = await attempt(() =>
      db
        .transaction()
        .execute((trx) =>
          rejectProposal(
            trx,
            doc.plan.id,
            proposal.id,
            { note: form.note ?? "", baseVersion },
            { actor: actorOf(viewer.principal), clock },
          ),
        ),
    );
    if (!result.ok) {
      // Someone decided since this page was shown (or the form was tampered with): the page
      // again, as it is now, saying so beside the note.
      const s = staffText(deps.context(request, reply));
      return renderOne(request, reply, viewer, undefined, [{ path: "", message: s.proposalChanged }]);
    }
    return reply.redirect(`${staffUrls.proposals(doc.plan.id)}?done=rejected`, 303);
  });
}
