import { staffActorNames } from "./staff-actors.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, notFound, type Issue } from "../../../core/errors.js";
import type { Db } from "../../../core/plan/plan.repository.js";
import { sourceRegistry } from "../../../core/indicator-sources/all-sources.js";
import { computeActionBindings } from "../../../core/indicator-sources/plan-bindings.js";
import { requireEditor } from "../../../core/review/review.permissions.js";
import { findCycle, findReview } from "../../../core/review/review.repository.js";
import type { ReviewContent, ReviewStatus } from "../../../core/review/review.schema.js";
import {
  approveReview,
  reopenReview,
  returnReview,
  saveDraft,
  submitReview,
} from "../../../core/review/review.service.js";
import { actorOf } from "../../api/common.js";
import { statusOf } from "../../errors.js";
import { formValues, sendAccountPage, type Viewer } from "../account/account-context.js";
import { pageViewer } from "../account/page-guard.js";
import type { ConflictView } from "./conflict.js";
import {
  contentFromValues,
  fieldOfPath,
  valuesFromForm,
  valuesOf,
  type ReviewFormValues,
} from "./review-form.parse.js";
import { ReviewFormPage, type ReviewFormPageProps } from "./review-form.page.js";
import { coreMessage } from "../i18n/core-messages.js";
import { doneOf, planOf, staffText, staffUrls, wholeNumber, type StaffPageDeps } from "./staff-context.js";

type Params = { Params: { planId: string; fiscalYear: string; number: string } };
type Step = "approve" | "return" | "reopen";

/** The conflict a refused save carries (the core's details), as the page shows it. */
function conflictOf(
  error: DomainError,
  values: (c: ReviewContent) => ReviewFormValues,
): ConflictView | undefined {
  const d = error.details as
    | {
        currentVersion: number;
        status: ReviewStatus;
        changes: { actor: string; at: string }[];
        current: ReviewContent;
      }
    | undefined;
  if (!d?.current) return undefined;
  const last = d.changes[d.changes.length - 1];
  return {
    who: last?.actor ?? "",
    at: last?.at ?? "",
    status: d.status,
    version: d.currentVersion,
    theirs: values(d.current),
  };
}

