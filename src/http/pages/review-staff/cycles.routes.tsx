import { staffActorNames } from "./staff-actors.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listActionOwners } from "../../../core/access/action-owners.js";
import { DomainError, type Issue } from "../../../core/errors.js";
import { japanDateTime, parseFiscalYear } from "../../../core/fiscal/index.js";
import { copyForward } from "../../../core/review/copy-forward.js";
import { closeCycle, cycleStatus, openCycle } from "../../../core/review/cycle.service.js";
import { publishReviews } from "../../../core/review/publish.js";
import { listCycles, listReviews } from "../../../core/review/review.repository.js";
import { actorOf } from "../../api/common.js";
import { formValues, sendAccountPage } from "../account/account-context.js";
import { attempt, pageViewer } from "../account/page-guard.js";
import type { ReviewStaffMessages } from "../i18n/review-staff.ja.js";
import { CyclePage, type CycleFilter } from "./cycle.page.js";
import { CyclesPage, type CyclesPageProps } from "./cycles.page.js";
import { coreIssues, coreMessage } from "../i18n/core-messages.js";
import { doneOf, planOf, staffText, staffUrls, wholeNumber, type StaffPageDeps } from "./staff-context.js";

type PlanParams = { Params: { planId: string } };
type CycleParams = { Params: { planId: string; fiscalYear: string } };

function cycleNotice(s: ReviewStaffMessages, request: FastifyRequest, fyLabel: string): string | undefined {
  const n = Number((request.query as Record<string, unknown> | undefined)?.n ?? 0);
  switch (doneOf(request) ?? "") {
    case "opened":
      return s.cycleOpened(fyLabel);
    case "copied":
      return n > 0 ? s.copiedForward(n) : s.copiedNothing;
    case "published":
      return s.published(n);
    case "closed":
      return s.cycleClosed;
    default:
      return undefined;
  }
}

/** Translates the core's refusals of the open form into the form's words, field by field. */
function openIssues(s: ReviewStaffMessages, issues: readonly Issue[], today: string): Issue[] {
  return issues.map((i) =>
    i.path === "fiscalYear"
      ? { path: i.path, message: s.badFiscalYear }
      : (i.path === "asOf" || i.path === "deadline") && /ISO date/.test(i.message)
        ? { path: i.path, message: s.badDate }
        : i.path === "deadline" && /is in the past/.test(i.message)
          ? { path: i.path, message: s.deadlinePast(today) }
          : i,
  );
}

