import type { PlanSummary } from "../../core/plan/plan.service.js";
import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";

/** `/`: the plans on this server, each with a clear way in. */
export function HomePage({ ctx, plans }: { ctx: PageContext; plans: PlanSummary[] }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t.homeTitle}>
      <h1>{t.homeTitle}</h1>
      <p class="lead">{t.homeLead}</p>
      {plans.length === 0 ? <p>{t.noPlans}</p> : null}
      <ul class="plan-cards">
        {plans.map((p) => (
          <li key={p.id} class="plan-card">
            <h2>
              <a href={urls.plan(p.id)}>{p.title}</a>
            </h2>
            <p class="plan-card__municipality">{p.municipality}</p>
            <dl class="facts">
              <div>
                <dt>{t.period}</dt>
                <dd>{f.fySpan(p.fiscalYears.from, p.fiscalYears.to)}</dd>
              </div>
              <div>
                <dt>{t.asOf}</dt>
                <dd>
                  <time dateTime={p.asOf}>{f.date(p.asOf)}</time>
                </dd>
              </div>
              <div>
                <dt>{t.countActions}</dt>
                <dd>{t.countUnit(p.counts.actions)}</dd>
              </div>
            </dl>
            <p>
              <a class="button" href={urls.plan(p.id)}>
                {t.openPlan(p.title)}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