/** The review form of one action in a cycle, its save, and the steps of the approval. */
export function registerReviewFormPages(scope: FastifyInstance, deps: StaffPageDeps): void {
  const { db, clock, owns } = deps;
  const tx = <T,>(fn: (trx: Db) => Promise<T>) => db.transaction().execute(fn);

  const load = async (request: FastifyRequest<Params>) => {
    const doc = await planOf(deps, request.params.planId);
    const fy = wholeNumber(request.params.fiscalYear, "fiscal year");
    const n = wholeNumber(request.params.number, "action");
    const action = doc.actions.find((a) => a.number === n);
    const cycle = await findCycle(db, doc.plan.id, fy);
    const review = await findReview(db, doc.plan.id, fy, n);
    if (!action || !cycle || !review) throw notFound(`the review of action ${n}`);
    return { doc, fy, n, action, cycle, review };
  };

  const mayEdit = async (viewer: Viewer, planId: string, n: number) => {
    try {
      await requireEditor(actorOf(viewer.principal), owns, planId, n, db);
      return true;
    } catch {
      return false;
    }
  };

  const render = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    viewer: Viewer,
    extra: Partial<ReviewFormPageProps> = {},
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const { doc, action, cycle, review } = await load(request);
    const name = await staffActorNames(db, ctx, [review.updatedBy, extra.conflict?.who ?? ""]);
    const conflict = extra.conflict ? { conflict: { ...extra.conflict, who: name(extra.conflict.who) } } : {};
    const page = (
      <ReviewFormPage
        ctx={ctx}
        viewer={viewer}
        doc={doc}
        action={action}
        cycle={cycle}
        review={{ ...review, updatedBy: name(review.updatedBy) }}
        values={valuesOf(action, review.content)}
        baseVersion={review.version}
        mayEdit={await mayEdit(viewer, doc.plan.id, action.number)}
        computed={await computeActionBindings(
          db,
          sourceRegistry,
          doc,
          action.number,
          cycle.fiscalYear,
          clock,
        )}
        {...extra}
        {...conflict}
      />
    );
    return sendAccountPage(reply, page, status);
  };

  const notices = (request: FastifyRequest, ctx: ReturnType<typeof deps.context>) => {
    const s = staffText(ctx);
    const done = doneOf(request);
    const known: Record<string, string> = {
      saved: s.saved,
      submitted: s.submitted,
      approved: s.approved,
      returned: s.returned,
      reopened: s.reopened,
    };
    return done ? known[done] : undefined;
  };

  scope.get<Params>("/plans/:planId/reviews/:fiscalYear/actions/:number", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer");
    if (!viewer) return reply;
    return render(request, reply, viewer, { notice: notices(request, deps.context(request, reply)) });
  });

  scope.post<Params>("/plans/:planId/reviews/:fiscalYear/actions/:number", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "action_owner");
    if (!viewer) return reply;
    const { lang } = deps.context(request, reply);
    const s = staffText(deps.context(request, reply));
    const { doc, fy, n, action, review } = await load(request);
    const form = formValues(request.body);
    const values = valuesFromForm(action, form);
    const baseVersion = Number(form.baseVersion);
    const submit = form.intent === "submit";
    const { content, issues } = contentFromValues(values, s);
    const refused = (extra: Partial<ReviewFormPageProps>, status: number) =>
      render(request, reply, viewer, { values, baseVersion, ...extra }, status);
    if (!Number.isInteger(baseVersion) || baseVersion < 1)
      throw new DomainError("validation_failed", "the form lacks its version; reload the page");
    if (issues.length > 0) return refused({ issues }, 400);
    const actor = actorOf(viewer.principal);
    try {
      await tx(async (trx) => {
        let version = baseVersion;
        // Saving what is already saved would only add an empty version; submit builds on it.
        if (
          !submit ||
          JSON.stringify(content) !== JSON.stringify(review.content) ||
          version !== review.version
        ) {
          version = (
            await saveDraft(trx, doc.plan.id, fy, n, { baseVersion, content }, { actor, owns, clock })
          ).version;
        }
        if (submit) await submitReview(trx, doc.plan.id, fy, n, version, { actor, owns, clock });
      });
    } catch (error) {
      if (!(error instanceof DomainError) || ![400, 409].includes(statusOf(error))) throw error;
      const conflict = error.code === "conflict" ? conflictOf(error, (c) => valuesOf(action, c)) : undefined;
      if (conflict) return refused({ conflict, baseVersion: conflict.version }, 409);
      const found: Issue[] = error.issues
        .filter((i) => i.path !== "baseVersion")
        .map((i) => {
          const path = fieldOfPath(i.path, content);
          return {
            path,
            message:
              path === "results" && /must not be empty/.test(i.message)
                ? s.resultsRequired
                : coreMessage(lang, i.message),
          };
        });
      return refused(
        found.length > 0 ? { issues: found } : { problem: coreMessage(lang, error.message) },
        statusOf(error),
      );
    }
    return reply.redirect(
      `${staffUrls.review(doc.plan.id, fy, n)}?done=${submit ? "submitted" : "saved"}`,
      303,
    );
  });

  const step = (name: Step, done: string) =>
    scope.post<Params>(
      `/plans/:planId/reviews/:fiscalYear/actions/:number/${name}`,
      async (request, reply) => {
        const viewer = await pageViewer(deps, request, reply, "plan_manager");
        if (!viewer) return reply;
        const s = staffText(deps.context(request, reply));
        const { doc, fy, n } = await load(request);
        const form = formValues(request.body);
        const baseVersion = Number(form.baseVersion);
        const actor = actorOf(viewer.principal);
        const context = { actor, owns, clock };
        const comment = form.comment ?? "";
        try {
          await tx(async (trx) => {
            if (name === "approve") return approveReview(trx, doc.plan.id, fy, n, baseVersion, context);
            if (name === "reopen") return reopenReview(trx, doc.plan.id, fy, n, baseVersion, context);
            return returnReview(trx, doc.plan.id, fy, n, { baseVersion, comment }, context);
          });
        } catch (error) {
          if (!(error instanceof DomainError) || ![400, 409].includes(statusOf(error))) throw error;
          if (name === "return" && error.issues.some((i) => i.path === "comment")) {
            return render(
              request,
              reply,
              viewer,
              { issues: [{ path: "comment", message: s.returnCommentRequired }], returnComment: comment },
              400,
            );
          }
          const conflict = error.code === "conflict" && error.details ? s.stepConflict : undefined;
          return render(
            request,
            reply,
            viewer,
            {
              problem: conflict ?? coreMessage(deps.context(request, reply).lang, error.message),
              returnComment: comment,
            },
            statusOf(error),
          );
        }
        return reply.redirect(`${staffUrls.review(doc.plan.id, fy, n)}?done=${done}`, 303);
      },
    );
  step("approve", "approved");
  step("return", "returned");
  step("reopen", "reopened");
}
