import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actionsOwnedBy } from "../../../core/access/action-owners.js";
import { ROLES, type Role } from "../../../core/access/roles.js";
import {
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  updateAccount,
} from "../../../core/accounts/account.service.js";
import { listAccessTokens, revokeAccessToken } from "../../../core/accounts/token.service.js";
import { auditFilterSchema, toAuditFilter } from "../../../core/audit/audit-filter.js";
import { actorOf } from "../../../core/audit/audit.js";
import { listAudit } from "../../../core/audit/audit.query.js";
import type { Issue } from "../../../core/errors.js";
import { toIssues } from "../../../core/validation.js";
import {
  accountText,
  accountUrls,
  formValues,
  sendAccountPage,
  type AccountPageDeps,
  type Viewer,
} from "./account-context.js";
import { AccountsPage, AdminAccountPage } from "./admin.page.js";
import { AUDIT_PAGE_SIZE, AuditPage, type AuditFormValues } from "./audit.page.js";
import { AccountMessagePage } from "./messages.page.js";
import { attempt, pageViewer } from "./page-guard.js";
import { doneNotice } from "./session-pages.routes.js";

type AccountParams = { Params: { accountId: string } };

const asRole = (value: string | undefined): Role | undefined =>
  (ROLES as readonly string[]).includes(value ?? "") ? (value as Role) : undefined;

