import type { PlanComparison } from "../../core/history/history.service.js";
import { DiffList } from "./components/diff.js";
import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { PlanView } from "./view/plan-view.js";

export type CompareField = "from" | "to";

export interface ComparePageProps {
  ctx: PageContext;
  view: PlanView;
  /** What the form shows, as typed. */
  values: Record<CompareField, string>;
  /** The two moments in words (令和6年度末（令和7年3月31日）時点). */
  labels: Record<CompareField, string> | null;
  comparison: PlanComparison | null;
  /** Which moment the plan did not exist at yet. */
  missing: CompareField[];
  errors: CompareField[];
}

function ActionList({
  ctx,
  view,
  items,
}: {
  ctx: PageContext;
  view: PlanView;
  items: { number: number; name: string }[];
}) {
  const { t } = ctx;
  if (items.length === 0) return <p>{t.compareNone}</p>;
  return (
    <ul class="compare-list">
      {items.map((a) => (
        <li key={a.number}>
          {view.action(a.number) ? (
            <a href={urls.action(view.doc.plan.id, a.number)}>
              {t.actionNumber(a.number)} {a.name}
            </a>
          ) : (
            `${t.actionNumber(a.number)} ${a.name}`
          )}
        </li>
      ))}
    </ul>
  );
}

function CompareForm({ ctx, view, values, errors }: ComparePageProps) {
  const { t } = ctx;
  const field = (id: CompareField, label: string) => (
    <div class={errors.includes(id) ? "field field--invalid" : "field"}>
      <label for={`f-${id}`}>{label}</label>
      <input
        id={`f-${id}`}
        name={id}
        type="text"
        value={values[id]}
        maxLength={40}
        aria-describedby="compare-hint"
        aria-invalid={errors.includes(id) ? "true" : undefined}
        autocomplete="off"
      />
    </div>
  );
  return (
    <form class="search-form compare-form" method="get" action={urls.compare(view.doc.plan.id)}>
      <fieldset>
        <legend>{t.compareFormTitle}</legend>
        <p id="compare-hint" class="hint">
          {t.compareHint}
        </p>
        <div class="version-form__fields">
          {field("from", t.compareFrom)}
          {field("to", t.compareTo)}
          <button type="submit" class="button">
            {t.compareSubmit}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** `/plans/{planId}/compare?from=…&to=…`: what was added, removed and changed between two moments. */
export function ComparePage(props: ComparePageProps) {
  const { ctx, view, labels, comparison, missing, errors } = props;
  const { t } = ctx;
  const plan = view.doc.plan;
  const fieldLabel: Record<CompareField, string> = { from: t.compareFrom, to: t.compareTo };
  const indicatorName = (n: number) => (code: string) =>
    view.action(n)?.indicators.find((i) => i.code === code)?.name;
  const same =
    comparison &&
    comparison.added.length +
      comparison.removed.length +
      comparison.changed.length +
      comparison.plan.length ===
      0;
  return (
    <Layout
      ctx={ctx}
      title={t.compareTitle}
      plan={plan}
      section="compare"
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.compareTitle },
      ]}
    >
      <h1>{t.compareTitle}</h1>
      <p class="lead">{t.compareLead}</p>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{t.formErrors}</h2>
          <ul>
            {errors.map((e) => (
              <li key={e}>
                <a href={`#f-${e}`}>{t.invalidMoment(fieldLabel[e])}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CompareForm {...props} />
      {labels ? (
        <section aria-labelledby="compare-result" class="compare-result">
          <h2 id="compare-result">{t.compareHeading(labels.from, labels.to)}</h2>
          {missing.map((m) => (
            <p key={m} class="notice">
              {t.comparePlanMissing(labels[m])}
            </p>
          ))}
          {comparison ? (
            <>
              <dl class="compare-figures">
                {(
                  [
                    ["added", t.compareAdded, comparison.added.length],
                    ["removed", t.compareRemoved, comparison.removed.length],
                    ["changed", t.compareChanged, comparison.changed.length],
                  ] as const
                ).map(([key, label, n]) => (
                  <div key={key} data-count={key}>
                    <dt>{label}</dt>
                    <dd>{t.countUnit(n)}</dd>
                  </div>
                ))}
              </dl>
              {same ? <p>{t.compareNoDifference}</p> : null}
              {comparison.plan.length > 0 && missing.length === 0 ? (
                <section aria-labelledby="compare-plan">
                  <h3 id="compare-plan">{t.comparePlanChanges}</h3>
                  <DiffList ctx={ctx} differences={comparison.plan} scales={view.doc.scales} />
                </section>
              ) : null}
              <section aria-labelledby="compare-added">
                <h3 id="compare-added">{t.compareAdded}</h3>
                <ActionList ctx={ctx} view={view} items={comparison.added} />
              </section>
              <section aria-labelledby="compare-removed">
                <h3 id="compare-removed">{t.compareRemoved}</h3>
                <ActionList ctx={ctx} view={view} items={comparison.removed} />
              </section>
              <section aria-labelledby="compare-changed">
                <h3 id="compare-changed">{t.compareChanged}</h3>
                {comparison.changed.length === 0 ? <p>{t.compareNone}</p> : null}
                {comparison.changed.map((c) => (
                  <details key={c.number} class="compare-action" data-action={c.number}>
                    <summary>
                      {t.actionNumber(c.number)} {c.name}
                      <span class="compare-action__count">{countText(ctx, c.differences.length)}</span>
                    </summary>
                    <p>
                      <a href={urls.action(plan.id, c.number)}>{t.actionTitle(c.number)}</a>
                    </p>
                    <DiffList
                      scales={view.doc.scales}
                      ctx={ctx}
                      differences={c.differences}
                      names={{ indicator: indicatorName(c.number) }}
                    />
                  </details>
                ))}
              </section>
            </>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

function countText(ctx: PageContext, n: number): string {
  return ctx.f.paren(ctx.t.differencesOf(n));
}
