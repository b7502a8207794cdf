import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../../core/access/roles.js";
import { DomainError, type Issue } from "../../../core/errors.js";
import { statusOf } from "../../errors.js";
import {
  accountText,
  accountUrls,
  hasRole,
  sendAccountPage,
  viewerOf,
  type AccountPageDeps,
  type Viewer,
} from "./account-context.js";
import { AccountMessagePage } from "./messages.page.js";

/**
 * Who may see an account page. Not signed in: a GET is sent to the sign-in page (and back after),
 * a form post gets 401 with a link to sign in. Signed in below the role: 403. A session whose
 * password an administrator reset goes to /account until the password is changed.
 */
export async function pageViewer(
  deps: AccountPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  role: Role = "viewer",
  options: { pendingPasswordChangeOk?: boolean } = {},
): Promise<Viewer | null> {
  const viewer = await viewerOf(deps, request);
  const ctx = deps.context(request, reply);
  const a = accountText(ctx);
  if (!viewer) {
    const here = request.url;
    if (request.method === "GET") {
      await reply.redirect(accountUrls.signIn(here), 303);
      return null;
    }
    await sendAccountPage(
      reply,
      <AccountMessagePage
        ctx={ctx}
        viewer={null}
        title={a.signInTitle}
        message={a.signInAgain}
        status={401}
        signInLink={accountUrls.signIn()}
      />,
      401,
    );
    return null;
  }
  if (!hasRole(viewer, role)) {
    await sendAccountPage(
      reply,
      <AccountMessagePage
        ctx={ctx}
        viewer={viewer}
        title={a.forbiddenTitle}
        message={a.forbiddenBody(a.roles[role])}
        status={403}
      />,
      403,
    );
    return null;
  }
  if (viewer.account.mustChangePassword && !options.pendingPasswordChangeOk) {
    await reply.redirect(accountUrls.account(), 303);
    return null;
  }
  return viewer;
}

/** The issues of a refused form: the error's own, or its message as one issue without a field. */
export function issuesOf(error: unknown): Issue[] | null {
  if (!(error instanceof DomainError)) return null;
  const status = statusOf(error);
  if (status !== 400 && status !== 409) return null;
  return error.issues.length > 0 ? [...error.issues] : [{ path: "", message: error.message }];
}

/** Runs a change; returns the issues to show when the input was refused (400/409), rethrows the rest. */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; issues: Issue[] }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return { ok: false, issues };
  }
}