/** Account administration and the audit log: administrators only. */
export function registerAdminPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;
  const acting = (request: FastifyRequest, viewer: Viewer) => ({
    actor: actorOf(viewer.principal),
    ip: request.ip,
    clock,
  });
  const admin = (request: FastifyRequest, reply: FastifyReply) => pageViewer(deps, request, reply, "admin");

  /** The account of the URL, or a 404 page already sent. */
  const accountOf = async (request: FastifyRequest<AccountParams>, reply: FastifyReply, viewer: Viewer) => {
    const id = z.uuid().safeParse(request.params.accountId);
    const account = id.success ? await getAccount(db, id.data).catch(() => undefined) : undefined;
    if (account) return account;
    const ctx = deps.context(request, reply);
    const a = accountText(ctx);
    await sendAccountPage(
      reply,
      <AccountMessagePage
        ctx={ctx}
        viewer={viewer}
        title={a.accountsTitle}
        message={a.accountNotFound}
        status={404}
      />,
      404,
    );
    return undefined;
  };

  const renderAccount = async (
    request: FastifyRequest<AccountParams>,
    reply: FastifyReply,
    viewer: Viewer,
    accountId: string,
    issues: readonly Issue[] = [],
    status = 200,
  ) => {
    const ctx = deps.context(request, reply);
    const page = (
      <AdminAccountPage
        ctx={ctx}
        viewer={viewer}
        account={await getAccount(db, accountId)}
        tokens={await listAccessTokens(db, accountId, clock)}
        owned={await actionsOwnedBy(db, accountId)}
        notice={doneNotice(accountText(ctx), (request.query as Record<string, unknown> | undefined)?.done)}
        issues={issues}
      />
    );
    return sendAccountPage(reply, page, status);
  };

  scope.get("/admin/accounts", async (request, reply) => {
    const viewer = await admin(request, reply);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    return sendAccountPage(
      reply,
      <AccountsPage ctx={ctx} viewer={viewer} accounts={await listAccounts(db)} />,
    );
  });

  scope.post("/admin/accounts", async (request, reply) => {
    const viewer = await admin(request, reply);
    if (!viewer) return reply;
    const form = formValues(request.body);
    const values = { email: form.email ?? "", displayName: form.displayName ?? "", role: form.role ?? "" };
    const result = await attempt(() =>
      createAccount(
        db,
        {
          email: values.email,
          ...(values.displayName.trim() ? { displayName: values.displayName } : {}),
          role: asRole(values.role) ?? ("" as Role),
          password: form.password ?? "",
          mustChangePassword: true,
        },
        acting(request, viewer),
      ),
    );
    if (!result.ok) {
      const ctx = deps.context(request, reply);
      const page = (
        <AccountsPage
          ctx={ctx}
          viewer={viewer}
          accounts={await listAccounts(db)}
          issues={result.issues}
          values={values}
        />
      );
      return sendAccountPage(reply, page, 400);
    }
    return reply.redirect(`${accountUrls.adminAccount(result.value.id)}?done=created`, 303);
  });

  scope.get<AccountParams>("/admin/accounts/:accountId", async (request, reply) => {
    const viewer = await admin(request, reply);
    const account = viewer ? await accountOf(request, reply, viewer) : undefined;
    return viewer && account ? renderAccount(request, reply, viewer, account.id) : reply;
  });

  scope.post<AccountParams>("/admin/accounts/:accountId", async (request, reply) => {
    const viewer = await admin(request, reply);
    const account = viewer ? await accountOf(request, reply, viewer) : undefined;
    if (!viewer || !account) return reply;
    const form = formValues(request.body);
    const result = await attempt(() =>
      updateAccount(
        db,
        account.id,
        { displayName: form.displayName, role: asRole(form.role), disabled: form.disabled === "on" },
        acting(request, viewer),
      ),
    );
    if (!result.ok) return renderAccount(request, reply, viewer, account.id, result.issues, 400);
    return reply.redirect(`${accountUrls.adminAccount(account.id)}?done=saved`, 303);
  });

  scope.post<AccountParams>("/admin/accounts/:accountId/password-reset", async (request, reply) => {
    const viewer = await admin(request, reply);
    const account = viewer ? await accountOf(request, reply, viewer) : undefined;
    if (!viewer || !account) return reply;
    const form = formValues(request.body);
    const result = await attempt(() =>
      resetPassword(db, account.id, form.newPassword ?? "", acting(request, viewer)),
    );
    if (!result.ok) {
      const issues = result.issues.map((i) => (i.path === "password" ? { ...i, path: "newPassword" } : i));
      return renderAccount(request, reply, viewer, account.id, issues, 400);
    }
    return reply.redirect(`${accountUrls.adminAccount(account.id)}?done=reset`, 303);
  });

  scope.post<{ Params: { accountId: string; tokenId: string } }>(
    "/admin/accounts/:accountId/tokens/:tokenId/revoke",
    async (request, reply) => {
      const viewer = await admin(request, reply);
      const account = viewer ? await accountOf(request, reply, viewer) : undefined;
      if (!viewer || !account) return reply;
      await revokeAccessToken(db, account.id, request.params.tokenId, acting(request, viewer));
      return reply.redirect(`${accountUrls.adminAccount(account.id)}?done=revoked`, 303);
    },
  );

  scope.get("/admin/audit", async (request, reply) => {
    const viewer = await admin(request, reply);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const values: AuditFormValues = {};
    for (const key of ["kind", "actor", "from", "to"] as const) {
      const v = raw[key];
      if (typeof v === "string" && v.trim() !== "") values[key] = v.trim();
    }
    const offsetText = typeof raw.offset === "string" ? raw.offset : "0";
    const offset = /^\d{1,9}$/.test(offsetText) ? Number(offsetText) : 0;
    const parsed = auditFilterSchema.safeParse(values);
    if (!parsed.success) {
      const issues = toIssues(parsed.error, "", values);
      return sendAccountPage(
        reply,
        <AuditPage ctx={ctx} viewer={viewer} values={values} offset={0} result={null} issues={issues} />,
        400,
      );
    }
    const result = await listAudit(db, toAuditFilter(parsed.data), { limit: AUDIT_PAGE_SIZE, offset });
    return sendAccountPage(
      reply,
      <AuditPage ctx={ctx} viewer={viewer} values={values} offset={offset} result={result} issues={[]} />,
    );
  });
}
