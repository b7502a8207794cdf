import { Downloads } from "./components/badges.js";
import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import { StrategyBody } from "./plan-table.rows.js";
import type { PlanView } from "./view/plan-view.js";
import { resultHeader, TH, yearHeader } from "./view/table-headers.js";

function YearHeader({ ctx, fy }: { ctx: PageContext; fy: number }) {
  const [era, western] = ctx.f.fyHeaderShort(fy);
  const now = fy === ctx.currentFiscalYear;
  return (
    <th id={yearHeader(fy)} class={now ? "c-year now" : "c-year"}>
      {era}
      <span class="c-year__western">{western}</span>
      {now ? <span class="now-mark">{ctx.t.currentYear}</span> : null}
    </th>
  );
}

/** What the marks and the schedule cells' fills mean; printed with the table. */
function TableLegend({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="legend">
      <p>{t.legend}</p>
      <p>
        {t.tableLegendSchedule}
        <span class="legend-item">
          <span class="legend-sample c-sched firm" aria-hidden="true" />
          {t.tableLegendFirm}
        </span>
        <span class="legend-item">
          <span class="legend-sample c-sched tentative" aria-hidden="true" />
          {t.tableLegendTentative}
        </span>
      </p>
    </div>
  );
}

/** `/plans/{planId}/table`: the official table, in the city's layout, printable on A3 landscape. */
export function PlanTablePage({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t, f } = ctx;
  const plan = view.doc.plan;
  const lastResult = view.resultYears[view.resultYears.length - 1];
  const challengesFrom = (lastResult ?? view.baselineYear) + 1;
  return (
    <Layout
      ctx={ctx}
      title={t.tableTitle}
      plan={plan}
      section="table"
      bodyClass="wide"
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.tableTitle },
      ]}
    >
      <div class="page-head">
        <h1>{t.tableTitle}</h1>
        <p class="lead">{t.tableLead}</p>
        <p class="no-print">
          <button type="button" class="button" data-print hidden>
            {t.printButton}
          </button>
        </p>
        <TableLegend ctx={ctx} />
        <div class="no-print">
          <Downloads ctx={ctx} planId={plan.id} />
          <p class="scroll-hint">{t.scrollHint}</p>
        </div>
      </div>
      <div
        class="table-scroll table-scroll--sticky"
        role="region"
        aria-labelledby="table-caption"
        tabIndex={0}
      >
        <table class="plan-table">
          <caption id="table-caption">
            {t.tableCaption(plan.title)}
            {f.paren(`${t.asOf}: ${f.date(plan.asOf)}`)}
          </caption>
          <colgroup>
            <col class="w-num" />
            <col class="w-strategy" />
            <col class="w-measure" />
            <col class="w-flag" />
            <col class="w-flag" />
            <col class="w-name" />
            <col class="w-text" />
            <col class="w-text" />
            {view.resultYears.map((fy) => (
              <col key={fy} class="w-text" />
            ))}
            <col class="w-start" />
            {view.years.map((fy) => (
              <col key={fy} class="w-year" />
            ))}
            <col class="w-challenges" />
          </colgroup>
          <thead>
            <tr>
              <th rowSpan={2} class="c-num" id={TH.num}>
                {t.colNumber}
              </th>
              <th colSpan={2} id={TH.system}>
                {t.groupSystem}
              </th>
              <th colSpan={6 + view.resultYears.length} id={TH.action}>
                {t.groupAction}
              </th>
              <th colSpan={view.years.length} id={TH.schedule}>
                {t.groupSchedule}
              </th>
              <th rowSpan={2} class="c-challenges" id={TH.challenges}>
                {t.colChallenges(f.fy(challengesFrom))}
              </th>
            </tr>
            <tr>
              <th class="c-strategy" id={TH.strategy}>
                {t.colStrategy}
              </th>
              <th class="c-measure" id={TH.measure}>
                {t.colMeasure}
              </th>
              <th class="c-flag" id={TH.isNew}>
                {t.colNewExisting(f.fy(view.baselineYear))}
              </th>
              <th class="c-flag" id={TH.priority}>
                {t.colPriority}
              </th>
              <th class="c-name" id={TH.name}>
                {t.colName}
              </th>
              <th class="c-desc" id={TH.description}>
                {t.colDescription}
              </th>
              <th class="c-rec" id={TH.baseline}>
                {t.colBaseline(f.fy(view.baselineYear))}
              </th>
              {view.resultYears.map((fy) => {
                const asOf = view.resultAsOf.get(fy) ?? null;
                return (
                  <th key={fy} class="c-rec" id={resultHeader(fy)}>
                    {t.colResult(f.fy(fy), asOf ? f.date(asOf) : null)}
                  </th>
                );
              })}
              <th class="c-start" id={TH.start}>
                {t.colStart}
              </th>
              {view.years.map((fy) => (
                <YearHeader key={fy} ctx={ctx} fy={fy} />
              ))}
            </tr>
          </thead>
          {view.strategies.map((g) => (
            <StrategyBody key={g.strategy.code} ctx={ctx} view={view} group={g} />
          ))}
        </table>
      </div>
    </Layout>
  );
}
