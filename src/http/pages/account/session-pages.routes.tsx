import { COMPANY_MEMBER } from "../../../core/access/roles.js";
import type { FastifyInstance } from "fastify";
import { createSession, revokeSession } from "../../../core/accounts/session.service.js";
import { completeSetup, setupTokenUsable } from "../../../core/accounts/setup.service.js";
import { signIn } from "../../../core/accounts/sign-in.service.js";
import { signOut } from "../../../core/accounts/sign-out.service.js";
import { TooManyAttemptsError } from "../../../core/accounts/throttle.js";
import { DomainError, type Issue } from "../../../core/errors.js";
import { clearSessionCookie, setSessionCookie } from "../../auth/cookies.js";
import {
  accountText,
  accountUrls,
  formValues,
  safeNext,
  sendAccountPage,
  viewerOf,
  type AccountPageDeps,
} from "./account-context.js";
import { AccountMessagePage } from "./messages.page.js";
import { attempt } from "./page-guard.js";
import { SetupPage, SignInPage } from "./sign-in.page.js";

/** Where a company member lands after signing in (the portal pages answer it). */
export const MY_COMPANY_URL = "/my-company";

/** Messages for `?done=` after a redirect (post, redirect, get). */
export function doneNotice(a: ReturnType<typeof accountText>, done: unknown): string | undefined {
  const notices: Record<string, string> = {
    "signed-out": a.signedOut,
    password: a.passwordChanged,
    revoked: a.tokenRevoked,
    created: a.accountCreated,
    saved: a.accountSaved,
    reset: a.passwordReset,
  };
  return typeof done === "string" ? notices[done] : undefined;
}

/** Sign-in, sign-out and the first administrator's setup page. */
export function registerSessionPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock, sessionPolicy } = deps;
  const query = (request: { query: unknown }) => (request.query ?? {}) as Record<string, unknown>;

  scope.get("/sign-in", async (request, reply) => {
    const ctx = deps.context(request, reply);
    const q = query(request);
    return sendAccountPage(
      reply,
      <SignInPage
        ctx={ctx}
        viewer={await viewerOf(deps, request)}
        next={safeNext(q.next)}
        notice={doneNotice(accountText(ctx), q.done)}
      />,
    );
  });

  scope.post("/sign-in", async (request, reply) => {
    const ctx = deps.context(request, reply);
    const a = accountText(ctx);
    const form = formValues(request.body);
    const next = safeNext(form.next);
    const previous = await deps.auth.resolve(request);
    const refuse = async (status: number, problem: string) =>
      sendAccountPage(
        reply,
        <SignInPage
          ctx={ctx}
          viewer={await viewerOf(deps, request)}
          email={form.email ?? ""}
          next={next}
          problem={problem}
        />,
        status,
      );
    try {
      const { account, session } = await signIn(
        db,
        {
          email: form.email ?? "",
          password: form.password ?? "",
          ip: request.ip,
          userAgent: request.headers["user-agent"],
        },
        { clock, session: sessionPolicy },
      );
      // A new session id at every sign-in; the one the browser had ends.
      if (previous.via === "session") await revokeSession(db, previous.principal.sessionId!);
      setSessionCookie(request, reply, session.token, sessionPolicy.absoluteMs);
      // A firm's account has no staff pages: its home is its own company's profile.
      const home = account.role === COMPANY_MEMBER ? MY_COMPANY_URL : accountUrls.account();
      return reply.redirect(account.mustChangePassword ? accountUrls.account() : (next ?? home), 303);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        reply.header("retry-after", String(error.retryAfterSeconds));
        return refuse(429, a.tooManyAttempts(Math.ceil(error.retryAfterSeconds / 60)));
      }
      if (error instanceof DomainError && error.code === "unauthorized")
        return refuse(401, a.wrongCredentials);
      throw error;
    }
  });

  scope.post("/sign-out", async (request, reply) => {
    const auth = await deps.auth.resolve(request);
    if (auth.via === "session") await signOut(db, auth.principal, { ip: request.ip, clock });
    clearSessionCookie(request, reply);
    return reply.redirect(`${accountUrls.signIn()}?done=signed-out`, 303);
  });

  scope.get("/setup", async (request, reply) => {
    const ctx = deps.context(request, reply);
    const token = typeof query(request).token === "string" ? (query(request).token as string) : "";
    if (!(await setupTokenUsable(db, token, clock))) {
      const a = accountText(ctx);
      return sendAccountPage(
        reply,
        <AccountMessagePage
          ctx={ctx}
          viewer={null}
          title={a.setupTitle}
          message={a.setupInvalid}
          status={403}
        />,
        403,
      );
    }
    return sendAccountPage(reply, <SetupPage ctx={ctx} token={token} values={{}} issues={[]} />);
  });

  scope.post("/setup", async (request, reply) => {
    const ctx = deps.context(request, reply);
    const a = accountText(ctx);
    const form = formValues(request.body);
    const values = { email: form.email ?? "", displayName: form.displayName ?? "" };
    const again = (issues: Issue[]) =>
      sendAccountPage(
        reply,
        <SetupPage ctx={ctx} token={form.token ?? ""} values={values} issues={issues} />,
        400,
      );
    if ((form.password ?? "") !== (form.passwordAgain ?? "")) {
      return again([{ path: "passwordAgain", message: a.passwordsDiffer }]);
    }
    try {
      const result = await attempt(() =>
        completeSetup(
          db,
          {
            token: form.token ?? "",
            email: values.email,
            ...(values.displayName.trim() ? { displayName: values.displayName } : {}),
            password: form.password ?? "",
          },
          { ip: request.ip, clock },
        ),
      );
      if (!result.ok) return again(result.issues);
      const session = await createSession(
        db,
        result.value.id,
        { ip: request.ip, userAgent: request.headers["user-agent"] ?? null },
        sessionPolicy,
        clock,
      );
      setSessionCookie(request, reply, session.token, sessionPolicy.absoluteMs);
      return reply.redirect(accountUrls.account(), 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === "forbidden") {
        return sendAccountPage(
          reply,
          <AccountMessagePage
            ctx={ctx}
            viewer={null}
            title={a.setupTitle}
            message={a.setupInvalid}
            status={403}
          />,
          403,
        );
      }
      throw error;
    }
  });
}
