import type { FastifyInstance } from "fastify";
import { actorOf } from "../../../core/audit/audit.js";
import {
  approveProfileChange,
  listProfileChanges,
  profileChangeWithDiff,
  rejectProfileChange,
  type ProfileChange,
} from "../../../core/company-members/profile-change.service.js";
import type { Issue } from "../../../core/errors.js";
import {
  dateTime,
  formValues,
  sendAccountPage,
  type AccountPageDeps,
  type Viewer,
} from "../account/account-context.js";
import { CsrfField, Notice } from "../account/account-components.js";
import { attempt, pageViewer } from "../account/page-guard.js";
import { companiesText } from "../companies/portal-layout.js";
import { DataTable } from "../components/data-table.js";
import { ErrorSummary, errorFor, TextArea } from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import type { PageContext } from "../context.js";
import { fieldText, ProfilesLayout } from "./profile-view.js";
import { profilesText, profileUrls } from "./profiles-text.js";

const ROLE = "plan_manager";
const NO_SORT = { key: "", direction: "asc" as const };

/**
 * The city's approval queue of firms' edits: a field-by-field difference, approve or send back
 * with a reason.
 */
export function registerStaffChangePages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;
  const acting = (viewer: Viewer, ip: string) => ({ actor: actorOf(viewer.principal), ip, clock });

  scope.get(profileUrls.changes(), async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const p = profilesText(ctx);
    const t = companiesText(ctx);
    const changes = await listProfileChanges(db, "pending");
    const done = ctx.query.get("done");
    return sendAccountPage(
      reply,
      <ProfilesLayout ctx={ctx} viewer={viewer} title={p.changesTitle}>
        <Notice text={done === "approved" ? p.approved : done === "rejected" ? p.rejected : undefined} />
        <p>{p.changesIntro}</p>
        <DataTable
          text={{ ...kitText(ctx.lang), none: p.noChanges }}
          caption={p.changesTable}
          columns={[
            {
              key: "company",
              label: p.colCompany,
              cell: (c: ProfileChange) => <a href={profileUrls.change(c.id)}>{c.companyName}</a>,
            },
            {
              key: "submitted",
              label: p.colSubmitted,
              cell: (c: ProfileChange) => dateTime(ctx, c.submittedAt),
            },
            {
              key: "fields",
              label: p.colFields,
              cell: (c: ProfileChange) => c.fields.map((f) => t.fields[f]).join("、"),
            },
          ]}
          rows={changes}
          rowKey={(c) => c.id}
          sort={NO_SORT}
          path={profileUrls.changes()}
          query={new URLSearchParams()}
        />
      </ProfilesLayout>,
    );
  });

  async function changePage(
    viewer: Viewer,
    ctx: PageContext,
    id: string,
    issues: readonly Issue[],
    reason = "",
  ) {
    const p = profilesText(ctx);
    const t = companiesText(ctx);
    const { change, differences } = await profileChangeWithDiff(db, id);
    const vis = (v: string) => (v === "private" ? p.private : p.public);
    return (
      <ProfilesLayout
        ctx={ctx}
        viewer={viewer}
        title={p.changeTitle(change.companyName)}
        crumbs={[{ label: p.changesTitle, href: profileUrls.changes() }]}
      >
        <p>
          <a href={profileUrls.company(change.companyId)}>{change.companyName}</a> ・ {p.colSubmitted}:{" "}
          {dateTime(ctx, change.submittedAt)}
        </p>
        {change.status !== "pending" ? <p class="notice">{p.decided(p.statusNames[change.status])}</p> : null}
        <div class="kit-table-wrap" role="region" aria-label={p.diffTable} tabIndex={0}>
          <table class="kit-table profile-diff">
            <caption>{p.diffTable}</caption>
            <thead>
              <tr>
                <th scope="col">{p.colField}</th>
                <th scope="col">{p.colBefore}</th>
                <th scope="col">{p.colAfter}</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.field}>
                  <th scope="row">{t.fields[d.field]}</th>
                  <td class="profile-diff__before">
                    {fieldText(ctx, d.field, d.before)}
                    <div class="portal-muted">
                      {p.visibility}: {vis(d.visibilityBefore)}
                    </div>
                  </td>
                  <td class="profile-diff__after">
                    {fieldText(ctx, d.field, d.after)}
                    <div class="portal-muted">
                      {p.visibility}: {vis(d.visibilityAfter)}
                    </div>
                    {d.changedSince ? <p class="kit-error-message">{p.changedSince}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {change.status === "pending" ? (
          <div class="profiles-decision">
            <form method="post" action={profileUrls.approveChange(change.id)}>
              <CsrfField viewer={viewer} />
              <button type="submit" class="button">
                {p.approve}
              </button>
            </form>
            <ErrorSummary text={kitText(ctx.lang)} issues={issues} fields={{ reason: "reason" }} />
            <form method="post" action={profileUrls.rejectChange(change.id)}>
              <CsrfField viewer={viewer} />
              <TextArea
                id="reason"
                label={p.rejectReason}
                hint={p.rejectReasonHint}
                value={reason}
                error={errorFor(issues, "reason")}
                required
              />
              <button type="submit" class="button button--secondary">
                {p.reject}
              </button>
            </form>
          </div>
        ) : null}
      </ProfilesLayout>
    );
  }

  scope.get("/staff/company-changes/:id", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    return sendAccountPage(reply, await changePage(viewer, ctx, (request.params as { id: string }).id, []));
  });

  scope.post("/staff/company-changes/:id/approve", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const result = await attempt(() => approveProfileChange(db, id, acting(viewer, request.ip)));
    if (!result.ok) return sendAccountPage(reply, await changePage(viewer, ctx, id, result.issues), 409);
    return reply.redirect(`${profileUrls.changes()}?done=approved`, 303);
  });

  scope.post("/staff/company-changes/:id/reject", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const reason = formValues(request.body).reason ?? "";
    const result = await attempt(() => rejectProfileChange(db, id, reason, acting(viewer, request.ip)));
    if (!result.ok) {
      const p = profilesText(ctx);
      const issues = result.issues.map((i) =>
        i.path === "reason" ? { ...i, message: `${p.rejectReason}: ${i.message}` } : i,
      );
      return sendAccountPage(reply, await changePage(viewer, ctx, id, issues, reason), 400);
    }
    return reply.redirect(`${profileUrls.changes()}?done=rejected`, 303);
  });
}
