import type { FastifyInstance } from "fastify";
import { actorOf } from "../../../core/audit/audit.js";
import { FIELD_NAMES, type Company, type FieldName } from "../../../core/companies/company.schema.js";
import {
  createCompany,
  getCompany,
  updateCompany,
  verifyCompanyFields,
} from "../../../core/companies/company.service.js";
import { loadVocabulary, seedVocabulary } from "../../../core/companies/vocabulary.js";
import { createInvitation } from "../../../core/company-members/invitation.service.js";
import { listCompanyMembers, type CompanyMember } from "../../../core/company-members/membership.js";
import type { Issue } from "../../../core/errors.js";
import { findMunicipality, listMunicipalities } from "../../../core/municipalities/municipality.js";
import { inTransaction } from "../../../db/transaction.js";
import { sendAccountPage, type AccountPageDeps, type Viewer } from "../account/account-context.js";
import { CsrfField, Notice } from "../account/account-components.js";
import { attempt, pageViewer } from "../account/page-guard.js";
import { portalUrls } from "../companies/portal-layout.js";
import { TextField } from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import type { PageContext } from "../context.js";
import { formValuesOf, keepValues, readProfileForm, type FormBody } from "./profile-form.parse.js";
import { ProfileForm } from "./profile-form.js";
import { ProfileRecord, ProfilesLayout } from "./profile-view.js";
import { labelIssues, siteOrigin } from "./profiles-context.js";
import { profilesText, profileUrls } from "./profiles-text.js";

const ROLE = "plan_manager";

/**
 * The city's company pages (plan managers and administrators): creating a company; editing all
 * fields with their visibility and the city's checks; inviting the firm.
 */
