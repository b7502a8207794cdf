import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actionsOwnedBy } from "../../../core/access/action-owners.js";
import { actorOf } from "../../../core/audit/audit.js";
import { changeOwnPassword } from "../../../core/accounts/account.service.js";
import { createSession, listSessions } from "../../../core/accounts/session.service.js";
import { signOutEverywhere } from "../../../core/accounts/sign-out.service.js";
import {
  createAccessToken,
  listAccessTokens,
  revokeAccessToken,
} from "../../../core/accounts/token.service.js";
import { clearSessionCookie, setSessionCookie } from "../../auth/cookies.js";
import { listPlans } from "../../../core/plan/plan.service.js";
import {
  accountText,
  hasRole,
  accountUrls,
  formValues,
  sendAccountPage,
  type AccountPageDeps,
  type Viewer,
} from "./account-context.js";
import { MyAccountPage, TOKEN_DAYS, type MyAccountProps } from "./my-account.page.js";
import { attempt, pageViewer } from "./page-guard.js";
import { doneNotice } from "./session-pages.routes.js";

/** `/account` and the forms on it: password, tokens, sign-out everywhere. */
export function registerMyAccountPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock, sessionPolicy } = deps;
  const acting = (request: FastifyRequest, viewer: Viewer) => ({
    actor: actorOf(viewer.principal),
    ip: request.ip,
    clock,
  });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    extra: Partial<MyAccountProps> = {},
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const sessions = (await listSessions(db, viewer.account.id)).map((s) => ({
      ...s,
      current: s.id === viewer.principal.sessionId,
    }));
    const owned = await actionsOwnedBy(db, viewer.account.id);
    const manager = hasRole(viewer, "plan_manager");
    const reviewPlans = (await listPlans(db))
      .filter((p) => manager || owned.some((o) => o.planId === p.id))
      .map((p) => ({ id: p.id, title: p.title }));
    const page = (
      <MyAccountPage
        ctx={ctx}
        viewer={viewer}
        owned={owned}
        reviewPlans={reviewPlans}
        sessions={sessions}
        tokens={await listAccessTokens(db, viewer.account.id, clock)}
        notice={doneNotice(accountText(ctx), (request.query as Record<string, unknown> | undefined)?.done)}
        {...extra}
      />
    );
    return sendAccountPage(reply, page, status);
  };

  scope.get("/account", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer", { pendingPasswordChangeOk: true });
    return viewer ? render(request, reply, viewer) : reply;
  });

  scope.post("/account/password", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer", { pendingPasswordChangeOk: true });
    if (!viewer) return reply;
    const a = accountText(deps.context(request, reply));
    const form = formValues(request.body);
    if ((form.newPassword ?? "") !== (form.newPasswordAgain ?? "")) {
      return render(
        request,
        reply,
        viewer,
        { passwordIssues: [{ path: "newPasswordAgain", message: a.passwordsDiffer }] },
        400,
      );
    }
    const result = await attempt(() =>
      changeOwnPassword(
        db,
        viewer.account.id,
        { current: form.currentPassword ?? "", next: form.newPassword ?? "" },
        acting(request, viewer),
      ),
    );
    if (!result.ok) return render(request, reply, viewer, { passwordIssues: result.issues }, 400);
    // Every session ended with the change; this browser gets a fresh one.
    const session = await createSession(
      db,
      viewer.account.id,
      { ip: request.ip, userAgent: request.headers["user-agent"] ?? null },
      sessionPolicy,
      clock,
    );
    setSessionCookie(request, reply, session.token, sessionPolicy.absoluteMs);
    return reply.redirect(`${accountUrls.account()}?done=password`, 303);
  });

  scope.post("/account/tokens", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply);
    if (!viewer) return reply;
    const form = formValues(request.body);
    const days = Number(form.expiresInDays);
    const values = { name: form.name ?? "", scope: form.scope ?? "read", days: form.expiresInDays ?? "90" };
    const result = await attempt(() =>
      createAccessToken(
        db,
        viewer.account.id,
        {
          name: values.name,
          scope: values.scope as "read",
          expiresInDays: (TOKEN_DAYS as readonly number[]).includes(days) ? days : Number.NaN,
        },
        acting(request, viewer),
      ),
    );
    if (!result.ok)
      return render(request, reply, viewer, { tokenIssues: result.issues, tokenValues: values }, 400);
    return render(request, reply, viewer, {
      newToken: { name: result.value.token.name, secret: result.value.secret },
    });
  });

  scope.post<{ Params: { tokenId: string } }>("/account/tokens/:tokenId/revoke", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply);
    if (!viewer) return reply;
    await revokeAccessToken(db, viewer.account.id, request.params.tokenId, acting(request, viewer));
    return reply.redirect(`${accountUrls.account()}?done=revoked`, 303);
  });

  scope.post("/account/sign-out-everywhere", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, "viewer", { pendingPasswordChangeOk: true });
    if (!viewer) return reply;
    await signOutEverywhere(db, viewer.principal, { ip: request.ip, clock });
    clearSessionCookie(request, reply);
    return reply.redirect(`${accountUrls.signIn()}?done=signed-out`, 303);
  });
}
