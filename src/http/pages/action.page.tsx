import type { Action, PlanRecord } from "../../core/plan/plan.schema.js";
import { ActionBadges } from "./components/badges.js";
import { Evaluations, Indicators } from "./components/indicators.js";
import { CellText } from "./components/text.js";
import { measureLabel, strategyLabel, urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { PlanView } from "./view/plan-view.js";
import { isTentative, scheduleCells } from "./view/schedule-cells.js";

function recordHeading(ctx: PageContext, r: PlanRecord): string {
  const { t, f } = ctx;
  return r.kind === "baseline"
    ? t.baselineHeading(f.fy(r.fiscalYear))
    : t.resultHeading(f.fy(r.fiscalYear), r.asOf ? f.date(r.asOf) : null);
}

function Records({ ctx, action }: { ctx: PageContext; action: Action }) {
  const records = [...action.records].sort(
    (a, b) => a.fiscalYear - b.fiscalYear || (a.kind === "baseline" ? -1 : 1),
  );
  if (records.length === 0) return <p>{ctx.t.noRecords}</p>;
  return (
    <div class="records">
      {records.map((r, i) => (
        <section key={i} class={`record record--${r.kind}`} aria-labelledby={`record-${i}`}>
          <h3 id={`record-${i}`}>{recordHeading(ctx, r)}</h3>
          <p>
            <CellText text={r.text} />
          </p>
        </section>
      ))}
    </div>
  );
}

function Schedule({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t, f } = ctx;
  return (
    // Labelled by its own caption: the section around it is already the landmark named スケジュール.
    <div class="table-scroll" role="region" aria-labelledby="schedule-caption" tabIndex={0}>
      <table class="schedule-table">
        <caption id="schedule-caption" class="visually-hidden">
          {t.scheduleOf(action.name)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.startYear}</th>
            {view.years.map((fy) => {
              const [era, western] = f.fyHeader(fy);
              return (
                <th key={fy} scope="col" class={fy === ctx.currentFiscalYear ? "c-year now" : "c-year"}>
                  {era}
                  <span class="c-year__western">{western}</span>
                  {fy === ctx.currentFiscalYear ? <span class="now-mark">{t.currentYear}</span> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{action.startFiscalYear !== null ? f.fyBoth(action.startFiscalYear) : t.noEntry}</td>
            {scheduleCells(action.schedule, view.years).map((cell) => (
              <td
                key={cell.from}
                colSpan={cell.span > 1 ? cell.span : undefined}
                class={
                  cell.labels.length > 0
                    ? `c-sched ${cell.labels.some(isTentative) ? "tentative" : "firm"}`
                    : "c-sched"
                }
              >
                {cell.labels.join(" / ")}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Relations({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t } = ctx;
  const planId = view.doc.plan.id;
  const original = action.relistOf !== null ? view.action(action.relistOf) : undefined;
  const copies = view
    .relistedBy(action.number)
    .map((n) => view.action(n))
    .filter((a) => a !== undefined);
  if (!original && copies.length === 0) return null;
  const link = (a: Action) => (
    <a href={urls.action(planId, a.number)}>
      {t.actionNumber(a.number)} {a.name}
    </a>
  );
  return (
    <section aria-labelledby="relations">
      <h2 id="relations">{t.relationsTitle}</h2>
      <dl class="facts facts--stacked">
        {original ? (
          <div>
            <dt>{t.relistOf}</dt>
            <dd>
              {link(original)}
              {ctx.f.paren(measureLabel(ctx, view, original.measure))}
            </dd>
          </div>
        ) : null}
        {copies.length > 0 ? (
          <div>
            <dt>{t.relistedBy}</dt>
            {copies.map((a) => (
              <dd key={a.number}>
                {link(a)}
                {ctx.f.paren(measureLabel(ctx, view, a.measure))}
              </dd>
            ))}
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function Recovered({ ctx, action }: { ctx: PageContext; action: Action }) {
  const { t } = ctx;
  if (action.recovered.length === 0) return null;
  return (
    <aside class="recovered" aria-labelledby="recovered">
      <h2 id="recovered">{t.recoveredTitle}</h2>
      <ul>
        {action.recovered.map((r, i) => (
          <li key={i}>
            {t.recovered(t.recoveredFields[r.field] ?? r.field)}
            <details>
              <summary>{t.recoveredFrom}</summary>
              <p>
                {r.from}
                {r.note ? <>: {r.note}</> : null}
              </p>
            </details>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function Pager({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t } = ctx;
  const { prev, next } = view.neighbours(action.number);
  const planId = view.doc.plan.id;
  return (
    <nav class="pager" aria-label={t.actionPager}>
      {prev ? (
        <a href={urls.action(planId, prev.number)} rel="prev" class="pager__prev">
          <span class="pager__dir">{t.prevAction}</span>
          {t.actionNumber(prev.number)} {prev.name}
        </a>
      ) : (
        <span />
      )}
      {next ? (
        <a href={urls.action(planId, next.number)} rel="next" class="pager__next">
          <span class="pager__dir">{t.nextAction}</span>
          {t.actionNumber(next.number)} {next.name}
        </a>
      ) : null}
    </nav>
  );
}

/** `/plans/{planId}/actions/{number}`: everything about one action. */
export function ActionPage({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: Action }) {
  const { t } = ctx;
  const plan = view.doc.plan;
  const strategy = view.strategyOf(action.measure);
  return (
    <Layout
      ctx={ctx}
      title={`${t.actionNumber(action.number)} ${action.name}`}
      plan={plan}
      section="action"
      charts={action.indicators.length > 0}
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.actionTitle(action.number) },
      ]}
    >
      <p class="eyebrow">{t.actionTitle(action.number)}</p>
      <h1>{action.name}</h1>
      <ActionBadges ctx={ctx} planId={plan.id} action={action} />
      <dl class="facts facts--stacked">
        <div>
          <dt>{t.place}</dt>
          <dd>
            {strategy ? (
              <a href={urls.search(plan.id, { strategy: strategy.strategy.code })}>
                {strategyLabel(view, strategy.strategy.code)}
              </a>
            ) : null}
            <span aria-hidden="true"> › </span>
            <a href={urls.search(plan.id, { measure: action.measure })}>
              {measureLabel(ctx, view, action.measure)}
            </a>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="description">
        <h2 id="description">{t.descriptionTitle}</h2>
        <ul class="items items--description">
          {action.description.map((d, i) => (
            <li key={i} class={d.kind}>
              <span class={`item-kind item-kind--${d.kind}`}>
                <span aria-hidden="true">{d.kind === "ongoing" ? t.ongoingMark : t.plannedMark} </span>
                {d.kind === "ongoing" ? t.ongoing : t.planned}
              </span>
              {d.text}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="records">
        <h2 id="records">{t.recordsTitle}</h2>
        <Records ctx={ctx} action={action} />
      </section>
      <Indicators ctx={ctx} doc={view.doc} action={action} />
      <Evaluations ctx={ctx} doc={view.doc} action={action} />
      <section aria-labelledby="schedule">
        <h2 id="schedule">{t.scheduleTitle}</h2>
        <Schedule ctx={ctx} view={view} action={action} />
      </section>
      <section aria-labelledby="challenges">
        <h2 id="challenges">{t.challengesTitle}</h2>
        {action.challenges.length === 0 ? (
          <p>{t.noChallenges}</p>
        ) : (
          <ul class="items items--bullets">
            {action.challenges.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        )}
      </section>
      <Relations ctx={ctx} view={view} action={action} />
      <Recovered ctx={ctx} action={action} />
      <p class="action-json">
        <a href={urls.history(plan.id, action.number)}>{t.historyLink}</a>
        <a
          href={urls.actionJson(plan.id, action.number)}
          download={`${plan.id}-action-${action.number}.json`}
        >
          {t.actionJson}
        </a>
      </p>
      <Pager ctx={ctx} view={view} action={action} />
    </Layout>
  );
}
