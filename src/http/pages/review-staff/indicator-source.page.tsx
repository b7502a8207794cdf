import type { Issue } from "../../../core/errors.js";
import type { BindingOutcome } from "../../../core/indicator-sources/compute.service.js";
import type { IndicatorSource } from "../../../core/indicator-sources/source.js";
import type { Indicator } from "../../../core/indicators/indicator.schema.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import { CsrfField, ErrorSummary, fieldError, Notice } from "../account/account-components.js";
import type { Viewer } from "../account/account-context.js";
import { ComputedFigure } from "../components/computed-actual.js";
import { urls, type PageContext } from "../context.js";
import { bindingPageEn } from "../i18n/indicator-sources.en.js";
import { bindingPageJa } from "../i18n/indicator-sources.ja.js";
import { staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

export const bindingUrl = (planId: string, n: number, code: string) =>
  `/plans/${encodeURIComponent(planId)}/actions/${n}/indicators/${encodeURIComponent(code)}/source`;

export interface BindingPageProps {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  action: Action;
  indicator: Indicator;
  sources: IndicatorSource[];
  /** The current binding's value for the current fiscal year. */
  outcome: BindingOutcome | undefined;
  typed: { source: string; param: string };
  issues?: readonly Issue[];
  notice?: string | undefined;
}

/** `/plans/{planId}/actions/{n}/indicators/{code}/source`: bind an indicator to a source (plan managers). */
export function BindingPage(props: BindingPageProps) {
  const { ctx, viewer, doc, action, indicator, sources, typed } = props;
  const w = ctx.lang === "en" ? bindingPageEn : bindingPageJa;
  const issues = props.issues ?? [];
  const sourceError = fieldError(issues, "source");
  const paramError = fieldError(issues, "param");
  const withParams = sources.filter((s) => Object.keys(s.paramHelp).length > 0);
  const current = indicator.computedFrom;
  return (
    <StaffLayout
      ctx={ctx}
      viewer={viewer}
      plan={doc.plan}
      title={w.title(indicator.name)}
      eyebrow={
        <a
          href={urls.action(doc.plan.id, action.number)}
        >{`${ctx.t.actionNumber(action.number)} ${action.name}`}</a>
      }
      crumbs={[{ label: w.back, href: staffUrls.reviews(doc.plan.id) }]}
    >
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} issues={issues} fields={{ source: "source-none", param: "param" }} />
      <p class="lead">{w.lead}</p>
      <h2>{w.current}</h2>
      <p data-binding={current?.source ?? ""}>
        {current ? `${current.source} ${Object.values(current.params).join(" ")}` : w.none}
      </p>
      {props.outcome ? <ComputedFigure ctx={ctx} outcome={props.outcome} staff /> : null}
      <form method="post" action={bindingUrl(doc.plan.id, action.number, indicator.code)} novalidate>
        <CsrfField viewer={viewer} />
        <fieldset class={sourceError ? "field field--invalid" : "field"}>
          <legend>{w.sourceLegend}</legend>
          {sourceError ? <p class="field-error">{sourceError}</p> : null}
          {[
            { id: "", label: w.none, hint: "" },
            ...sources.map((s) => ({
              id: s.id,
              label: `${s.name[ctx.lang]}（${s.unit}）`,
              hint: s.definition[ctx.lang],
            })),
          ].map((o) => (
            <div key={o.id || "none"} class="radio">
              <input
                type="radio"
                id={`source-${o.id || "none"}`}
                name="source"
                value={o.id}
                checked={typed.source === o.id}
              />
              <label for={`source-${o.id || "none"}`}>
                {o.label} {o.hint ? <span class="hint">{o.hint}</span> : null}
              </label>
            </div>
          ))}
        </fieldset>
        <div class={paramError ? "field field--invalid" : "field"}>
          <label for="param">{w.param}</label>
          <p id="param-hint" class="hint">
            {w.paramHint(
              withParams
                .map(
                  (s) =>
                    `${s.name[ctx.lang]}：${Object.values(s.paramHelp)
                      .map((h) => h[ctx.lang])
                      .join("、")}`,
                )
                .join(" ／ "),
            )}
          </p>
          {paramError ? (
            <p id="param-error" class="field-error">
              {paramError}
            </p>
          ) : null}
          <input
            type="text"
            id="param"
            name="param"
            value={typed.param}
            aria-invalid={paramError ? "true" : undefined}
            aria-describedby={`param-hint${paramError ? " param-error" : ""}`}
          />
        </div>
        <p class="form-submit">
          <button type="submit" class="button">
            {w.save}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
