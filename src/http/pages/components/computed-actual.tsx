import type { BindingOutcome } from "../../../core/indicator-sources/compute.service.js";
import type { PageContext } from "../context.js";
import { indicatorSourcesEn } from "../i18n/indicator-sources.en.js";
import { indicatorSourcesJa, type IndicatorSourcesMessages } from "../i18n/indicator-sources.ja.js";

export function sourcesText(ctx: PageContext): IndicatorSourcesMessages {
  return ctx.lang === "en" ? indicatorSourcesEn : indicatorSourcesJa;
}

/**
 * A bound indicator's computed actual: value, as-of date, records counted, the source's
 * definition and the link to the records (a plain link only when they are public, else a note
 * for staff). A 0 from an empty registry says so, so it is never read as "none".
 */
export function ComputedFigure({
  ctx,
  outcome,
  title,
  staff,
}: {
  ctx: PageContext;
  outcome: BindingOutcome;
  title?: string;
  /** Staff see links to records that are not public. */
  staff: boolean;
}) {
  const w = sourcesText(ctx);
  const { f } = ctx;
  if (!outcome.ok)
    return (
      <div class="computed computed--problem" data-computed="problem">
        <p class="computed__title">{title ?? w.computedTitle}</p>
        <p>{w.computedProblem(outcome.problem)}</p>
      </div>
    );
  const v = outcome.value;
  const source = outcome.source;
  const link = v.link;
  return (
    <div class="computed" data-computed={String(v.value)} data-empty={v.empty ? "true" : "false"}>
      <p class="computed__title">{title ?? w.computedTitle}</p>
      <p class="computed__value">
        <strong>{w.computedValue(`${f.number(v.value)}${v.unit}`, f.date(v.asOf))}</strong>{" "}
        <span class="muted">{w.computedCount(f.number(v.count))}</span>
      </p>
      {v.empty ? <p class="computed__empty notice notice--info">{w.computedEmpty}</p> : null}
      {!v.final ? <p class="hint">{w.computedRunning}</p> : null}
      <p class="hint">
        {w.definition}：{source.definition[ctx.lang]}
      </p>
      {link && (link.public || staff) ? (
        <p>
          <a href={link.href}>{w.recordsLink}</a>
        </p>
      ) : link ? (
        <p class="hint">{w.recordsStaffOnly}</p>
      ) : null}
    </div>
  );
}

/**
 * On the public indicators page: whether the year's published actual was computed from the
 * records (an override reads as an ordinary value; its reason stays with staff), and the
 * figure the records give now, when the source's values are public.
 */
export function PublicSourceNote({
  ctx,
  fiscalYear,
  provenance,
  outcome,
}: {
  ctx: PageContext;
  fiscalYear: number;
  provenance: { asOf: string } | undefined;
  outcome: BindingOutcome | undefined;
}) {
  const w = sourcesText(ctx);
  const live = outcome?.ok && outcome.source.publicValue ? outcome : undefined;
  if (!provenance && !live) return null;
  return (
    <div class="indicator-card__source">
      {provenance ? (
        <p data-provenance="computed">{w.publishedComputed(ctx.f.date(provenance.asOf))}</p>
      ) : null}
      {live ? (
        <ComputedFigure ctx={ctx} outcome={live} staff={false} title={w.liveValue(ctx.f.fy(fiscalYear))} />
      ) : null}
    </div>
  );
}
