import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createSession } from "../../../core/accounts/session.service.js";
import type { PublicCompany } from "../../../core/companies/company.schema.js";
import { getCompany, getCompanyFor } from "../../../core/companies/company.service.js";
import { submitClaim, TooManyClaimsError } from "../../../core/company-members/claim.service.js";
import { acceptInvitation, openInvitation } from "../../../core/company-members/invitation.service.js";
import { DomainError, type Issue } from "../../../core/errors.js";
import { findMunicipality } from "../../../core/municipalities/municipality.js";
import { setSessionCookie } from "../../auth/cookies.js";
import {
  formValues,
  sendAccountPage,
  viewerOf,
  type AccountPageDeps,
  type Viewer,
} from "../account/account-context.js";
import { CsrfField, Notice } from "../account/account-components.js";
import { AccountMessagePage } from "../account/messages.page.js";
import { attempt } from "../account/page-guard.js";
import { portalUrls } from "../companies/portal-layout.js";
import { ErrorSummary, errorFor, TextArea, TextField } from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import type { PageContext } from "../context.js";
import { ProfilesLayout } from "./profile-view.js";
import { profilesText, profileUrls } from "./profiles-text.js";

function ClaimPage(props: {
  ctx: PageContext;
  viewer: Viewer | null;
  slug: string;
  company: PublicCompany;
  values: Record<string, string>;
  issues: readonly Issue[];
  notice?: string | undefined;
}) {
  const { ctx, values, issues } = props;
  const p = profilesText(ctx);
  return (
    <ProfilesLayout
      ctx={ctx}
      viewer={props.viewer}
      title={p.claimTitle(props.company.name)}
      crumbs={[{ label: props.company.name, href: portalUrls.company(props.slug, props.company.id) }]}
    >
      <Notice text={props.notice} />
      <p>{p.claimIntro}</p>
      <ErrorSummary
        text={kitText(ctx.lang)}
        issues={issues}
        fields={{ name: "claim-name", email: "claim-email", message: "claim-message" }}
      />
      <form method="post" action={profileUrls.claim(props.slug, props.company.id)} novalidate>
        <CsrfField viewer={props.viewer} />
        <TextField
          id="claim-name"
          name="name"
          label={p.claimName}
          value={values.name}
          error={errorFor(issues, "name")}
          autocomplete="name"
          required
        />
        <TextField
          id="claim-email"
          name="email"
          type="email"
          label={p.claimEmail}
          value={values.email}
          error={errorFor(issues, "email")}
          autocomplete="email"
          required
        />
        <TextArea
          id="claim-message"
          name="message"
          label={p.claimMessage}
          hint={p.claimMessageHint}
          value={values.message}
          error={errorFor(issues, "message")}
          optional={kitText(ctx.lang)}
        />
        <button type="submit" class="button">
          {p.claimSubmit}
        </button>
      </form>
    </ProfilesLayout>
  );
}

function InvitationPage(props: {
  ctx: PageContext;
  token: string;
  companyName: string;
  email: string | null;
  values: Record<string, string>;
  issues: readonly Issue[];
}) {
  const { ctx, values, issues } = props;
  const p = profilesText(ctx);
  return (
    <ProfilesLayout ctx={ctx} viewer={null} title={p.invitationTitle}>
      <p>{p.invitationIntro(props.companyName)}</p>
      <ErrorSummary
        text={kitText(ctx.lang)}
        issues={issues}
        fields={{ email: "inv-email", displayName: "inv-name", password: "inv-password" }}
      />
      <form method="post" action={profileUrls.invitation(props.token)} novalidate>
        <TextField
          id="inv-email"
          name="email"
          type="email"
          label={p.invitationEmail}
          value={values.email ?? props.email ?? ""}
          error={errorFor(issues, "email")}
          autocomplete="email"
          required
        />
        <TextField
          id="inv-name"
          name="displayName"
          label={p.invitationName}
          value={values.displayName}
          error={errorFor(issues, "displayName")}
          autocomplete="name"
        />
        <TextField
          id="inv-password"
          name="password"
          type="password"
          label={p.invitationPassword}
          hint={p.invitationPasswordHint}
          error={errorFor(issues, "password")}
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button">
          {p.invitationCreate}
        </button>
      </form>
    </ProfilesLayout>
  );
}

/**
 * The public claim form of a listed company (rate-limited per address, like sign-in) and the
 * invitation link a firm uses to create its account.
 */
