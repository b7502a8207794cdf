import type { Indicator } from "../../../core/indicators/indicator.schema.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import type { PageContext } from "../context.js";

function IndicatorTable({
  ctx,
  indicator,
  index,
}: {
  ctx: PageContext;
  indicator: Indicator;
  index: number;
}) {
  const { t, f } = ctx;
  const value = (n: number | null) => (n === null ? t.noEntry : `${f.number(n)}${indicator.unit}`);
  const values = [...indicator.values].sort((a, b) => a.fiscalYear - b.fiscalYear);
  return (
    <div class="indicator">
      <div class="table-scroll" role="region" aria-labelledby={`indicator-${index}`} tabIndex={0}>
        <table class="indicator-table">
          <caption id={`indicator-${index}`}>
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
              <th scope="col">{t.indicatorEvidence}</th>
            </tr>
          </thead>
          <tbody>
            {indicator.baseline ? (
              <tr>
                <th scope="row">
                  {t.indicatorBaseline}
                  {f.paren(f.fy(indicator.baseline.fiscalYear))}
                </th>
                <td>{t.noEntry}</td>
                <td>{value(indicator.baseline.value)}</td>
                <td class="indicator__evidence">{indicator.baseline.evidence?.excerpt ?? ""}</td>
              </tr>
            ) : null}
            {values.map((v) => (
              <tr key={v.fiscalYear}>
                <th scope="row">{f.fy(v.fiscalYear)}</th>
                <td>{value(v.target)}</td>
                <td>{value(v.actual)}</td>
                <td class="indicator__evidence">{v.evidence?.excerpt ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {indicator.source ? (
        <p class="indicator__source">
          {t.indicatorSource}: {indicator.source}
        </p>
      ) : null}
    </div>
  );
}

/** 指標: each indicator's baseline, targets and actuals by fiscal year, with where they were read. */
export function Indicators({ ctx, action }: { ctx: PageContext; action: Action }) {
  if (action.indicators.length === 0) return null;
  return (
    <section aria-labelledby="indicators">
      <h2 id="indicators">{ctx.t.indicatorsTitle}</h2>
      {action.indicators.map((indicator, i) => (
        <IndicatorTable key={indicator.code} ctx={ctx} indicator={indicator} index={i} />
      ))}
    </section>
  );
}

/** 評価 and 今後の方向性 per fiscal year, labelled with the plan's own scales. */
export function Evaluations({ ctx, doc, action }: { ctx: PageContext; doc: PlanDocument; action: Action }) {
  const { t, f } = ctx;
  if (action.evaluations.length === 0) return null;
  const grade = (code: string | null) => doc.scales.grades.find((g) => g.code === code);
  const direction = (code: string | null) => doc.scales.directions.find((d) => d.code === code);
  return (
    <section aria-labelledby="evaluations">
      <h2 id="evaluations">{t.evaluationsTitle}</h2>
      <div class="table-scroll" role="region" aria-labelledby="evaluations" tabIndex={0}>
        <table class="indicator-table">
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
                    <td>{g ? `${g.label}${f.paren(g.meaning)}` : (e.grade ?? t.noEntry)}</td>
                    <td>{d ? d.label : (e.direction ?? t.noEntry)}</td>
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
