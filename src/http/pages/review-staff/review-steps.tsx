import { CsrfField, fieldError } from "../account/account-components.js";
import { hasRole } from "../account/account-context.js";
import { ComputedFigure } from "../components/computed-actual.js";
import { GradeLabel } from "../components/rating.js";
import { DecisionText } from "./indicator-source.fields.js";
import type { ReviewFormPageProps } from "./review-form.page.js";
import { staffText, staffUrls } from "./staff-context.js";

export function ReadOnly({ ctx, doc, action, values, review, computed }: ReviewFormPageProps) {
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
            <DecisionText
              ctx={ctx}
              unit={i.unit}
              decision={review.content.indicators.find((v) => v.code === i.code)?.fromSource}
            />
            {computed?.get(i.code) ? (
              <ComputedFigure ctx={ctx} outcome={computed.get(i.code)!} staff />
            ) : null}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** Approve, return with a reason, reopen: the plan manager's steps, as the review's state allows. */
export function ManagerSteps(props: ReviewFormPageProps) {
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
