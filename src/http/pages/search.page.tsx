import type { Action } from "../../core/plan/plan.schema.js";
import { ActionBadges } from "./components/badges.js";
import { measureLabel, strategyLabel, urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import type { SearchField } from "./search.query.js";
import { excerpt, type Segment } from "./view/highlight.js";
import type { PlanView } from "./view/plan-view.js";

export interface SearchPageProps {
  ctx: PageContext;
  view: PlanView;
  /** The form's values as the reader gave them. */
  values: Partial<Record<SearchField, string>>;
  /** Matching actions, or null when the query could not be read. */
  results: Action[] | null;
  errors: SearchField[];
}

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

/** Where the words matched, when not in the name: the first field that holds one. */
function Match({ ctx, action, q }: { ctx: PageContext; action: Action; q: string }) {
  const { t } = ctx;
  const fields: [string, string[]][] = [
    [t.fieldTags, action.tags],
    [t.fieldDescription, action.description.map((d) => d.text)],
    [t.fieldRecords, action.records.map((r) => r.text)],
    [t.fieldChallenges, action.challenges],
  ];
  for (const [label, texts] of fields) {
    for (const text of texts) {
      const segments = excerpt(text, q);
      if (segments) {
        return (
          <p class="match">
            <span class="match__field">{label}</span> <Marked segments={segments} />
          </p>
        );
      }
    }
  }
  return null;
}

function Select(props: {
  id: SearchField;
  label: string;
  value: string | undefined;
  options: [string, string][];
  groups?: { label: string; options: [string, string][] }[];
  invalid: boolean;
  anyLabel: string;
}) {
  return (
    <div class={props.invalid ? "field field--invalid" : "field"}>
      <label for={`f-${props.id}`}>{props.label}</label>
      <select id={`f-${props.id}`} name={props.id} aria-invalid={props.invalid ? "true" : undefined}>
        <option value="">{props.anyLabel}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(([value, label]) => (
              <option key={value} value={value} selected={props.value === value}>
                {label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function SearchForm({ ctx, view, values, errors }: SearchPageProps) {
  const { t, f } = ctx;
  const planId = view.doc.plan.id;
  const invalid = (k: SearchField) => errors.includes(k);
  const common = (id: SearchField) => ({ id, value: values[id], invalid: invalid(id), anyLabel: t.any });
  const fy = values.fiscalYear;
  const fyOptions: [string, string][] = view.years.map((y) => [String(y), f.fyBoth(y)]);
  if (fy && !fyOptions.some(([v]) => v === fy)) fyOptions.push([fy, fy]);
  return (
    <form
      class="search-form"
      method="get"
      action={urls.search(planId)}
      role="search"
      aria-label={t.searchForm}
      data-live-search
    >
      <div class={invalid("q") ? "field field--q field--invalid" : "field field--q"}>
        <label for="f-q">{t.qLabel}</label>
        <p id="q-hint" class="hint">
          {t.qHint}
        </p>
        <div class="q-row">
          <input
            id="f-q"
            name="q"
            type="search"
            value={values.q ?? ""}
            maxLength={500}
            aria-describedby="q-hint"
            autocomplete="off"
          />
          <button type="submit" class="button">
            {t.submit}
          </button>
        </div>
      </div>
      <div class="filters">
        <Select
          {...common("strategy")}
          label={t.filterStrategy}
          options={view.strategies.map((g) => [g.strategy.code, strategyLabel(view, g.strategy.code)])}
        />
        <Select
          {...common("measure")}
          label={t.filterMeasure}
          options={[]}
          groups={view.strategies.map((g) => ({
            label: strategyLabel(view, g.strategy.code),
            options: g.measures.map((m) => [m.measure.code, measureLabel(ctx, view, m.measure.code)]),
          }))}
        />
        <Select {...common("tag")} label={t.filterTag} options={view.tags.map(({ tag }) => [tag, tag])} />
        <Select
          {...common("priority")}
          label={t.filterPriority}
          options={[
            ["true", t.priorityOnly],
            ["false", t.nonPriority],
          ]}
        />
        <Select
          {...common("new")}
          label={t.filterNew}
          options={[
            ["true", t.newOnly],
            ["false", t.existingOnly],
          ]}
        />
        <Select
          {...common("relisted")}
          label={t.filterRelisted}
          options={[
            ["true", t.relistedOnly],
            ["false", t.notRelisted],
          ]}
        />
        <Select {...common("fiscalYear")} label={t.filterFiscalYear} options={fyOptions} />
      </div>
      <p class="form-actions">
        <button type="submit" class="button button--secondary">
          {t.submit}
        </button>
        <a href={urls.search(planId)}>{t.reset}</a>
      </p>
    </form>
  );
}

/** `/plans/{planId}/search`: find actions by words and filters; works without JavaScript. */
export function SearchPage(props: SearchPageProps) {
  const { ctx, view, values, results, errors } = props;
  const { t } = ctx;
  const plan = view.doc.plan;
  const q = values.q ?? "";
  const labels: Record<SearchField, string> = {
    q: t.qLabel,
    strategy: t.filterStrategy,
    measure: t.filterMeasure,
    tag: t.filterTag,
    priority: t.filterPriority,
    new: t.filterNew,
    relisted: t.filterRelisted,
    fiscalYear: t.filterFiscalYear,
  };
  return (
    <Layout
      ctx={ctx}
      title={t.searchTitle}
      plan={plan}
      section="search"
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.searchTitle },
      ]}
    >
      <h1>{t.searchTitle}</h1>
      <p class="lead">{t.searchLead}</p>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{t.formErrors}</h2>
          <ul>
            {errors.map((e) => (
              <li key={e}>
                <a href={`#f-${e}`}>{t.invalidField(labels[e])}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <SearchForm {...props} />
      <p id="search-status" class="visually-hidden" aria-live="polite" />
      <section id="results" aria-labelledby="results-title" class="results">
        <h2 id="results-title">{t.results}</h2>
        {results ? (
          <>
            <p class="results__count" data-total={results.length}>
              {t.resultsCount(results.length)}
            </p>
            {results.length === 0 ? <p>{t.noResults}</p> : null}
            <ol class="result-list">
              {results.map((a) => {
                const nameMarks = q ? excerpt(a.name, q, 1000, 1000) : null;
                return (
                  <li key={a.number} class="result" data-action={a.number}>
                    <h3>
                      <a href={urls.action(plan.id, a.number)}>
                        <span class="action-list__number">{t.actionNumber(a.number)}</span>{" "}
                        {nameMarks ? <Marked segments={nameMarks} /> : a.name}
                      </a>
                    </h3>
                    <p class="result__place">{measureLabel(ctx, view, a.measure)}</p>
                    <ActionBadges ctx={ctx} planId={plan.id} action={a} />
                    {q && !nameMarks ? <Match ctx={ctx} action={a} q={q} /> : null}
                  </li>
                );
              })}
            </ol>
          </>
        ) : null}
      </section>
    </Layout>
  );
}
