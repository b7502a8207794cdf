import type { Issue } from "../../../core/errors.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import { fieldError } from "../account/account-components.js";
import { GradeLabel } from "../components/rating.js";
import type { PageContext } from "../context.js";
import type { ReviewStaffMessages } from "../i18n/review-staff.ja.js";
import type { ReviewFormPageProps } from "./review-form.page.js";
import type { ReviewFormValues } from "./review-form.parse.js";
import { staffText } from "./staff-context.js";
import { BindingLink, DecisionField } from "./indicator-source.fields.js";

/* The fields of the review form, each labelled, with its hint and its error tied to it. */

export function TextArea(props: {
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

export function GradeField({ ctx, doc, values, issues }: ReviewFormPageProps & { issues: readonly Issue[] }) {
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

export function IndicatorFields({
  ctx,
  action,
  cycle,
  values,
  issues,
  computed,
  viewer,
  doc,
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
          {computed?.get(i.code) ? (
            <DecisionField
              ctx={ctx}
              code={i.code}
              unit={i.unit}
              outcome={computed.get(i.code)!}
              typed={{
                decision: values.indicators[i.code]?.decision ?? "",
                reason: values.indicators[i.code]?.reason ?? "",
              }}
              issues={issues}
            />
          ) : null}
          <BindingLink ctx={ctx} viewer={viewer} planId={doc.plan.id} n={action.number} code={i.code} />
        </fieldset>
      ))}
    </fieldset>
  );
}

export function DirectionField(props: {
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
