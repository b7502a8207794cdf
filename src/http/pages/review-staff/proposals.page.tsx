import type { Issue } from "../../../core/errors.js";
import type { ProposalStatus, ProposalView } from "../../../core/indicators/proposals.service.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import { CsrfField, ErrorSummary, Field, fieldError, Notice } from "../account/account-components.js";
import type { Viewer } from "../account/account-context.js";
import { urls, type PageContext } from "../context.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

const STATUSES: ProposalStatus[] = ["proposed", "accepted", "rejected"];

function recordLabel(ctx: PageContext, p: ProposalView) {
  return ctx.t.recordOf(ctx.t.recordKind[p.record.kind] ?? p.record.kind, ctx.f.fy(p.record.fiscalYear));
}

/** The clause the number was read from. */
function Excerpt({ p }: { p: ProposalView }) {
  return <span class="excerpt">{p.excerpt}</span>;
}

/** `/plans/{planId}/indicator-proposals`: the values read from the text, by status. */
export function ProposalsPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  proposals: ProposalView[];
  status: ProposalStatus;
  notice?: string | undefined;
}) {
  const { ctx, viewer, doc, proposals, status } = props;
  const s = staffText(ctx);
  const shown = proposals.filter((p) => p.status === status);
  return (
    <StaffLayout ctx={ctx} viewer={viewer} plan={doc.plan} title={s.proposalsTitle}>
      <Notice text={props.notice} />
      <p class="lead">{s.proposalsLead}</p>
      <nav aria-label={s.proposalsFilter} class="tabs">
        <ul>
          {STATUSES.map((st) => (
            <li key={st}>
              <a
                href={staffUrls.proposals(doc.plan.id, st)}
                aria-current={st === status ? "page" : undefined}
              >
                {s.proposalStatus[st]}（{s.proposalsCount(proposals.filter((p) => p.status === st).length)}）
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {shown.length === 0 ? (
        <p>{s.proposalsNone}</p>
      ) : (
        <ol class="proposal-list" aria-label={s.proposalStatus[status]}>
          {shown.map((p) => (
            <li key={p.id} data-proposal={p.id} class="proposal-card">
              <p class="proposal-card__head">
                <a href={urls.action(doc.plan.id, p.actionNumber)}>{ctx.t.actionNumber(p.actionNumber)}</a>
                <span class="proposals__value">
                  {ctx.f.number(p.value)}
                  {p.unit}
                </span>
                <span class="muted">{ctx.f.fy(p.fiscalYear)}</span>
              </p>
              <p class="proposal-card__excerpt">
                <Excerpt p={p} />
              </p>
              <p class="proposal-card__foot">
                <span class="muted">{recordLabel(ctx, p)}</span>
                {p.status === "accepted" ? (
                  <span>{s.proposalStatus.accepted}</span>
                ) : (
                  <a
                    href={staffUrls.proposal(doc.plan.id, p.id)}
                    aria-label={`${s.decide}：${ctx.t.actionNumber(p.actionNumber)} ${ctx.f.number(p.value)}${p.unit}`}
                  >
                    {s.decide}
                  </a>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </StaffLayout>
  );
}

export interface AcceptValues {
  as: string;
  indicatorCode: string;
  name: string;
  kind: string;
  value: string;
  fiscalYear: string;
  note: string;
}

const ACCEPT_FIELDS = {
  as: "as-actual",
  indicatorCode: "indicatorCode",
  name: "name",
  kind: "kind-activity",
  value: "value",
  fiscalYear: "fiscalYear",
  note: "note",
};

/** `/plans/{planId}/indicator-proposals/{id}`: accept as read, correct and accept, or reject. */
export function ProposalPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  action: Action;
  proposal: ProposalView;
  values: AcceptValues;
  issues?: readonly Issue[];
}) {
  const { ctx, viewer, doc, action, proposal: p, values } = props;
  const s = staffText(ctx);
  const issues = props.issues ?? [];
  const radio = (name: string, value: string, label: string, checked: boolean) => (
    <div class="radio" key={value}>
      <input type="radio" id={`${name}-${value}`} name={name} value={value} checked={checked} />
      <label for={`${name}-${value}`}>{label}</label>
    </div>
  );
  const codeError = fieldError(issues, "indicatorCode");
  const kindError = fieldError(issues, "kind");
  return (
    <StaffLayout
      ctx={ctx}
      viewer={viewer}
      plan={doc.plan}
      title={s.proposalTitle(p.actionNumber)}
      eyebrow={
        <a
          href={urls.action(doc.plan.id, action.number)}
        >{`${ctx.t.actionNumber(action.number)} ${action.name}`}</a>
      }
      crumbs={[{ label: s.proposalsTitle, href: staffUrls.proposals(doc.plan.id) }]}
    >
      <blockquote class="proposal-quote">
        <p>{p.excerpt}</p>
        <footer>{s.proposalFrom(recordLabel(ctx, p))}</footer>
      </blockquote>
      <dl class="facts">
        <dt>{s.proposalValue}</dt>
        <dd>
          {ctx.f.number(p.value)}
          {p.unit}
        </dd>
        <dt>{s.proposalFiscalYear}</dt>
        <dd>{ctx.f.fyBoth(p.fiscalYear)}</dd>
        <dt>{s.colDecision}</dt>
        <dd>{s.proposalStatus[p.status]}</dd>
      </dl>
      <section aria-labelledby="accept-title">
        <h2 id="accept-title">{s.acceptTitle}</h2>
        <ErrorSummary ctx={ctx} issues={issues} fields={ACCEPT_FIELDS} />
        <form method="post" action={staffUrls.proposalStep(doc.plan.id, p.id, "accept")} class="account-form">
          <CsrfField viewer={viewer} />
          <fieldset class="field">
            <legend>{s.acceptAs}</legend>
            {radio("as", "actual", s.asActual, values.as !== "baseline")}
            {radio("as", "baseline", s.asBaseline, values.as === "baseline")}
          </fieldset>
          <Field
            id="value"
            label={`${s.proposalValue}${ctx.f.paren(p.unit)}`}
            value={values.value}
            error={fieldError(issues, "value")}
          />
          <Field
            id="fiscalYear"
            label={s.proposalFiscalYear}
            hint={s.fiscalYearHint}
            value={values.fiscalYear}
            error={fieldError(issues, "fiscalYear")}
          />
          <div class={codeError ? "field field--invalid" : "field"}>
            <label for="indicatorCode">{s.intoIndicator}</label>
            {codeError ? (
              <p id="indicatorCode-error" class="field-error">
                {codeError}
              </p>
            ) : null}
            <select
              id="indicatorCode"
              name="indicatorCode"
              aria-describedby={codeError ? "indicatorCode-error" : undefined}
            >
              {action.indicators.map((i) => (
                <option key={i.code} value={i.code} selected={values.indicatorCode === i.code}>
                  {i.name}
                  {ctx.f.paren(i.unit)}
                </option>
              ))}
              <option value="" selected={values.indicatorCode === ""}>
                {s.newIndicator}
              </option>
            </select>
          </div>
          <Field
            id="name"
            label={s.newIndicatorName}
            value={values.name}
            error={fieldError(issues, "name")}
            maxLength={200}
          />
          <fieldset
            class={kindError ? "field field--invalid" : "field"}
            aria-describedby={kindError ? "kind-error" : undefined}
          >
            <legend>{s.newIndicatorKind}</legend>
            {kindError ? (
              <p id="kind-error" class="field-error">
                {kindError}
              </p>
            ) : null}
            {radio("kind", "activity", s.kindActivity, values.kind === "activity")}
            {radio("kind", "outcome", s.kindOutcome, values.kind === "outcome")}
          </fieldset>
          <Field id="note" label={s.note} value={values.note} maxLength={2000} />
          <p class="form-submit">
            <button type="submit" class="button">
              {s.accept}
            </button>
          </p>
        </form>
      </section>
      {p.status === "proposed" ? (
        <section aria-labelledby="reject-title">
          <h2 id="reject-title">{s.rejectTitle}</h2>
          <form
            method="post"
            action={staffUrls.proposalStep(doc.plan.id, p.id, "reject")}
            class="account-form"
          >
            <CsrfField viewer={viewer} />
            <input type="hidden" name="baseVersion" value={String(p.version)} />
            <Field id="reject-note" name="note" label={s.note} maxLength={2000} />
            <p class="form-submit">
              <button type="submit" class="button button--secondary">
                {s.reject}
              </button>
            </p>
          </form>
        </section>
      ) : null}
      <p>
        <a href={staffUrls.proposals(doc.plan.id)}>{s.backToProposals}</a>
      </p>
    </StaffLayout>
  );
}