export function registerStaffCompanyPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;
  const acting = (viewer: Viewer, ip: string) => ({ actor: actorOf(viewer.principal), ip, clock });

  async function editPage(
    viewer: Viewer,
    ctx: PageContext,
    company: Company | null,
    values: FormBody,
    issues: readonly Issue[],
    extra: { done?: string | null; invitation?: string; members?: CompanyMember[] } = {},
  ) {
    const p = profilesText(ctx);
    await seedVocabulary(db);
    const vocab = await loadVocabulary(db, company?.municipalityCode ?? null);
    const m = company ? await findMunicipality(db, company.municipalityCode) : undefined;
    const members = company ? (extra.members ?? (await listCompanyMembers(db, company.id))) : [];
    return (
      <ProfilesLayout
        ctx={ctx}
        viewer={viewer}
        title={company ? company.name : p.newCompanyTitle}
        crumbs={[{ label: p.staffCompaniesTitle, href: profileUrls.companies() }]}
      >
        <Notice
          text={extra.done === "saved" ? p.staffSaved : extra.done === "created" ? p.staffCreated : undefined}
        />
        {company ? (
          <>
            {m && company.listed ? (
              <p>
                <a href={portalUrls.company(m.slug, company.id)}>{p.viewPublic}</a>
              </p>
            ) : null}
            <ProfileRecord ctx={ctx} company={company} showNotes />
            <h2>{p.editTitle}</h2>
          </>
        ) : null}
        <ProfileForm
          ctx={ctx}
          viewer={viewer}
          vocab={vocab}
          action={company ? profileUrls.company(company.id) : profileUrls.newCompany()}
          values={values}
          issues={issues}
          baseVersion={company?.version}
          staff
          submitLabel={p.save}
        />
        {company ? (
          <section aria-labelledby="invite-title">
            <h2 id="invite-title">{p.invitations}</h2>
            <p>{p.invitationsIntro}</p>
            {extra.invitation ? (
              <p class="notice" role="status">
                {p.invitationLink}: <code class="profiles-link">{extra.invitation}</code>
              </p>
            ) : null}
            <form method="post" action={profileUrls.invite(company.id)}>
              <CsrfField viewer={viewer} />
              <TextField
                id="invite-email"
                name="email"
                type="email"
                label={p.inviteEmail}
                hint={p.inviteEmailHint}
                optional={kitText(ctx.lang)}
              />
              <button type="submit" class="button button--secondary">
                {p.invite}
              </button>
            </form>
            <h3>{p.members}</h3>
            {members.length === 0 ? (
              <p>{p.noMembers}</p>
            ) : (
              <ul>
                {members.map((mm) => (
                  <li key={mm.accountId}>
                    {mm.displayName} &lt;{mm.email}&gt;
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </ProfilesLayout>
    );
  }

  scope.get(profileUrls.newCompany(), async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    return sendAccountPage(reply, await editPage(viewer, ctx, null, { listed: "yes" }, []));
  });

  scope.post(profileUrls.newCompany(), async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const body = (request.body ?? {}) as FormBody;
    const { input, issues } = readProfileForm(body, profilesText(ctx), { staff: true });
    const municipalities = await listMunicipalities(db);
    const refuse = async (found: readonly Issue[]) =>
      sendAccountPage(
        reply,
        await editPage(viewer, ctx, null, keepValues(body), labelIssues(ctx, found)),
        400,
      );
    if (municipalities.length === 0)
      return refuse([{ path: "", message: "no municipality exists yet: import its plan first" }]);
    if (issues.length > 0) return refuse(issues);
    const result = await attempt(() =>
      inTransaction(db, (trx) =>
        createCompany(trx, municipalities[0]!.code, input, { ...acting(viewer, request.ip), source: "edit" }),
      ),
    );
    if (!result.ok) return refuse(result.issues);
    return reply.redirect(`${profileUrls.company(result.value.id)}?done=created`, 303);
  });

  scope.get("/staff/companies/:id", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const company = await getCompany(db, (request.params as { id: string }).id);
    return sendAccountPage(
      reply,
      await editPage(viewer, ctx, company, formValuesOf(company), [], { done: ctx.query.get("done") }),
    );
  });

  scope.post("/staff/companies/:id", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const company = await getCompany(db, id);
    const body = (request.body ?? {}) as FormBody;
    const { input, issues } = readProfileForm(body, profilesText(ctx), { staff: true });
    const verify = (Array.isArray(body.verify) ? body.verify : body.verify ? [body.verify] : []).filter(
      (f): f is FieldName => (FIELD_NAMES as readonly string[]).includes(f),
    );
    const refuse = async (found: readonly Issue[], status = 400) =>
      sendAccountPage(
        reply,
        await editPage(viewer, ctx, company, keepValues(body), labelIssues(ctx, found)),
        status,
      );
    if (issues.length > 0) return refuse(issues);
    const baseVersion = Number(typeof body.baseVersion === "string" ? body.baseVersion : NaN);
    const result = await attempt(() =>
      inTransaction(db, async (trx) => {
        const saved = await updateCompany(
          trx,
          id,
          { ...input, id },
          { baseVersion: Number.isInteger(baseVersion) ? baseVersion : -1 },
          { ...acting(viewer, request.ip), source: "edit", supplier: "city" },
        );
        return verify.length > 0
          ? verifyCompanyFields(trx, id, verify, { ...acting(viewer, request.ip) })
          : saved;
      }),
    );
    if (!result.ok) return refuse(result.issues, 400);
    return reply.redirect(`${profileUrls.company(id)}?done=saved`, 303);
  });

  scope.post("/staff/companies/:id/invitations", async (request, reply) => {
    const viewer = await pageViewer(deps, request, reply, ROLE);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const id = (request.params as { id: string }).id;
    const company = await getCompany(db, id);
    const email = ((request.body ?? {}) as FormBody).email;
    const given = typeof email === "string" && email.trim() !== "" ? email.trim() : null;
    const result = await attempt(() =>
      createInvitation(db, id, { email: given }, acting(viewer, request.ip)),
    );
    if (!result.ok)
      return sendAccountPage(
        reply,
        await editPage(viewer, ctx, company, formValuesOf(company), labelIssues(ctx, result.issues)),
        400,
      );
    const link = `${siteOrigin(request)}/invitations/${encodeURIComponent(result.value.token)}`;
    return sendAccountPage(
      reply,
      await editPage(viewer, ctx, company, formValuesOf(company), [], { invitation: link }),
    );
  });
}
