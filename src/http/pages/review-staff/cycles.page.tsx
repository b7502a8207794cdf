import type { Issue } from "../../../core/errors.js";
import type { PlanMeta } from "../../../core/plan/plan.schema.js";
import type { ReviewCycle } from "../../../core/review/review.schema.js";
import { CsrfField, ErrorSummary, Field, fieldError, Notice } from "../account/account-components.js";
import { hasRole, type Viewer } from "../account/account-context.js";
import type { PageContext } from "../context.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

const OPEN_FIELDS = { fiscalYear: "fiscalYear", asOf: "asOf", deadline: "deadline" };

export interface CyclesPageProps {
  ctx: PageContext;
  viewer: Viewer;
  plan: PlanMeta;
  cycles: ReviewCycle[];
  notice?: string | undefined;
  issues?: readonly Issue[];
  values?: { fiscalYear?: string; asOf?: string; deadline?: string };
}

function OpenCycleForm(props: CyclesPageProps) {
  const { ctx, viewer, plan, cycles } = props;
  const s = staffText(ctx);
  const issues = props.issues ?? [];
  const values = props.values ?? {};
  const opened = new Set(cycles.map((c) => c.fiscalYear));
  const years: number[] = [];
  for (let fy = plan.fiscalYears.from; fy <= plan.fiscalYears.to; fy++) if (!opened.has(fy)) years.push(fy);
  const chosen =
    values.fiscalYear ??
    String(years.includes(ctx.currentFiscalYear) ? ctx.currentFiscalYear : (years[0] ?? ""));
  const fyError = fieldError(issues, "fiscalYear");
  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title">{s.openCycleTitle}</h2>
      {years.length === 0 ? (
        <p>{s.noYearLeft}</p>
      ) : (
        <>
          <p>{s.openCycleLead}</p>
          <ErrorSummary ctx={ctx} issues={issues} fields={OPEN_FIELDS} />
          <form method="post" action={staffUrls.reviews(plan.id)} class="account-form">
            <CsrfField viewer={viewer} />
            <div class={fyError ? "field field--invalid" : "field"}>
              <label for="fiscalYear">{s.fiscalYear}</label>
              {fyError ? (
                <p id="fiscalYear-error" class="field-error">
                  {fyError}
                </p>
              ) : null}
              <select
                id="fiscalYear"
                name="fiscalYear"
                aria-invalid={fyError ? "true" : undefined}
                aria-describedby={fyError ? "fiscalYear-error" : undefined}
              >
                {years.map((fy) => (
                  <option key={fy} value={String(fy)} selected={String(fy) === chosen}>
                    {ctx.f.fyBoth(fy)}
                  </option>
                ))}
              </select>
            </div>
            <Field
              id="asOf"
              label={s.asOf}
              hint={s.asOfHint}
              type="date"
              value={values.asOf ?? ""}
              required
              error={fieldError(issues, "asOf")}
            />
            <Field
              id="deadline"
              label={s.deadline}
              hint={s.deadlineHint}
              type="date"
              value={values.deadline ?? ""}
              required
              error={fieldError(issues, "deadline")}
            />
            <p class="form-submit">
              <button type="submit" class="button">
                {s.openCycle}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}

/** `/plans/{planId}/reviews`: the plan's yearly reviews, and (for plan managers) opening a new one. */
export function CyclesPage(props: CyclesPageProps) {
  const { ctx, viewer, plan, cycles } = props;
  const s = staffText(ctx);
  return (
    <StaffLayout ctx={ctx} viewer={viewer} plan={plan} title={s.reviewsTitle}>
      <Notice text={props.notice} />
      <p class="lead">{s.reviewsLead}</p>
      {cycles.length === 0 ? (
        <p>{s.cyclesNone}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="cycles-caption" tabIndex={0}>
          <table class="data-table">
            <caption id="cycles-caption">{s.cyclesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.colFiscalYear}</th>
                <th scope="col">{s.colAsOf}</th>
                <th scope="col">{s.colDeadline}</th>
                <th scope="col">{s.colCycleStatus}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.fiscalYear}>
                  <th scope="row">
                    <a href={staffUrls.cycle(plan.id, c.fiscalYear)}>
                      {s.cycleTitle(ctx.f.fyBoth(c.fiscalYear))}
                    </a>
                  </th>
                  <td>{ctx.f.date(c.asOf)}</td>
                  <td>{ctx.f.date(c.deadline)}</td>
                  <td>{s.cycleStatus[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasRole(viewer, "plan_manager") ? <OpenCycleForm {...props} /> : null}
    </StaffLayout>
  );
}
