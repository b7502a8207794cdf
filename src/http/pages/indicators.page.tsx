import type { IndicatorReport, IndicatorRow } from "../../core/indicators/report.js";
import type { Rating, RollUp } from "../../core/indicators/rating.js";
import type { BindingOutcome } from "../../core/indicator-sources/compute.service.js";
import { Chart } from "./components/chart.js";
import { PublicSourceNote } from "./components/computed-actual.js";
import { IndicatorFigure } from "./components/indicators.js";
import { achievementText, RatingBadge, RatingRules, rollUpFormula } from "./components/rating.js";
import { measureLabel, strategyLabel, urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { ChartSpec } from "./view/indicator-chart.js";
import type { PlanView } from "./view/plan-view.js";

const RATINGS: Rating[] = ["on_track", "slightly_behind", "behind", "no_target", "no_actual"];

export interface IndicatorsPageProps {
  ctx: PageContext;
  view: PlanView;
  report: IndicatorReport;
  /** The fiscal years to choose from. */
  years: number[];
  /** The year field could not be read (the page shows the default year and says so). */
  invalid?: boolean;
  /** The computed actual of each indicator bound to a source, by `action/code`. */
  computed?: ReadonlyMap<string, BindingOutcome>;
}

function YearForm({ ctx, view, report, years, invalid }: IndicatorsPageProps) {
  const { t, f } = ctx;
  return (
    <form class="year-form" method="get" action={urls.indicators(view.doc.plan.id)}>
      <label for="f-fiscalYear">{t.yearFormLabel}</label>
      <select id="f-fiscalYear" name="fiscalYear" aria-invalid={invalid ? "true" : undefined}>
        {years.map((y) => (
          <option key={y} value={String(y)} selected={y === report.fiscalYear}>
            {f.fyBoth(y)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button--secondary">
        {t.yearFormSubmit}
      </button>
    </form>
  );
}

/** Counts by rating as a short list of badges with numbers. */
function RatingCounts({ ctx, rollUp }: { ctx: PageContext; rollUp: RollUp }) {
  return (
    <ul class="rating-counts">
      {RATINGS.map((r) => (
        <li key={r} data-count={r}>
          <RatingBadge ctx={ctx} rating={r} />
          <span class="rating-counts__n">{ctx.t.countUnit(rollUp.counts[r])}</span>
        </li>
      ))}
    </ul>
  );
}

const total = (rollUp: RollUp) => Object.values(rollUp.counts).reduce((a, b) => a + b, 0);

/** The plan-wide figure: mean achievement with its formula beside it, and counts by rating. */
function PlanSummary({ ctx, report }: { ctx: PageContext; report: IndicatorReport }) {
  const { t, f } = ctx;
  const plan = report.plan;
  return (
    <section aria-labelledby="plan-summary">
      <h2 id="plan-summary">{t.planSummaryTitle}</h2>
      <div class="summary">
        <dl class="summary__figure">
          <dt>{t.averageAchievement}</dt>
          <dd class="summary__value" data-progress="plan">
            {plan.progress === null ? t.notComputed : f.percent(plan.progress)}
          </dd>
          <dt>{t.formula}</dt>
          <dd class="formula">{rollUpFormula(ctx, plan)}</dd>
        </dl>
        <div class="summary__counts">
          <p class="summary__total">
            {t.indicatorCount}: {t.countUnit(total(plan))}
          </p>
          <RatingCounts ctx={ctx} rollUp={plan} />
        </div>
      </div>
    </section>
  );
}

function RollUpRow({
  ctx,
  label,
  rollUp,
  strategy,
}: {
  ctx: PageContext;
  label: string;
  rollUp: RollUp;
  strategy?: boolean;
}) {
  const { t, f } = ctx;
  const n = total(rollUp);
  return (
    <tr class={strategy ? "rollup__strategy" : "rollup__measure"}>
      <th scope="row">{label}</th>
      <td>{n === 0 ? t.noIndicatorsHere : t.countUnit(n)}</td>
      {RATINGS.map((r) => (
        <td key={r}>{n === 0 ? "" : t.countUnit(rollUp.counts[r])}</td>
      ))}
      <td class="rollup__progress">
        {n === 0 ? t.noEntry : rollUp.progress === null ? t.notComputed : f.percent(rollUp.progress)}
      </td>
      <td class="formula">{rollUp.progress === null ? "" : rollUpFormula(ctx, rollUp)}</td>
    </tr>
  );
}

/** Roll-ups to strategies and measures: a bar chart and its table, with the formula on each row. */
function RollUps({ ctx, view, report }: { ctx: PageContext; view: PlanView; report: IndicatorReport }) {
  const { t, f } = ctx;
  const rows: { label: string; short: string; rollUp: RollUp; strategy: boolean }[] = [];
  for (const s of report.strategies) {
    const group = view.strategies.find((g) => g.strategy.code === s.code);
    rows.push({
      label: strategyLabel(view, s.code),
      short: strategyLabel(view, s.code),
      rollUp: s.rollUp,
      strategy: true,
    });
    for (const m of report.measures.filter((m) => view.measure(m.code)?.measure.strategy === s.code)) {
      const measure = view.measure(m.code);
      rows.push({
        label: measureLabel(ctx, view, m.code),
        // On the chart's narrow axis: (2)① ネットワーク活動の拡大、推進
        short: `${group?.mark ?? ""}${measure?.mark ?? ""} ${m.name}`,
        rollUp: m.rollUp,
        strategy: false,
      });
    }
  }
  const charted = rows.filter((r) => r.rollUp.progress !== null);
  const spec: ChartSpec = {
    kind: "progress",
    categories: charted.map((r) => r.short),
    series: [{ name: t.averageAchievement, role: "progress", values: charted.map((r) => r.rollUp.progress) }],
    unit: "%",
  };
  const fy = f.fy(report.fiscalYear);
  return (
    <section aria-labelledby="rollups">
      <h2 id="rollups">{t.rollUpTitle}</h2>
      {charted.length > 0 ? <Chart spec={spec} label={t.progressChartLabel(fy)} tall /> : null}
      <div class="table-scroll" role="region" aria-labelledby="rollups-caption" tabIndex={0}>
        <table class="rollup-table">
          <caption id="rollups-caption">{t.rollUpCaption(fy)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.measureColumn}</th>
              <th scope="col">{t.indicatorCount}</th>
              {RATINGS.map((r) => (
                <th key={r} scope="col">
                  <RatingBadge ctx={ctx} rating={r} />
                </th>
              ))}
              <th scope="col">{t.averageAchievement}</th>
              <th scope="col">{t.formula}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <RollUpRow key={i} ctx={ctx} label={r.label} rollUp={r.rollUp} strategy={r.strategy} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One indicator of the list: the year's figures and rating, then its chart and table. */
function IndicatorCard({
  ctx,
  view,
  row,
  index,
  outcome,
}: {
  ctx: PageContext;
  view: PlanView;
  row: IndicatorRow;
  index: number;
  outcome: BindingOutcome | undefined;
}) {
  const { t, f } = ctx;
  const value = (n: number | null) => (n === null ? t.noEntry : `${f.number(n)}${row.indicator.unit}`);
  const planId = view.doc.plan.id;
  return (
    <article
      class="indicator-card"
      aria-labelledby={`ind-${index}-name`}
      data-indicator={`${row.actionNumber}/${row.indicator.code}`}
    >
      <p class="indicator-card__action">
        <a href={`${urls.action(planId, row.actionNumber)}#indicators`}>
          {t.indicatorOfAction(row.actionNumber)} {row.actionName}
        </a>
      </p>
      <h5 id={`ind-${index}-name`}>
        {row.indicator.name}
        <span class="indicator__kind">
          {f.paren(`${t.indicatorKind[row.indicator.kind]}・${row.indicator.unit}`)}
        </span>
      </h5>
      <dl class="facts indicator-card__facts" aria-label={t.thisYearValues(f.fy(row.rated.fiscalYear))}>
        <div>
          <dt>{t.indicatorTarget}</dt>
          <dd>{value(row.rated.target)}</dd>
        </div>
        <div>
          <dt>{t.indicatorActual}</dt>
          <dd>{value(row.rated.actual)}</dd>
        </div>
        <div>
          <dt>{t.achievement}</dt>
          <dd>{achievementText(ctx, row.rated.achievement)}</dd>
        </div>
        <div>
          <dt>{t.ratingColumn}</dt>
          <dd>
            <RatingBadge ctx={ctx} rating={row.rated.rating} />
          </dd>
        </div>
      </dl>
      <PublicSourceNote
        ctx={ctx}
        fiscalYear={row.rated.fiscalYear}
        provenance={row.indicator.values.find((v) => v.fiscalYear === row.rated.fiscalYear)?.computed}
        outcome={outcome}
      />
      <IndicatorFigure
        ctx={ctx}
        doc={view.doc}
        indicator={row.indicator}
        id={`ind-${index}-table`}
        context={t.indicatorOfAction(row.actionNumber)}
        highlight={row.rated.fiscalYear}
      />
    </article>
  );
}

/** Every indicator, grouped by strategy and measure. */
function IndicatorList({
  ctx,
  view,
  report,
  computed,
}: {
  ctx: PageContext;
  view: PlanView;
  report: IndicatorReport;
  computed: IndicatorsPageProps["computed"];
}) {
  const { t } = ctx;
  let index = 0;
  return (
    <section aria-labelledby="indicator-list">
      <h2 id="indicator-list">{t.indicatorListTitle}</h2>
      {report.rows.length === 0 ? <p>{t.noIndicatorsInPlan}</p> : null}
      {view.strategies.map((s) => {
        const measures = s.measures.filter((m) => report.rows.some((r) => r.measure === m.measure.code));
        if (measures.length === 0) return null;
        return (
          <section key={s.strategy.code} aria-labelledby={`ls-${s.strategy.code}`}>
            <h3 id={`ls-${s.strategy.code}`}>{strategyLabel(view, s.strategy.code)}</h3>
            {measures.map((m) => (
              <section key={m.measure.code} aria-labelledby={`lm-${m.measure.code}`} class="indicator-group">
                <h4 id={`lm-${m.measure.code}`} class="indicator-group__title">
                  {measureLabel(ctx, view, m.measure.code)}
                </h4>
                <div class="indicator-cards">
                  {report.rows
                    .filter((r) => r.measure === m.measure.code)
                    .map((row) => (
                      <IndicatorCard
                        key={`${row.actionNumber}/${row.indicator.code}`}
                        ctx={ctx}
                        view={view}
                        row={row}
                        index={index++}
                        outcome={computed?.get(`${row.actionNumber}/${row.indicator.code}`)}
                      />
                    ))}
                </div>
              </section>
            ))}
          </section>
        );
      })}
    </section>
  );
}

/** `/plans/{planId}/indicators?fiscalYear=…`: every indicator rated, rolled up, charted. */
export function IndicatorsPage(props: IndicatorsPageProps) {
  const { ctx, view, report } = props;
  const { t, f } = ctx;
  const plan = view.doc.plan;
  return (
    <Layout
      ctx={ctx}
      title={t.indicatorsPageHeading(f.fy(report.fiscalYear))}
      plan={plan}
      section="indicators"
      charts
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.indicatorsPageTitle },
      ]}
    >
      <h1>{t.indicatorsPageHeading(f.fyBoth(report.fiscalYear))}</h1>
      <p class="lead">{t.indicatorsPageLead}</p>
      {props.invalid ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{t.formErrors}</h2>
          <p>
            <a href="#f-fiscalYear">{t.invalidFiscalYear}</a>
          </p>
        </div>
      ) : null}
      <YearForm {...props} />
      <PlanSummary ctx={ctx} report={report} />
      <section aria-labelledby="rating-rules">
        <h2 id="rating-rules">{t.ratingRulesTitle}</h2>
        <RatingRules ctx={ctx} rules={report.rules} />
      </section>
      <RollUps ctx={ctx} view={view} report={report} />
      <IndicatorList ctx={ctx} view={view} report={report} computed={props.computed} />
    </Layout>
  );
}
