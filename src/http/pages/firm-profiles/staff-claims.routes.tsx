import type { FastifyInstance } from "fastify";
import { actorOf } from "../../../core/audit/audit.js";
import {
  approveClaim,
  listClaims,
  rejectClaim,
  type Claim,
} from "../../../core/company-members/claim.service.js";
import {
  dateTime,
  formValues,
  sendAccountPage,
  type AccountPageDeps,
  type Viewer,
} from "../account/account-context.js";
import { CsrfField, Notice } from "../account/account-components.js";
import { attempt, pageViewer } from "../account/page-guard.js";
import { DataTable } from "../components/data-table.js";
import { kitText } from "../components/kit-text.js";
import type { PageContext } from "../context.js";
import { ProfilesLayout } from "./profile-view.js";
import { siteOrigin } from "./profiles-context.js";
import { profilesText, profileUrls } from "./profiles-text.js";

const ROLE = "plan_manager";
const NO_SORT = { key: "", direction: "asc" as const };

/**
 * Claims of profiles for plan managers and administrators: approving makes an invitation for the
 * e-mail that asked, shown once to pass on (this server sends no mail); refusing is audited.
 */
export function registerStaffClaimPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;
  const acting = (viewer: Viewer, ip: string) => ({ actor: actorOf(viewer.principal), ip, clock });

  async function claimsPage(viewer: Viewer, ctx: PageContext, notice?: string, link?: string) {
    const p = profilesText(ctx);
    const claims = await listClaims(db, "pending");
    return (
      <ProfilesLayout ctx={ctx} viewer={viewer} title={p.claimsTitle}>
        <Notice text={notice} />
        {link ? (
          <p class="notice">
            <code class="profiles-link">{link}</code>
          </p>
        ) : null}
        <DataTable
          text={{ ...kitText(ctx.lang), none: p.noClaims }}
          caption={p.claimsTable}
          columns={[
            {
              key: "company",
              label: p.colCompany,
              cell: (c: Claim) => <a href={profileUrls.company(c.companyId)}>{c.companyName}</a>,
            },
            { key: "claimant", label: p.colClaimant, cell: (c: Claim) => `${c.name} <${c.email}>` },
            { key: "message", label: p.colMessage, cell: (c: Claim) => c.message },
            { key: "submitted", label: p.colSubmitted, cell: (c: Claim) => dateTime(ctx, c.createdAt) },
            {
              key: "decide",
              label: "",
              cell: (c: Claim) => (
                <div class="profiles-actions">
                  <form method="post" action={profileUrls.approveClaim(c.id)}>
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="button">
                      {p.claimApprove}
                    </button>
                  </form>
                  <form method="post" action={profileUrls.rejectClaim(c.id)}>
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="button button--secondary">
                      {p.claimReject}
                    </button>
                  </form>
                </div>
              ),
            },
          ]}
          rows={claims}
          rowKey={(c) => c.id}
          sort={NO_SORT}
          path={profileUrls.claims()}
          query={new URLSearchParams()}
        />
      </ProfilesLayout>
    );
  }

  scope.get(profileUrls.claims(), async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const done = ctx.query.get("done");
    return sendAccountPage(
      reply,
      await claimsPage(viewer, ctx, done === "rejected" ? profilesText(ctx).claimRejected : undefined),
    );
  });

  scope.post("/staff/company-claims/:id/approve", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const result = await attempt(() => approveClaim(db, id, acting(viewer, request.ip)));
    if (!result.ok)
      return sendAccountPage(
        reply,
        await claimsPage(viewer, ctx, result.issues.map((i) => i.message).join(" ")),
        409,
      );
    const link = `${siteOrigin(request)}/invitations/${encodeURIComponent(result.value.token)}`;
    return sendAccountPage(reply, await claimsPage(viewer, ctx, profilesText(ctx).claimApproved, link));
  });

  scope.post("/staff/company-claims/:id/reject", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const reason = formValues(request.body).reason ?? "";
    const result = await attempt(() => rejectClaim(db, id, reason, acting(viewer, request.ip)));
    if (!result.ok)
      return sendAccountPage(
        reply,
        await claimsPage(viewer, ctx, result.issues.map((i) => i.message).join(" ")),
        409,
      );
    return reply.redirect(`${profileUrls.claims()}?done=rejected`, 303);
  });
}
