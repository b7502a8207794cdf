import type { Action } from "../../core/plan/plan.schema.js";
import { measureLabel, urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { PlanView } from "./view/plan-view.js";
import { isTentative, scheduleCells } from "./view/schedule-cells.js";

/**
 * Grid placement goes through classes (c-N = start column, s-N = span), because the CSP allows
 * no inline styles. Column 1 is "before the plan"; the plan's years follow.
 */
function place(column: number, span = 1): string {
  return `c-${column} s-${span}`;
}

function Track({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t, f } = ctx;
  const first = view.years[0]!;
  const currentIndex = view.years.indexOf(ctx.currentFiscalYear);
  const cells = scheduleCells(action.schedule, view.years).filter((c) => c.labels.length > 0);
  const startedBefore = action.startFiscalYear !== null && action.startFiscalYear < first;
  return (
    <div class={`rm-track years-${view.years.length}`}>
      {Array.from({ length: view.years.length + 1 }, (_, i) => (
        <span
          key={i}
          class={`rm-cell ${place(i + 1)}${i === 0 ? " before" : ""}${i === currentIndex + 1 ? " now" : ""}`}
          aria-hidden="true"
        />
      ))}
      {startedBefore ? (
        <span class={`rm-before ${place(1)}`}>{t.startedIn(f.fy(action.startFiscalYear!))}</span>
      ) : null}
      {cells.length === 0 ? <span class={`rm-empty c-2 s-${view.years.length}`}>{t.noSchedule}</span> : null}
      {cells.map((cell) => {
        const label = cell.labels.join(" / ");
        const years = cell.from === cell.to ? f.fy(cell.from) : `${f.fy(cell.from)}〜${f.fy(cell.to)}`;
        const tentative = cell.labels.some(isTentative);
        const now = cell.from <= ctx.currentFiscalYear && ctx.currentFiscalYear <= cell.to;
        return (
          <span
            key={cell.from}
            class={`rm-bar ${tentative ? "tentative" : "firm"}${now ? " now" : ""} ${place(cell.from - first + 2, cell.span)}`}
            data-from={cell.from}
            data-to={cell.to}
          >
            <span class="visually-hidden">{years}: </span>
            {label}
          </span>
        );
      })}
    </div>
  );
}

/** Priority, relisting, and the start year when the action starts inside the plan's years. */
function ActionFlags({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t, f } = ctx;
  const startsInside = action.startFiscalYear !== null && action.startFiscalYear >= view.years[0]!;
  if (!action.isPriority && action.relistOf === null && !startsInside) return null;
  return (
    <span class="rm-flags">
      {action.isPriority ? <span class="badge badge--priority">{t.priority}</span> : null}
      {action.relistOf !== null ? (
        <span class="badge badge--relist">{t.relistOfShort(action.relistOf)}</span>
      ) : null}
      {startsInside ? (
        <span class="badge badge--existing">{t.startsIn(f.fy(action.startFiscalYear!))}</span>
      ) : null}
    </span>
  );
}

function Axis({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t, f } = ctx;
  return (
    <div class="rm-axis" aria-hidden="true">
      <div class="rm-axis__label">{t.roadmapActionColumn}</div>
      <div class={`rm-track years-${view.years.length}`}>
        <span class={`rm-year before ${place(1)}`}>{t.beforePlan}</span>
        {view.years.map((fy, i) => {
          const [era, western] = f.fyHeader(fy);
          const now = fy === ctx.currentFiscalYear;
          return (
            <span key={fy} class={`rm-year${now ? " now" : ""} ${place(i + 2)}`}>
              <span class="rm-year__era">{era}</span>
              <span class="rm-year__western">{western}</span>
              <span class="rm-year__months">{now ? t.currentYear : t.fiscalYearMonths}</span>
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** `/plans/{planId}/roadmap`: a Gantt chart on the fiscal-year axis, as accessible HTML. */
export function RoadmapPage({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t, f } = ctx;
  const plan = view.doc.plan;
  return (
    <Layout
      ctx={ctx}
      title={t.roadmapTitle}
      plan={plan}
      section="roadmap"
      bodyClass="wide"
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.roadmapTitle },
      ]}
    >
      <h1>{t.roadmapTitle}</h1>
      <p class="lead">
        {t.roadmapLead} {t.period}: {f.fySpan(plan.fiscalYears.from, plan.fiscalYears.to)}
      </p>
      <div class="rm-legend">
        <h2 class="visually-hidden">{t.legendTitle}</h2>
        <ul>
          <li>
            <span class="rm-sample firm" aria-hidden="true" /> {t.legendFirm}
          </li>
          <li>
            <span class="rm-sample tentative" aria-hidden="true" /> {t.legendTentative}
          </li>
          <li>
            <span class="rm-sample now" aria-hidden="true" /> {t.legendCurrent}
            {f.paren(f.fyBoth(ctx.currentFiscalYear))}
          </li>
        </ul>
      </div>
      <div class="roadmap">
        <Axis ctx={ctx} view={view} />
        {view.strategies.map((g) => (
          <section key={g.strategy.code} aria-labelledby={`rm-s${g.strategy.code}`} class="rm-strategy">
            <h2 id={`rm-s${g.strategy.code}`}>
              {g.mark} {g.strategy.name}{" "}
              {g.strategy.subtitle ? <span class="subtitle">{g.strategy.subtitle}</span> : null}
            </h2>
            {g.measures.map((m) => (
              <div key={m.measure.code} class="rm-measure">
                <h3>{measureLabel(ctx, view, m.measure.code)}</h3>
                <ol class="rm-rows">
                  {m.actions.map((a) => (
                    <li key={a.number} class="rm-row" data-action={a.number}>
                      <div class="rm-label">
                        <a href={urls.action(plan.id, a.number)}>
                          <span class="action-list__number">{t.actionNumber(a.number)}</span> {a.name}
                        </a>
                        <ActionFlags ctx={ctx} view={view} action={a} />
                      </div>
                      <Track ctx={ctx} view={view} action={a} />
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