/** The dashboard of the yearly review: cycles, opening one, and the steps of a whole cycle. */
export function registerCyclePages(scope: FastifyInstance, deps: StaffPageDeps): void {
  const { db, clock } = deps;
  const tx = <T,>(fn: (trx: typeof db) => Promise<T>) => db.transaction().execute(fn);

  const renderCycles = async (
    request: FastifyRequest<PlanParams>,
    reply: FastifyReply,
    extra: Partial<CyclesPageProps> & Pick<CyclesPageProps, "viewer">,
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const doc = await planOf(deps, request.params.planId);
    const page = (
      <CyclesPage ctx={ctx} plan={doc.plan} cycles={await listCycles(db, doc.plan.id)} {...extra} />
    );
    return sendAccountPage(reply, page, status);
  };

  scope.get<PlanParams>("/plans/:planId/reviews", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer");
    return viewer ? renderCycles(request, reply, { viewer }) : reply;
  });

  scope.post<PlanParams>("/plans/:planId/reviews", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "plan_manager");
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const s = staffText(ctx);
    const doc = await planOf(deps, request.params.planId);
    const form = formValues(request.body);
    const values = {
      fiscalYear: form.fiscalYear ?? "",
      asOf: form.asOf ?? "",
      deadline: form.deadline ?? "",
    };
    const fy = parseFiscalYear(values.fiscalYear, { min: 1900, max: 2200 });
    const result = await attempt(async () => {
      if (!fy.ok)
        throw new DomainError("validation_failed", s.badFiscalYear, [
          { path: "fiscalYear", message: s.badFiscalYear },
        ]);
      return tx((trx) =>
        openCycle(
          trx,
          doc.plan.id,
          { fiscalYear: fy.value, asOf: values.asOf, deadline: values.deadline },
          {
            actor: actorOf(viewer.principal),
            clock,
          },
        ),
      );
    });
    if (!result.ok) {
      const today = ctx.f.date(japanDateTime(clock.now().toISOString()).date);
      const issues = coreIssues(ctx.lang, openIssues(s, result.issues, today));
      return renderCycles(request, reply, { viewer, issues, values }, 400);
    }
    return reply.redirect(`${staffUrls.cycle(doc.plan.id, result.value.fiscalYear)}?done=opened`, 303);
  });

  const renderCycle = async (
    request: FastifyRequest<CycleParams>,
    reply: FastifyReply,
    viewer: NonNullable<Awaited<ReturnType<typeof pageViewer>>>,
    extra: { problem?: string; confirmPublish?: boolean } = {},
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const s = staffText(ctx);
    const doc = await planOf(deps, request.params.planId);
    const fy = wholeNumber(request.params.fiscalYear, "fiscal year");
    const show = (request.query as Record<string, unknown> | undefined)?.show;
    const filter: CycleFilter = show === "mine" || show === "lacking" ? show : "all";
    const reviews = await listReviews(db, doc.plan.id, fy);
    const name = await staffActorNames(
      db,
      ctx,
      reviews.map((r) => r.updatedBy),
    );
    const page = (
      <CyclePage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        status={await cycleStatus(db, doc.plan.id, fy, clock)}
        reviews={reviews.map((r) => ({ ...r, updatedBy: name(r.updatedBy) }))}
        owners={await listActionOwners(db, doc.plan.id)}
        filter={filter}
        notice={cycleNotice(s, request, ctx.f.fyBoth(fy))}
        problem={extra.problem}
        confirmPublish={extra.confirmPublish ?? false}
      />
    );
    return sendAccountPage(reply, page, status);
  };

  scope.get<CycleParams>("/plans/:planId/reviews/:fiscalYear", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer");
    const confirm = (request.query as Record<string, unknown> | undefined)?.confirm;
    return viewer ? renderCycle(request, reply, viewer, { confirmPublish: confirm === "publish" }) : reply;
  });

  const step = (
    name: "copy-forward" | "publish" | "close",
    role: "action_owner" | "plan_manager",
    run: (planId: string, fy: number, actor: ReturnType<typeof actorOf>) => Promise<number | undefined>,
    done: string,
  ) =>
    scope.post<CycleParams>(`/plans/:planId/reviews/:fiscalYear/${name}`, async (request, reply) => {
      const viewer = await pageViewer(deps, request, reply, role);
      if (!viewer) return reply;
      const s = staffText(deps.context(request, reply));
      const doc = await planOf(deps, request.params.planId);
      const fy = wholeNumber(request.params.fiscalYear, "fiscal year");
      // Publishing cannot be undone: without the confirmation step's answer, ask first.
      if (name === "publish" && formValues(request.body).confirmed !== "yes") {
        return renderCycle(request, reply, viewer, { confirmPublish: true });
      }
      const result = await attempt(() => run(doc.plan.id, fy, actorOf(viewer.principal)));
      if (!result.ok) {
        const message = result.issues[0]!.message;
        const problem =
          name === "publish" && /no approved/.test(message)
            ? s.nothingToPublish
            : coreMessage(deps.context(request, reply).lang, message);
        return renderCycle(request, reply, viewer, { problem }, 409);
      }
      const n = result.value === undefined ? "" : `&n=${result.value}`;
      return reply.redirect(`${staffUrls.cycle(doc.plan.id, fy)}?done=${done}${n}`, 303);
    });

  const { owns } = deps;
  step(
    "copy-forward",
    "action_owner",
    async (planId, fy, actor) =>
      (await tx((trx) => copyForward(trx, planId, fy, { actor, owns, clock }))).length,
    "copied",
  );
  step(
    "publish",
    "plan_manager",
    async (planId, fy, actor) =>
      (await tx((trx) => publishReviews(trx, planId, fy, { actor, owns, clock }))).length,
    "published",
  );
  step(
    "close",
    "plan_manager",
    async (planId, fy, actor) => {
      await tx((trx) => closeCycle(trx, planId, fy, { actor, clock }));
      return undefined;
    },
    "closed",
  );
}
