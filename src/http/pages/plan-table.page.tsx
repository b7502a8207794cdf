import type { Action } from "../../core/plan/plan.schema.js";
import { Downloads } from "./components/badges.js";
import { CellText } from "./components/text.js";
import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { MeasureGroup, PlanView, StrategyGroup } from "./view/plan-view.js";
import { isTentative, scheduleCells } from "./view/schedule-cells.js";

interface RowProps {
  ctx: PageContext;
  view: PlanView;
  action: Action | null;
  strategy: StrategyGroup | null;
  measure: MeasureGroup | null;
  strategyRows: number;
  measureRows: number;
}

function recordText(action: Action, kind: "baseline" | "result", fy?: number): string[] {
  return action.records
    .filter((r) => r.kind === kind && (fy === undefined || r.fiscalYear === fy))
    .map((r) => r.text);
}

function TableRow({ ctx, view, action, strategy, measure, strategyRows, measureRows }: RowProps) {
  const { t, f } = ctx;
  const planId = view.doc.plan.id;
  const blankCount = 7 + view.resultYears.length + view.years.length;
  return (
    <tr id={action ? `a${action.number}` : undefined} data-action={action?.number}>
      <td class="c-num">{action?.number ?? ""}</td>
      {strategy ? (
        <td class="c-strategy" rowSpan={strategyRows}>
          {strategy.mark} {strategy.strategy.name}
          {strategy.strategy.subtitle ? <span class="subtitle">({strategy.strategy.subtitle})</span> : null}
        </td>
      ) : null}
      {measure ? (
        <td class="c-measure" rowSpan={measureRows}>
          {measure.mark} {measure.measure.name}
          {measure.measure.page !== null ? <span class="page-ref">(P{measure.measure.page})</span> : null}
        </td>
      ) : null}
      {action ? (
        <>
          <td class="c-flag">{action.isNew ? t.isNew : t.isExisting}</td>
          <td class="c-flag">
            {action.isPriority ? (
              <span class="mark" title={t.priority}>
                {t.priorityMark}
                <span class="visually-hidden">{t.priority}</span>
              </span>
            ) : null}
            {action.relistOf !== null ? (
              <a class="relist" href={`#a${action.relistOf}`} title={t.relistOfShort(action.relistOf)}>
                {t.relist}
              </a>
            ) : null}
          </td>
          <th scope="row" class="c-name">
            <a href={urls.action(planId, action.number)}>{action.name}</a>
            {action.tags.map((tag) => `【${tag}】`).join("")}
          </th>
          <td class="c-text">
            <ul class="items">
              {action.description.map((d, i) => (
                <li key={i} class={d.kind}>
                  <span aria-hidden="true">{d.kind === "ongoing" ? t.ongoingMark : t.plannedMark}</span>
                  <span class="visually-hidden">{d.kind === "ongoing" ? t.ongoing : t.planned}: </span>
                  {d.text}
                </li>
              ))}
            </ul>
          </td>
          <td class="c-text">
            {recordText(action, "baseline").map((text, i) => (
              <p key={i}>
                <CellText text={text} />
              </p>
            ))}
          </td>
          {view.resultYears.map((fy) => (
            <td key={fy} class="c-text">
              {recordText(action, "result", fy).map((text, i) => (
                <p key={i}>
                  <CellText text={text} />
                </p>
              ))}
            </td>
          ))}
          <td class="c-start">
            {action.startFiscalYear !== null ? f.fy(action.startFiscalYear) : t.noEntry}
          </td>
          {scheduleCells(action.schedule, view.years).map((cell) => (
            <td
              key={cell.from}
              colSpan={cell.span > 1 ? cell.span : undefined}
              class={[
                "c-sched",
                cell.labels.length > 0 ? (cell.labels.some(isTentative) ? "tentative" : "firm") : "",
                cell.from <= ctx.currentFiscalYear && ctx.currentFiscalYear <= cell.to ? "now" : "",
              ]
                .filter(Boolean)
                .join(" ")}
            >
              {cell.labels.join(" / ")}
            </td>
          ))}
          <td class="c-text">
            <ul class="items">
              {action.challenges.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </td>
        </>
      ) : (
        Array.from({ length: blankCount }, (_, i) => <td key={i} />)
      )}
    </tr>
  );
}

function StrategyBody({ ctx, view, group }: { ctx: PageContext; view: PlanView; group: StrategyGroup }) {
  const strategyRows = group.measures.reduce((n, m) => n + Math.max(1, m.actions.length), 0) || 1;
  const rows: RowProps[] = [];
  if (group.measures.length === 0) {
    rows.push({ ctx, view, action: null, strategy: group, measure: null, strategyRows, measureRows: 1 });
  }
  for (const m of group.measures) {
    const measureRows = Math.max(1, m.actions.length);
    const actions: (Action | null)[] = m.actions.length > 0 ? m.actions : [null];
    actions.forEach((action, i) => {
      rows.push({
        ctx,
        view,
        action,
        strategy: rows.length === 0 ? group : null,
        measure: i === 0 ? m : null,
        strategyRows,
        measureRows,
      });
    });
  }
  return (
    <tbody>
      {rows.map((r, i) => (
        <TableRow key={i} {...r} />
      ))}
    </tbody>
  );
}

function YearHeader({ ctx, fy }: { ctx: PageContext; fy: number }) {
  const [era, western] = ctx.f.fyHeaderShort(fy);
  const now = fy === ctx.currentFiscalYear;
  return (
    <th scope="col" class={now ? "c-year now" : "c-year"}>
      {era}
      <span class="c-year__western">{western}</span>
      {now ? <span class="now-mark">{ctx.t.currentYear}</span> : null}
    </th>
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
        <p class="legend">{t.legend}</p>
        <div class="no-print">
          <Downloads ctx={ctx} planId={plan.id} />
          <p class="scroll-hint">{t.scrollHint}</p>
        </div>
      </div>
      <div class="table-scroll" role="region" aria-labelledby="table-caption" tabIndex={0}>
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
              <th scope="col" rowSpan={2} class="c-num">
                {t.colNumber}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t.groupSystem}
              </th>
              <th scope="colgroup" colSpan={6 + view.resultYears.length}>
                {t.groupAction}
              </th>
              <th scope="colgroup" colSpan={view.years.length}>
                {t.groupSchedule}
              </th>
              <th scope="col" rowSpan={2} class="c-challenges">
                {t.colChallenges(f.fy(challengesFrom))}
              </th>
            </tr>
            <tr>
              <th scope="col" class="c-strategy">
                {t.colStrategy}
              </th>
              <th scope="col" class="c-measure">
                {t.colMeasure}
              </th>
              <th scope="col" class="c-flag">
                {t.colNewExisting(f.fy(view.baselineYear))}
              </th>
              <th scope="col" class="c-flag">
                {t.colPriority}
              </th>
              <th scope="col" class="c-name">
                {t.colName}
              </th>
              <th scope="col" class="c-desc">
                {t.colDescription}
              </th>
              <th scope="col" class="c-rec">
                {t.colBaseline(f.fy(view.baselineYear))}
              </th>
              {view.resultYears.map((fy) => {
                const asOf = view.resultAsOf.get(fy) ?? null;
                return (
                  <th key={fy} scope="col" class="c-rec">
                    {t.colResult(f.fy(fy), asOf ? f.date(asOf) : null)}
                  </th>
                );
              })}
              <th scope="col" class="c-start">
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
