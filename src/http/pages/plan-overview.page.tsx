import type { Action } from "../../core/plan/plan.schema.js";
import { ActionBadges, Downloads } from "./components/badges.js";
import { measureLabel, urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import { scheduledIn, type Counts, type PlanView, type StrategyGroup } from "./view/plan-view.js";

type CountKey = keyof Counts;

/** The search filter behind each count, so a click shows exactly the actions counted. */
const COUNT_FILTERS: Record<CountKey, Record<string, string>> = {
  actions: {},
  priority: { priority: "true" },
  isNew: { new: "true" },
  relisted: { relisted: "true" },
};

function CountLink(props: {
  ctx: PageContext;
  planId: string;
  n: number;
  kind: CountKey;
  scope: Record<string, string>;
  label?: string;
}) {
  const { ctx, planId, n, kind, scope } = props;
  const href = urls.search(planId, { ...scope, ...COUNT_FILTERS[kind] });
  return (
    <a href={href} data-count={kind}>
      {props.label ? `${props.label} ` : ""}
      {ctx.t.countUnit(n)}
    </a>
  );
}

function Figures({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t } = ctx;
  const planId = view.doc.plan.id;
  const items: [CountKey, string][] = [
    ["actions", t.countActions],
    ["priority", t.countPriority],
    ["isNew", t.countNew],
    ["relisted", t.countRelisted],
  ];
  return (
    <section aria-labelledby="figures">
      <h2 id="figures">{t.figures}</h2>
      <ul class="figures">
        {items.map(([kind, label]) => (
          <li key={kind}>
            <a href={urls.search(planId, COUNT_FILTERS[kind])} data-count={kind}>
              <span class="figures__label">{label}</span>
              <span class="figures__value">{ctx.f.number(view.counts[kind])}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function labelsIn(action: Action, fy: number): string {
  return action.schedule
    .filter((s) => s.from <= fy && fy <= s.to)
    .map((s) => s.label)
    .join("・");
}

function CurrentYear({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t, f, currentFiscalYear: fy } = ctx;
  const planId = view.doc.plan.id;
  const inPlan = view.years.includes(fy);
  const actions = view.doc.actions.filter((a) => scheduledIn(a, fy));
  return (
    <section aria-labelledby="this-year" class="this-year">
      <h2 id="this-year">{t.currentYearTitle(f.fyBoth(fy))}</h2>
      {!inPlan ? <p>{t.currentYearOutside(f.fyBoth(fy))}</p> : null}
      {inPlan && actions.length === 0 ? <p>{t.currentYearNone}</p> : null}
      {actions.length > 0 ? (
        <>
          <p>
            {t.currentYearLead(actions.length)}{" "}
            <a href={urls.search(planId, { fiscalYear: fy })}>{t.searchThisYear}</a>
          </p>
          <ol class="action-list">
            {actions.map((a) => (
              <li key={a.number}>
                <a href={urls.action(planId, a.number)}>
                  <span class="action-list__number">{t.actionNumber(a.number)}</span> {a.name}
                </a>
                <span class="action-list__label">{labelsIn(a, fy)}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function StrategySection({ ctx, view, group }: { ctx: PageContext; view: PlanView; group: StrategyGroup }) {
  const { t } = ctx;
  const planId = view.doc.plan.id;
  const id = `strategy-${group.strategy.code}`;
  const title = `${group.mark} ${group.strategy.name}`;
  const kinds: CountKey[] = ["actions", "priority", "isNew", "relisted"];
  return (
    <section aria-labelledby={id} class="strategy">
      <h3 id={id}>
        {title} {group.strategy.subtitle ? <span class="subtitle">{group.strategy.subtitle}</span> : null}
      </h3>
      <table class="counts">
        <caption class="visually-hidden">{t.measuresCaption(title)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.measureColumn}</th>
            <th scope="col">{t.countActions}</th>
            <th scope="col">{t.countPriority}</th>
            <th scope="col">{t.countNew}</th>
            <th scope="col">{t.countRelisted}</th>
          </tr>
        </thead>
        <tbody>
          {group.measures.map((m) => (
            <tr key={m.measure.code} data-measure={m.measure.code}>
              <th scope="row">{measureLabel(ctx, view, m.measure.code)}</th>
              {kinds.map((kind) => (
                <td key={kind}>
                  <CountLink
                    ctx={ctx}
                    planId={planId}
                    n={m.counts[kind]}
                    kind={kind}
                    scope={{ measure: m.measure.code }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            {kinds.map((kind) => (
              <td key={kind}>
                <CountLink
                  ctx={ctx}
                  planId={planId}
                  n={group.counts[kind]}
                  kind={kind}
                  scope={{ strategy: group.strategy.code }}
                />
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <details class="measure-actions">
        <summary>{t.showActions(group.counts.actions)}</summary>
        {group.measures.map((m) => (
          <div key={m.measure.code}>
            <h4>{measureLabel(ctx, view, m.measure.code)}</h4>
            <ol class="action-list">
              {m.actions.map((a) => (
                <li key={a.number}>
                  <a href={urls.action(planId, a.number)}>
                    <span class="action-list__number">{t.actionNumber(a.number)}</span> {a.name}
                  </a>
                  <ActionBadges ctx={ctx} planId={planId} action={a} />
                </li>
              ))}
            </ol>
          </div>
        ))}
      </details>
    </section>
  );
}

/** `/plans/{planId}`: the plan at a glance. */
export function PlanOverviewPage({ ctx, view }: { ctx: PageContext; view: PlanView }) {
  const { t, f } = ctx;
  const plan = view.doc.plan;
  return (
    <Layout
      ctx={ctx}
      title={t.navOverview}
      plan={plan}
      section="overview"
      crumbs={[{ label: t.home, href: urls.home() }, { label: plan.title }]}
    >
      <h1>{plan.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t.period}</dt>
          <dd>{f.fySpan(plan.fiscalYears.from, plan.fiscalYears.to)}</dd>
        </div>
        <div>
          <dt>{t.asOf}</dt>
          <dd>
            <time dateTime={plan.asOf}>{f.date(plan.asOf)}</time>
          </dd>
        </div>
      </dl>
      <p class="quick-links">
        <a class="button" href={urls.table(plan.id)}>
          {t.viewTable}
        </a>
        <a class="button button--secondary" href={urls.roadmap(plan.id)}>
          {t.viewRoadmap}
        </a>
        <a class="button button--secondary" href={urls.indicators(plan.id)}>
          {t.viewIndicators}
        </a>
      </p>
      <Figures ctx={ctx} view={view} />
      <section aria-labelledby="strategies">
        <h2 id="strategies">{t.strategiesTitle}</h2>
        {view.strategies.map((g) => (
          <StrategySection key={g.strategy.code} ctx={ctx} view={view} group={g} />
        ))}
      </section>
      <CurrentYear ctx={ctx} view={view} />
      {view.tags.length > 0 ? (
        <section aria-labelledby="tags">
          <h2 id="tags">{t.tagsTitle}</h2>
          <p>{t.tagsLead}</p>
          <ul class="tag-list">
            {view.tags.map(({ tag, count }) => (
              <li key={tag}>
                <a href={urls.search(plan.id, { tag })}>
                  {tag} <span class="tag-list__count">{t.countUnit(count)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="downloads">
        <h2 id="downloads">{t.downloadsTitle}</h2>
        <p>{t.downloadsLead}</p>
        <Downloads ctx={ctx} planId={plan.id} />
      </section>
    </Layout>
  );
}