export function registerClaimPages(scope: FastifyInstance, deps: AccountPageDeps): void {
  const { db, clock } = deps;

  async function companyOf(request: FastifyRequest, reply: FastifyReply) {
    const { slug, id } = request.params as { slug: string; id: string };
    const m = slug.length <= 64 ? await findMunicipality(db, slug) : undefined;
    try {
      const company = m && m.slug === slug ? await getCompanyFor(db, id, "public") : undefined;
      if (company && company.municipalityCode === m!.code) return { slug, company };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "not_found")) throw error;
    }
    reply.callNotFound();
    return null;
  }

  const claimUrl = "/companies/:slug/firms/:id/claim";
  scope.get(claimUrl, async (request, reply) => {
    const found = await companyOf(request, reply);
    if (!found) return reply;
    const ctx = deps.context(request, reply);
    const done = (request.query as Record<string, unknown>).done;
    return sendAccountPage(
      reply,
      <ClaimPage
        ctx={ctx}
        viewer={await viewerOf(deps, request)}
        {...found}
        values={{}}
        issues={[]}
        notice={done === "sent" ? profilesText(ctx).claimSent : undefined}
      />,
    );
  });

  scope.post(claimUrl, async (request, reply) => {
    const found = await companyOf(request, reply);
    if (!found) return reply;
    const ctx = deps.context(request, reply);
    const form = formValues(request.body);
    const values = { name: form.name ?? "", email: form.email ?? "", message: form.message ?? "" };
    const again = async (issues: Issue[], status: number) =>
      sendAccountPage(
        reply,
        <ClaimPage
          ctx={ctx}
          viewer={await viewerOf(deps, request)}
          {...found}
          values={values}
          issues={issues}
        />,
        status,
      );
    try {
      const result = await attempt(() =>
        submitClaim(db, { companyId: found.company.id, ...values }, { ip: request.ip, clock }),
      );
      if (!result.ok) return again(result.issues, 400);
    } catch (error) {
      if (error instanceof TooManyClaimsError) {
        reply.header("retry-after", String(error.retryAfterSeconds));
        return again([{ path: "", message: profilesText(ctx).claimTooMany }], 429);
      }
      throw error;
    }
    return reply.redirect(`${profileUrls.claim(found.slug, found.company.id)}?done=sent`, 303);
  });

  const invalid = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = deps.context(request, reply);
    const p = profilesText(ctx);
    return sendAccountPage(
      reply,
      <AccountMessagePage
        ctx={ctx}
        viewer={null}
        title={p.invitationTitle}
        message={p.invitationInvalid}
        status={403}
      />,
      403,
    );
  };

  scope.get("/invitations/:token", async (request, reply) => {
    const { token } = request.params as { token: string };
    const open = await openInvitation(db, token, clock);
    if (!open) return invalid(request, reply);
    const company = await getCompany(db, open.companyId);
    return sendAccountPage(
      reply,
      <InvitationPage
        ctx={deps.context(request, reply)}
        token={token}
        companyName={company.name}
        email={open.email}
        values={{}}
        issues={[]}
      />,
    );
  });

  scope.post("/invitations/:token", async (request, reply) => {
    const { token } = request.params as { token: string };
    const open = await openInvitation(db, token, clock);
    if (!open) return invalid(request, reply);
    const form = formValues(request.body);
    const values = { email: form.email ?? "", displayName: form.displayName ?? "" };
    const result = await attempt(() =>
      acceptInvitation(
        db,
        token,
        {
          email: values.email,
          ...(values.displayName.trim() ? { displayName: values.displayName } : {}),
          password: form.password ?? "",
        },
        { ip: request.ip, clock },
      ),
    ).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === "forbidden") return null;
      throw error;
    });
    if (result === null) return invalid(request, reply);
    if (!result.ok) {
      const company = await getCompany(db, open.companyId);
      return sendAccountPage(
        reply,
        <InvitationPage
          ctx={deps.context(request, reply)}
          token={token}
          companyName={company.name}
          email={open.email}
          values={values}
          issues={result.issues}
        />,
        400,
      );
    }
    const session = await createSession(
      db,
      result.value.account.id,
      { ip: request.ip, userAgent: request.headers["user-agent"] ?? null },
      deps.sessionPolicy,
      clock,
    );
    setSessionCookie(request, reply, session.token, deps.sessionPolicy.absoluteMs);
    return reply.redirect(profileUrls.myCompany(), 303);
  });
}
