import type { FastifyInstance } from "fastify";
import { actorOf } from "../../../core/audit/audit.js";
import type { Company } from "../../../core/companies/company.schema.js";
import { getCompany } from "../../../core/companies/company.service.js";
import { memberView } from "../../../core/companies/company.visibility.js";
import { loadVocabulary, seedVocabulary, type Vocabulary } from "../../../core/companies/vocabulary.js";
import {
  latestProfileChange,
  submitProfileChange,
  type ProfileChange,
} from "../../../core/company-members/profile-change.service.js";
import type { Issue } from "../../../core/errors.js";
import { findMunicipality } from "../../../core/municipalities/municipality.js";
import { sendAccountPage, type AccountPageDeps, type Viewer } from "../account/account-context.js";
import { Notice } from "../account/account-components.js";
import { attempt } from "../account/page-guard.js";
import { dateOf } from "../companies/dates.js";
import { portalUrls } from "../companies/portal-layout.js";
import type { PageContext } from "../context.js";
import { formValuesOf, keepValues, readProfileForm, type FormBody } from "./profile-form.parse.js";
import { ProfileForm } from "./profile-form.js";
import { ProfileRecord, ProfilesLayout } from "./profile-view.js";
import { labelIssues, memberViewer } from "./profiles-context.js";
import { profilesText, profileUrls } from "./profiles-text.js";

function MyCompanyPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  company: Company;
  slug: string | undefined;
  vocab: Vocabulary;
  latest: ProfileChange | null;
  values: FormBody;
  issues: readonly Issue[];
  done?: string | undefined;
}) {
  const { ctx, company, latest } = props;
  const p = profilesText(ctx);
  const status =
    latest?.status === "pending"
      ? p.pendingNotice(dateOf(ctx, latest.submittedAt))
      : latest?.status === "rejected"
        ? p.rejectedNotice(dateOf(ctx, latest.submittedAt), latest.reason ?? "")
        : latest?.status === "approved"
          ? p.approvedNotice(dateOf(ctx, latest.submittedAt))
          : undefined;
  return (
    <ProfilesLayout ctx={ctx} viewer={props.viewer} title={`${p.myCompanyTitle}：${company.name}`}>
      <Notice
        text={
          props.done === "submitted" ? p.submitted : props.done === "unchanged" ? p.nothingChanged : undefined
        }
      />
      <p>{p.myCompanyIntro}</p>
      {status ? (
        <p class={latest?.status === "rejected" ? "notice notice--warning" : "notice"}>{status}</p>
      ) : null}
      {props.slug && company.listed ? (
        <p>
          <a href={portalUrls.company(props.slug, company.id)}>{p.viewPublic}</a>
        </p>
      ) : null}
      <ProfileRecord ctx={ctx} company={company} showNotes={false} />
      <h2>{p.editTitle}</h2>
      {latest?.status === "pending" ? <p class="kit-hint">{p.editPendingHint}</p> : null}
      <ProfileForm
        ctx={ctx}
        viewer={props.viewer}
        vocab={props.vocab}
        action={profileUrls.myCompany()}
        values={props.values}
        issues={props.issues}
        baseVersion={company.version}
        staff={false}
        submitLabel={p.submit}
      />
    </ProfilesLayout>
  );
}

/**
 * `/my-company`: a firm's member sees its company's whole record (private fields, who supplied
 * each and when, the city's checks) and proposes changes, which wait for the city's approval.
 */
export function registerMyCompanyPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;
  async function load(companyId: string) {
    const company = await getCompany(db, companyId);
    await seedVocabulary(db);
    const vocab = await loadVocabulary(db, company.municipalityCode);
    const m = await findMunicipality(db, company.municipalityCode);
    const latest = await latestProfileChange(db, companyId);
    return { company, vocab, slug: m?.slug, latest };
  }

  scope.get(profileUrls.myCompany(), async (request, reply) => {
    const viewer = await memberViewer(deps, request, reply);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const { company, vocab, slug, latest } = await load(viewer.companyId);
    const values =
      latest?.status === "pending" ? formValuesOf(latest.input) : formValuesOf(memberView(company));
    const done = (request.query as Record<string, unknown>).done;
    return sendAccountPage(
      reply,
      <MyCompanyPage
        ctx={ctx}
        viewer={viewer}
        company={company}
        slug={slug}
        vocab={vocab}
        latest={latest}
        values={values}
        issues={[]}
        done={typeof done === "string" ? done : undefined}
      />,
    );
  });

  scope.post(profileUrls.myCompany(), async (request, reply) => {
    const viewer = await memberViewer(deps, request, reply);
    if (!viewer) return reply;
    const ctx = deps.context(request, reply);
    const body = (request.body ?? {}) as FormBody;
    const { input, issues } = readProfileForm(body, profilesText(ctx), { staff: false });
    const baseVersion = Number(typeof body.baseVersion === "string" ? body.baseVersion : NaN);
    const refuse = async (found: readonly Issue[]) => {
      const { company, vocab, slug, latest } = await load(viewer.companyId);
      return sendAccountPage(
        reply,
        <MyCompanyPage
          ctx={ctx}
          viewer={viewer}
          company={company}
          slug={slug}
          vocab={vocab}
          latest={latest}
          values={keepValues(body)}
          issues={labelIssues(ctx, found)}
        />,
        400,
      );
    };
    if (issues.length > 0) return refuse(issues);
    const result = await attempt(() =>
      submitProfileChange(
        db,
        viewer.companyId,
        viewer.principal.accountId,
        input,
        { baseVersion: Number.isInteger(baseVersion) ? baseVersion : -1 },
        { actor: actorOf(viewer.principal), ip: request.ip, clock },
      ),
    );
    if (!result.ok) return refuse(result.issues);
    return reply.redirect(`${profileUrls.myCompany()}?done=${result.value ? "submitted" : "unchanged"}`, 303);
  });
}
