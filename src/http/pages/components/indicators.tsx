import type { Indicator } from "../../../core/indicators/indicator.schema.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import type { PageContext } from "../context.js";
import { chartYears, indicatorChart, indicatorYears } from "../view/indicator-chart.js";
import { Chart } from "./chart.js";
import { achievementText, GradeLabel, RatingBadge } from "./rating.js";

/** An indicator's values by fiscal year: the data table of its chart (and the figures without JavaScript). */
function IndicatorTable({
  ctx,
  doc,
  indicator,
  id,
  highlight,
  context,
}: {
  ctx: PageContext;
  doc: PlanDocument;
  indicator: Indicator;
  id: string;
  highlight?: number;
  context?: string | undefined;
}) {
  const { t, f } = ctx;
  const value = (n: number | null) => (n === null ? t.noEntry : `${f.number(n)}${indicator.unit}`);
  return (
    <div class="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table class="indicator-table">
        <caption id={id} class="visually-hidden">
          {context ? `${context} ` : null}
          {indicator.name}
          <span class="indicator__kind">
            {f.paren(`${t.indicatorKind[indicator.kind]}・${indicator.unit}`)}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.indicatorYear}</th>
            <th scope="col">{t.indicatorTarget}</th>
            <th scope="col">{t.indicatorActual}</th>
            <th scope="col">{t.achievement}</th>
            <th scope="col">{t.ratingColumn}</th>
            <th scope="col">{t.indicatorEvidence}</th>
          </tr>
        </thead>
        <tbody>
          {indicatorYears(doc, indicator).map((row) => (
            <tr
              key={`${row.baseline ? "b" : "v"}${row.fiscalYear}`}
              class={!row.baseline && row.fiscalYear === highlight ? "is-selected" : undefined}
            >
              <th scope="row">
                {row.baseline ? (
                  <>
                    {t.indicatorBaseline}
                    {f.paren(f.fy(row.fiscalYear))}
                  </>
                ) : (
                  f.fy(row.fiscalYear)
                )}
              </th>
              <td>{value(row.target)}</td>
              <td>{value(row.actual)}</td>
              <td>{achievementText(ctx, row.achievement)}</td>
              <td>{row.rating ? <RatingBadge ctx={ctx} rating={row.rating} /> : t.noEntry}</td>
              <td class="indicator__evidence">{row.excerpt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One indicator: its chart (targets against actuals over the years) and the same figures as a
 * table, with its source. `highlight` marks the fiscal year a page is about.
 */
export function IndicatorFigure({
  ctx,
  doc,
  indicator,
  id,
  highlight,
  heading,
  context,
}: {
  ctx: PageContext;
  doc: PlanDocument;
  indicator: Indicator;
  id: string;
  highlight?: number;
  /** Said before the name in the table's caption, where two indicators may share a name (e.g. the action). */
  context?: string;
  /** Shows the indicator's name as a heading (where no card heading names it already). */
  heading?: boolean;
}) {
  const { t, f } = ctx;
  const years = chartYears(doc, indicator, [ctx.currentFiscalYear, ...(highlight ? [highlight] : [])]);
  return (
    <div class="indicator">
      {heading ? (
        <h3 class="indicator__name">
          {indicator.name}
          <span class="indicator__kind">
            {f.paren(`${t.indicatorKind[indicator.kind]}・${indicator.unit}`)}
          </span>
        </h3>
      ) : null}
      <Chart spec={indicatorChart(ctx, indicator, years)} label={t.chartLabel(indicator.name)} />
      <IndicatorTable
        ctx={ctx}
        doc={doc}
        indicator={indicator}
        id={id}
        context={context}
        {...(highlight !== undefined ? { highlight } : {})}
      />
      {indicator.source ? (
        <p class="indicator__source">
          {t.indicatorSource}: {indicator.source}
        </p>
      ) : null}
    </div>
  );
}

/** 指標: each indicator's chart and table, with where its values were read. */
export function Indicators({ ctx, doc, action }: { ctx: PageContext; doc: PlanDocument; action: Action }) {
  if (action.indicators.length === 0) return null;
  return (
    <section aria-labelledby="indicators">
      <h2 id="indicators">{ctx.t.indicatorsTitle}</h2>
      {action.indicators.map((indicator, i) => (
        <IndicatorFigure
          key={indicator.code}
          ctx={ctx}
          doc={doc}
          indicator={indicator}
          id={`indicator-${i}`}
          heading
        />
      ))}
    </section>
  );
}

/** 評価 and 今後の方向性 per fiscal year, labelled with the plan's own scales and colours. */
export function Evaluations({ ctx, doc, action }: { ctx: PageContext; doc: PlanDocument; action: Action }) {
  const { t, f } = ctx;
  if (action.evaluations.length === 0) return null;
  const grade = (code: string | null) => doc.scales.grades.find((g) => g.code === code);
  const direction = (code: string | null) => doc.scales.directions.find((d) => d.code === code);
  return (
    <section aria-labelledby="evaluations">
      <h2 id="evaluations">{t.evaluationsTitle}</h2>
      <div class="table-scroll" role="region" aria-labelledby="evaluations-caption" tabIndex={0}>
        <table class="indicator-table evaluation-table">
          <caption id="evaluations-caption" class="visually-hidden">
            {t.evaluationsOf(action.name)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.indicatorYear}</th>
              <th scope="col">{t.evaluationGrade}</th>
              <th scope="col">{t.evaluationDirection}</th>
              <th scope="col">{t.evaluationAnalysis}</th>
            </tr>
          </thead>
          <tbody>
            {[...action.evaluations]
              .sort((a, b) => a.fiscalYear - b.fiscalYear)
              .map((e) => {
                const g = grade(e.grade);
                const d = direction(e.direction);
                return (
                  <tr key={e.fiscalYear}>
                    <th scope="row">{f.fy(e.fiscalYear)}</th>
                    <td>
                      {g ? (
                        <>
                          <GradeLabel grade={g} />
                          <span class="evaluation__meaning">{g.meaning}</span>
                        </>
                      ) : (
                        (e.grade ?? t.noEntry)
                      )}
                    </td>
                    <td>
                      {d ? (
                        <>
                          <span class="direction">{d.label}</span>
                          <span class="evaluation__meaning">{d.meaning}</span>
                        </>
                      ) : (
                        (e.direction ?? t.noEntry)
                      )}
                    </td>
                    <td class="indicator__evidence">{e.analysis}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
