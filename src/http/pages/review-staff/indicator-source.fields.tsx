import type { Issue } from "../../../core/errors.js";
import type { BindingOutcome } from "../../../core/indicator-sources/compute.service.js";
import { fieldError } from "../account/account-components.js";
import { ComputedFigure, sourcesText } from "../components/computed-actual.js";
import { hasRole, type Viewer } from "../account/account-context.js";
import type { PageContext } from "../context.js";
import { bindingPageEn } from "../i18n/indicator-sources.en.js";
import { bindingPageJa } from "../i18n/indicator-sources.ja.js";
import { bindingUrl } from "./indicator-source.page.js";

/* A bound indicator on the review form: the computed actual, and the owner's decision on it. */

export interface DecisionValues {
  decision: string;
  reason: string;
}

/** The computed value with "accept" / "use another value, because …" as radio buttons. */
export function DecisionField({
  ctx,
  code,
  unit,
  outcome,
  typed,
  issues,
}: {
  ctx: PageContext;
  code: string;
  unit: string;
  outcome: BindingOutcome;
  typed: DecisionValues;
  issues: readonly Issue[];
}) {
  const w = sourcesText(ctx);
  const error = fieldError(issues, `source-${code}`);
  const reasonError = fieldError(issues, `reason-${code}`);
  const value = outcome.ok ? `${ctx.f.number(outcome.value.value)}${unit}` : "";
  const options = [
    ...(outcome.ok ? [{ v: "accepted", label: w.decisionAccept(value) }] : []),
    { v: "overridden", label: w.decisionOverride },
    { v: "", label: w.decisionNone },
  ];
  return (
    <div class="indicator-source">
      <ComputedFigure ctx={ctx} outcome={outcome} staff />
      <fieldset
        class={error ? "field field--invalid" : "field"}
        aria-describedby={error ? `source-${code}-error` : undefined}
      >
        <legend>{w.decisionLegend}</legend>
        {error ? (
          <p id={`source-${code}-error`} class="field-error">
            {error}
          </p>
        ) : null}
        {options.map((o) => (
          <div key={o.v || "none"} class="radio">
            <input
              type="radio"
              id={`source-${code}-${o.v || "none"}`}
              name={`source-${code}`}
              value={o.v}
              checked={typed.decision === o.v}
            />
            <label for={`source-${code}-${o.v || "none"}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
      <div class={reasonError ? "field field--invalid" : "field"}>
        <label for={`reason-${code}`}>{w.reason}</label>
        <p id={`reason-${code}-hint`} class="hint">
          {w.reasonHint}
        </p>
        {reasonError ? (
          <p id={`reason-${code}-error`} class="field-error">
            {reasonError}
          </p>
        ) : null}
        <textarea
          id={`reason-${code}`}
          name={`reason-${code}`}
          rows={2}
          aria-invalid={reasonError ? "true" : undefined}
          aria-describedby={`reason-${code}-hint${reasonError ? ` reason-${code}-error` : ""}`}
        >
          {typed.reason}
        </textarea>
      </div>
    </div>
  );
}

/** The decision as staff read it on a review that cannot be edited. */
export function DecisionText({
  ctx,
  unit,
  decision,
}: {
  ctx: PageContext;
  unit: string;
  decision:
    | {
        decision: "accepted" | "overridden";
        reason: string | null;
        computed: { value: number; asOf: string } | null;
      }
    | undefined;
}) {
  if (!decision) return null;
  const w = sourcesText(ctx);
  if (decision.decision === "accepted")
    return (
      <p class="hint" data-decision="accepted">
        {w.accepted(ctx.f.date(decision.computed?.asOf ?? ""))}
      </p>
    );
  return (
    <p class="hint" data-decision="overridden">
      {w.overridden(decision.computed ? `${ctx.f.number(decision.computed.value)}${unit}` : "—")}{" "}
      {w.overrideReason}：<span class="pre">{decision.reason}</span>
    </p>
  );
}

/** For plan managers: the way to the page that binds the indicator to a source (or unbinds it). */
export function BindingLink(props: {
  ctx: PageContext;
  viewer: Viewer;
  planId: string;
  n: number;
  code: string;
}) {
  if (!hasRole(props.viewer, "plan_manager")) return null;
  const w = props.ctx.lang === "en" ? bindingPageEn : bindingPageJa;
  return (
    <p class="indicator-source__link">
      <a href={bindingUrl(props.planId, props.n, props.code)}>{w.link}</a>
    </p>
  );
}
