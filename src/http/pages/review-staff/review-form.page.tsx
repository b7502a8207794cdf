import type { Issue } from "../../../core/errors.js";
import type { BindingOutcome } from "../../../core/indicator-sources/compute.service.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import type { ActionReview, ReviewCycle } from "../../../core/review/review.schema.js";
import { CsrfField, ErrorSummary, Notice } from "../account/account-components.js";
import type { Viewer } from "../account/account-context.js";
import { urls, type PageContext } from "../context.js";
import { ConflictPanel, type ConflictView } from "./conflict.js";
import { formFieldIds, type ReviewFormValues } from "./review-form.parse.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";
import { DirectionField, GradeField, IndicatorFields, TextArea } from "./review-form.fields.js";
import { ManagerSteps, ReadOnly } from "./review-steps.js";

export interface ReviewFormPageProps {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  action: Action;
  cycle: ReviewCycle;
  review: ActionReview;
  /** What the form shows: the saved review, or what was typed when a save was refused. */
  values: ReviewFormValues;
  /** The version the next save builds on (the other person's, after a conflict). */
  baseVersion: number;
  mayEdit: boolean;
  issues?: readonly Issue[];
  conflict?: ConflictView | undefined;
  notice?: string | undefined;
  /** Why a step (approve, return, reopen) was refused. */
  problem?: string | undefined;
  returnComment?: string;
  /** The computed actual of each indicator bound to a source, by code. */
  computed?: ReadonlyMap<string, BindingOutcome>;
}

const EDITABLE = new Set(["not_started", "draft", "returned"]);

function EditForm(props: ReviewFormPageProps) {
  const { ctx, viewer, doc, action, cycle, values } = props;
  const s = staffText(ctx);
  const issues = props.issues ?? [];
  return (
    <form
      method="post"
      action={staffUrls.review(doc.plan.id, cycle.fiscalYear, action.number)}
      class="review-form"
      novalidate
    >
      <CsrfField viewer={viewer} />
      <input type="hidden" name="baseVersion" value={String(props.baseVersion)} />
      <TextArea
        id="results"
        label={s.results}
        hint={s.resultsHint}
        value={values.results}
        rows={6}
        issues={issues}
      />
      <TextArea
        id="challenges"
        label={s.challenges}
        hint={s.challengesHint}
        value={values.challenges}
        rows={4}
        issues={issues}
      />
      <GradeField {...props} issues={issues} />
      <DirectionField ctx={ctx} doc={doc} value={values.direction} issues={issues} s={s} />
      <TextArea
        id="analysis"
        label={s.analysis}
        hint={s.analysisHint}
        value={values.analysis}
        rows={4}
        issues={issues}
      />
      <IndicatorFields {...props} issues={issues} />
      <p class="form-submit review-form__buttons">
        <button type="submit" class="button" name="intent" value="save">
          {props.conflict ? s.saveMine : s.saveDraft}
        </button>
        <button type="submit" class="button button--secondary" name="intent" value="submit">
          {s.saveAndSubmit}
        </button>
      </p>
    </form>
  );
}

/** The label of each field of the form, by issue path, for the error summary. */
function fieldLabels({ ctx, action }: ReviewFormPageProps): Record<string, string> {
  const s = staffText(ctx);
  const labels: Record<string, string> = {
    results: s.results,
    challenges: s.challenges,
    grade: s.grade,
    direction: s.direction,
    analysis: s.analysis,
    comment: s.returnComment,
  };
  for (const i of action.indicators) {
    labels[`target-${i.code}`] = s.targetOf(i.name);
    labels[`actual-${i.code}`] = s.actualOf(i.name);
  }
  return labels;
}

/** What the action achieved the year before, as published: the starting point of this year's text. */
function LastYear({ ctx, action, cycle }: ReviewFormPageProps) {
  const s = staffText(ctx);
  const fy = cycle.fiscalYear - 1;
  const records = action.records.filter((r) => r.fiscalYear === fy && r.kind === "result");
  return (
    <section class="last-year" aria-labelledby="last-year-title">
      <h2 id="last-year-title">{s.lastYearResults(ctx.f.fy(fy))}</h2>
      {records.length > 0 ? (
        records.map((r, i) => (
          <p key={i} class="pre">
            {r.text}
          </p>
        ))
      ) : (
        <p>{s.lastYearNone(ctx.f.fy(fy))}</p>
      )}
    </section>
  );
}

export function ReviewFormPage(props: ReviewFormPageProps) {
  const { ctx, viewer, doc, action, cycle, review } = props;
  const s = staffText(ctx);
  const issues = props.issues ?? [];
  const editable = props.mayEdit && cycle.status === "open" && EDITABLE.has(review.status);
  const status = s.status[review.status];
  return (
    <StaffLayout
      ctx={ctx}
      viewer={viewer}
      plan={doc.plan}
      title={s.formTitle(action.number, ctx.f.fy(cycle.fiscalYear))}
      eyebrow={
        <a
          href={urls.action(doc.plan.id, action.number)}
        >{`${ctx.t.actionNumber(action.number)} ${action.name}`}</a>
      }
      crumbs={[
        { label: s.reviewsTitle, href: staffUrls.reviews(doc.plan.id) },
        {
          label: s.cycleTitle(ctx.f.fy(cycle.fiscalYear)),
          href: staffUrls.cycle(doc.plan.id, cycle.fiscalYear),
        },
      ]}
    >
      <Notice text={props.notice} />
      {props.problem ? (
        <div class="error-summary" role="alert" aria-labelledby="step-problem">
          <h2 id="step-problem">{ctx.t.formErrors}</h2>
          <p>{props.problem}</p>
        </div>
      ) : null}
      <p class="review-meta">
        <span class={`review-status review-status--${review.status}`} data-status={review.status}>
          {s.statusNow(status, review.version)}
        </span>{" "}
        <span>
          {review.status === "not_started"
            ? s.notEdited
            : s.lastSaved(review.updatedBy, ctx.f.dateTime(review.updatedAt))}
        </span>
      </p>
      {review.status === "returned" && review.returnComment ? (
        <div class="returned-note">
          <h2>{s.returnedBecause}</h2>
          <p class="pre">{review.returnComment}</p>
        </div>
      ) : null}
      {props.conflict ? (
        <ConflictPanel
          ctx={ctx}
          action={action}
          scales={doc.scales}
          conflict={props.conflict}
          yours={props.values}
        />
      ) : null}
      {!props.conflict ? (
        <ErrorSummary
          ctx={ctx}
          issues={issues}
          fields={formFieldIds(
            action,
            doc.scales.grades.map((g) => g.code),
          )}
          labels={fieldLabels(props)}
        />
      ) : null}
      {editable ? (
        <>
          <p class="lead">{s.formLead}</p>
          <LastYear {...props} />
          <EditForm {...props} />
        </>
      ) : (
        <>
          <p class="notice notice--info">
            {cycle.status !== "open" ? s.closedNote : props.mayEdit ? s.readOnly(status) : s.notYours}
          </p>
          <ReadOnly {...props} />
        </>
      )}
      <ManagerSteps {...props} />
      <p>
        <a href={staffUrls.cycle(doc.plan.id, cycle.fiscalYear)}>{s.backToCycle}</a>
      </p>
    </StaffLayout>
  );
}
