import type { Issue } from "../../../core/errors.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import type { ActionReview, ReviewCycle } from "../../../core/review/review.schema.js";
import { CsrfField, ErrorSummary, fieldError, Notice } from "../account/account-components.js";
import { hasRole, type Viewer } from "../account/account-context.js";
import { GradeLabel } from "../components/rating.js";
import { urls, type PageContext } from "../context.js";
import type { ReviewStaffMessages } from "../i18n/review-staff.ja.js";
import { ConflictPanel, type ConflictView } from "./conflict.js";
import { formFieldIds, type ReviewFormValues } from "./review-form.parse.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

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
}

const EDITABLE = new Set(["not_started", "draft", "returned"]);

function TextArea(props: {
  id: keyof ReviewFormValues;
  label: string;
  hint?: string;
  value: string;
  rows: number;
  issues: readonly Issue[];
}) {
  const error = fieldError(props.issues, props.id);
  const described = [props.hint ? `${props.id}-hint` : "", error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "field field--invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${props.id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      <textarea
        id={props.id}
        name={props.id}
        rows={props.rows}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

function GradeField({ ctx, doc, values, issues }: ReviewFormPageProps & { issues: readonly Issue[] }) {
  const s = staffText(ctx);
  const error = fieldError(issues, "grade");
  const options = [{ code: "", grade: null }, ...doc.scales.grades.map((g) => ({ code: g.code, grade: g }))];
  return (
    <fieldset
      class={error ? "field field--invalid grade-field" : "field grade-field"}
      aria-describedby={error ? "grade-error" : undefined}
    >
      <legend>{s.grade}</legend>
      {error ? (
        <p id="grade-error" class="field-error">
          {error}
        </p>
      ) : null}
      {options.map(({ code, grade }) => (
        <div key={code || "none"} class="radio">
          <input
            type="radio"
            id={`grade-${code || "none"}`}
            name="grade"
            value={code}
            checked={values.grade === code}
          />
          <label for={`grade-${code || "none"}`}>
            {grade ? (
              <>
                <GradeLabel grade={grade} /> <span class="grade-field__meaning">{grade.meaning}</span>
              </>
            ) : (
              s.gradeNone
            )}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function IndicatorFields({
  ctx,
  action,
  cycle,
  values,
  issues,
}: ReviewFormPageProps & { issues: readonly Issue[] }) {
  const s = staffText(ctx);
  if (action.indicators.length === 0)
    return (
      <fieldset class="field">
        <legend>{s.indicatorsTitle}</legend>
        <p>{s.indicatorsNone}</p>
      </fieldset>
    );
  const input = (kind: "target" | "actual", code: string, name: string, unit: string) => {
    const id = `${kind}-${code}`;
    const error = fieldError(issues, id);
    const typed = values.indicators[code] ?? { target: "", actual: "" };
    const label = kind === "target" ? s.targetOf(name) : s.actualOf(name);
    return (
      <div class={error ? "field field--invalid" : "field"}>
        <label for={id}>{kind === "target" ? s.target : s.actual}</label>
        {error ? (
          <p id={`${id}-error`} class="field-error">
            {error}
          </p>
        ) : null}
        <span class="number-input">
          <input
            id={id}
            name={id}
            type="text"
            inputMode="decimal"
            aria-label={label}
            value={typed[kind]}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <span class="number-input__unit" aria-hidden="true">
            {unit}
          </span>
        </span>
      </div>
    );
  };
  return (
    <fieldset class="field indicator-inputs">
      <legend>{s.indicatorsCaption(ctx.f.fyBoth(cycle.fiscalYear))}</legend>
      {action.indicators.map((i) => (
        <fieldset key={i.code} class="indicator-input">
          <legend>
            {i.name}
            {ctx.f.paren(i.unit)}
          </legend>
          <div class="indicator-input__pair">
            {input("target", i.code, i.name, i.unit)}
            {input("actual", i.code, i.name, i.unit)}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

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

function DirectionField(props: {
  ctx: PageContext;
  doc: PlanDocument;
  value: string;
  issues: readonly Issue[];
  s: ReviewStaffMessages;
}) {
  const { doc, value, s } = props;
  const error = fieldError(props.issues, "direction");
  return (
    <div class={error ? "field field--invalid" : "field"}>
      <label for="direction">{s.direction}</label>
      {error ? (
        <p id="direction-error" class="field-error">
          {error}
        </p>
      ) : null}
      <select
        id="direction"
        name="direction"
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? "direction-error" : undefined}
      >
        <option value="" selected={value === ""}>
          {s.directionNone}
        </option>
        {doc.scales.directions.map((d) => (
          <option key={d.code} value={d.code} selected={value === d.code}>
            {d.label}（{d.meaning}）
          </option>
        ))}
      </select>
    </div>
  );
}

/** The saved review, read only: for viewers, and while it is submitted, approved or published. */
function ReadOnly({ ctx, doc, action, values }: ReviewFormPageProps) {
  const s = staffText(ctx);
  const grade = doc.scales.grades.find((g) => g.code === values.grade);
  const direction = doc.scales.directions.find((d) => d.code === values.direction);
  const empty = <span class="muted">{s.emptyValue}</span>;
  return (
    <dl class="review-read">
      <dt>{s.results}</dt>
      <dd class="pre">{values.results || empty}</dd>
      <dt>{s.challenges}</dt>
      <dd class="pre">{values.challenges || empty}</dd>
      <dt>{s.grade}</dt>
      <dd>{grade ? <GradeLabel grade={grade} /> : s.gradeNone}</dd>
      <dt>{s.direction}</dt>
      <dd>{direction?.label ?? empty}</dd>
      <dt>{s.analysis}</dt>
      <dd class="pre">{values.analysis || empty}</dd>
      {action.indicators.map((i) => (
        <>
          <dt key={`t${i.code}`}>{s.targetOf(i.name)}</dt>
          <dd>
            {values.indicators[i.code]?.target ? `${values.indicators[i.code]!.target}${i.unit}` : empty}
          </dd>
          <dt key={`a${i.code}`}>{s.actualOf(i.name)}</dt>
          <dd>
            {values.indicators[i.code]?.actual ? `${values.indicators[i.code]!.actual}${i.unit}` : empty}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** Approve, return with a reason, reopen: the plan manager's steps, as the review's state allows. */
function ManagerSteps(props: ReviewFormPageProps) {
  const { ctx, viewer, doc, action, cycle, review } = props;
  const s = staffText(ctx);
  if (!hasRole(viewer, "plan_manager") || cycle.status !== "open") return null;
  const url = (step: "approve" | "return" | "reopen") =>
    staffUrls.reviewStep(doc.plan.id, cycle.fiscalYear, action.number, step);
  const version = <input type="hidden" name="baseVersion" value={String(review.version)} />;
  const issues = props.issues ?? [];
  const commentError = fieldError(issues, "comment");
  const canReturn = review.status === "submitted" || review.status === "approved";
  if (!canReturn && review.status !== "published") return null;
  return (
    <section aria-labelledby="steps-title" class="review-steps">
      <h2 id="steps-title" class="visually-hidden">
        {s.approve}
      </h2>
      {review.status === "submitted" ? (
        <form method="post" action={url("approve")}>
          <CsrfField viewer={viewer} />
          {version}
          <button type="submit" class="button">
            {s.approve}
          </button>
        </form>
      ) : null}
      {review.status === "approved" || review.status === "published" ? (
        <form method="post" action={url("reopen")}>
          <CsrfField viewer={viewer} />
          {version}
          <button type="submit" class="button button--secondary">
            {s.reopen}
          </button>
        </form>
      ) : null}
      {canReturn ? (
        <form method="post" action={url("return")} class="review-steps__return">
          <CsrfField viewer={viewer} />
          {version}
          <div class={commentError ? "field field--invalid" : "field"}>
            <label for="comment">{s.returnComment}</label>
            {commentError ? (
              <p id="comment-error" class="field-error">
                {commentError}
              </p>
            ) : null}
            <textarea
              id="comment"
              name="comment"
              rows={3}
              aria-invalid={commentError ? "true" : undefined}
              aria-describedby={commentError ? "comment-error" : undefined}
            >
              {props.returnComment ?? ""}
            </textarea>
          </div>
          <button type="submit" class="button button--secondary">
            {s.returnReview}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** `/plans/{planId}/reviews/{fy}/actions/{n}`: one action's review of the year. */
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
        <span>{s.lastSaved(review.updatedBy, ctx.f.dateTime(review.updatedAt))}</span>
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
        />
      ) : null}
      {editable ? (
        <>
          <p class="lead">{s.formLead}</p>
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
