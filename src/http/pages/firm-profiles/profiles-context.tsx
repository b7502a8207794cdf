import type { FastifyReply, FastifyRequest } from "fastify";
import { COMPANY_MEMBER } from "../../../core/access/roles.js";
import type { Issue } from "../../../core/errors.js";
import {
  accountText,
  accountUrls,
  sendAccountPage,
  viewerOf,
  type AccountPageDeps,
  type Viewer,
} from "../account/account-context.js";
import { AccountMessagePage } from "../account/messages.page.js";
import { companiesText } from "../companies/portal-layout.js";
import type { PageContext } from "../context.js";
import { profilesText } from "./profiles-text.js";

/**
 * The signed-in firm member looking at its own company's page. Not signed in: a GET goes to
 * sign-in (and back), a post gets 401; a staff account or a member without a company gets 403.
 */
export async function memberViewer(
  deps: AccountPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<(Viewer & { companyId: string }) | null> {
  const viewer = await viewerOf(deps, request);
  const ctx = deps.context(request, reply);
  const a = accountText(ctx);
  if (!viewer) {
    if (request.method === "GET") {
      await reply.redirect(accountUrls.signIn(request.url), 303);
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
  const companyId = viewer.principal.companyId;
  if (viewer.principal.role !== COMPANY_MEMBER || companyId === undefined) {
    await sendAccountPage(
      reply,
      <AccountMessagePage
        ctx={ctx}
        viewer={viewer}
        title={a.forbiddenTitle}
        message={a.forbiddenBody(a.roles[COMPANY_MEMBER])}
        status={403}
      />,
      403,
    );
    return null;
  }
  if (viewer.account.mustChangePassword) {
    await reply.redirect(accountUrls.account(), 303);
    return null;
  }
  return { ...viewer, companyId };
}

/**
 * Issues as a person reads them: the field's label first ("設備2 能力: …"), the core's words after,
 * so the summary names the field even where the core's message is only "is required".
 */
export function labelIssues(ctx: PageContext, issues: readonly Issue[]): Issue[] {
  const t = companiesText(ctx);
  const p = profilesText(ctx);
  return issues.map((issue) => {
    const top = /^([a-zA-Z]+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(issue.path);
    if (!top) return issue;
    const [, field, index, sub] = top;
    let label = (t.fields as Record<string, string>)[field!] ?? "";
    if (field === "equipment" && index !== undefined) {
      const subLabel: Record<string, string> = {
        kind: p.machineKind,
        count: p.machineCount,
        specs: p.machineSpecs,
        maker: p.machineMaker,
        model: p.machineModel,
      };
      label = `${p.machine(Number(index) + 1)} ${subLabel[sub ?? ""] ?? ""}`.trim();
    } else if (field === "certifications" && index !== undefined) {
      label = sub === "expires" ? p.certExpires(Number(index) + 1) : p.certName(Number(index) + 1);
    } else if (field === "fields") {
      label = p.privateFields;
    } else if (index !== undefined) {
      label = `${label} ${Number(index) + 1}`;
    }
    return label ? { ...issue, message: `${label}: ${issue.message}` } : issue;
  });
}

/** The site's own address, for links staff pass on (invitations). */
export function siteOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
