import type { Difference } from "../../core/history/diff.js";
import type { VersionDetail } from "../../core/history/history.service.js";
import type { Action } from "../../core/plan/plan.schema.js";
import { actorText } from "./components/actor.js";
import { DiffList } from "./components/diff.js";
import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";
import { staffText, staffUrls } from "./review-staff/staff-context.js";
import type { PlanView } from "./view/plan-view.js";

export interface HistoryPageProps {
  ctx: PageContext;
  view: PlanView;
  action: Action;
  versions: VersionDetail[];
  /** The two versions compared and what changed between them, when two were chosen. */
  diff: { from: number; to: number; differences: Difference[] } | null;
  /** The versions asked for do not exist. */
  invalid?: boolean;
  /** Signed-in staff are looking: who made each change is named (display name and role). */
  staff?: boolean;
  /** A plan manager is looking: each older version links to its restore confirmation. */
  canRestore?: boolean;
  /** The version just restored (after the restore form redirected here). */
  restored?: number | undefined;
}

function Fields({ ctx, version }: { ctx: PageContext; version: VersionDetail }) {
  const { t } = ctx;
  if (version.change === "created") return <>{t.changeCreated}</>;
  if (version.change === "removed") return <>{t.changeRemoved}</>;
  return <>{version.fields.map((f) => t.fieldNames[f] ?? f).join("、")}</>;
}

function VersionsTable({ ctx, view, action, versions, canRestore, staff }: HistoryPageProps) {
  const s = staffText(ctx);
  const newest = versions[0]?.version;
  const { t, f } = ctx;
  const planId = view.doc.plan.id;
  const previous = new Map(versions.map((v, i) => [v.version, versions[i + 1]?.version]));
  return (
    <div class="table-scroll" role="region" aria-labelledby="versions-caption" tabIndex={0}>
      <table class="versions-table">
        <caption id="versions-caption">{t.versionsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colVersion}</th>
            <th scope="col">{t.colAt}</th>
            <th scope="col">{t.colActor}</th>
            <th scope="col">{t.colSource}</th>
            <th scope="col">{t.colFields}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const before = previous.get(v.version);
            return (
              <tr key={v.version} data-version={v.version}>
                <th scope="row">{t.versionLabel(v.version)}</th>
                <td>{f.dateTime(v.at)}</td>
                <td class="versions-table__actor">{actorText(ctx, v.who, staff === true)}</td>
                <td>{t.changeSource[v.source] ?? v.source}</td>
                <td>
                  <Fields ctx={ctx} version={v} />
                  {before !== undefined ? (
                    <>
                      {" "}
                      <a href={urls.history(planId, action.number, { from: before, to: v.version })}>
                        {t.diffWithPrevious(v.version)}
                      </a>
                    </>
                  ) : null}
                  {canRestore && v.version !== newest && v.change !== "removed" ? (
                    <>
                      {" "}
                      <a class="restore-link" href={staffUrls.restore(planId, action.number, v.version)}>
                        {s.restoreLink(v.version)}
                      </a>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VersionSelect({
  ctx,
  id,
  label,
  versions,
  selected,
}: {
  ctx: PageContext;
  id: "from" | "to";
  label: string;
  versions: VersionDetail[];
  selected: number | undefined;
}) {
  const { t, f } = ctx;
  return (
    <div class="field">
      <label for={`f-${id}`}>{label}</label>
      <select id={`f-${id}`} name={id}>
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)} selected={v.version === selected}>
            {t.versionLabel(v.version)}（{f.dateTime(v.at)}）
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/plans/{planId}/actions/{n}/history`: every version of an action and the difference between two. */
export function HistoryPage(props: HistoryPageProps) {
  const { ctx, view, action, versions, diff, invalid } = props;
  const { t } = ctx;
  const plan = view.doc.plan;
  const indicatorNames = new Map(action.indicators.map((i) => [i.code, i.name]));
  const newest = versions[0]?.version;
  return (
    <Layout
      ctx={ctx}
      title={t.historyTitle(action.number)}
      plan={plan}
      section="action"
      crumbs={[
        { label: t.home, href: urls.home() },
        { label: plan.title, href: urls.plan(plan.id) },
        { label: t.actionTitle(action.number), href: urls.action(plan.id, action.number) },
        { label: t.historyCrumb },
      ]}
    >
      <p class="eyebrow">
        <a href={urls.action(plan.id, action.number)}>
          {t.actionNumber(action.number)} {action.name}
        </a>
      </p>
      <h1>{t.historyTitle(action.number)}</h1>
      <p class="lead">{t.historyLead}</p>
      {props.restored !== undefined && newest !== undefined ? (
        <p class="notice" role="status">
          {staffText(ctx).restored(props.restored, newest)}
        </p>
      ) : null}
      {invalid ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{t.formErrors}</h2>
          <p>
            <a href="#f-from">{t.badVersions}</a>
          </p>
        </div>
      ) : null}
      <VersionsTable {...props} />
      {versions.length > 1 ? (
        <form class="search-form version-form" method="get" action={urls.history(plan.id, action.number)}>
          <fieldset>
            <legend>{t.diffFormTitle}</legend>
            <div class="version-form__fields">
              <VersionSelect
                ctx={ctx}
                id="from"
                label={t.diffFrom}
                versions={versions}
                selected={diff?.from ?? versions[1]?.version}
              />
              <VersionSelect
                ctx={ctx}
                id="to"
                label={t.diffTo}
                versions={versions}
                selected={diff?.to ?? newest}
              />
              <button type="submit" class="button">
                {t.diffSubmit}
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
      {diff ? (
        <section id="diff" aria-labelledby="diff-title">
          <h2 id="diff-title">{t.diffTitle(t.versionLabel(diff.from), t.versionLabel(diff.to))}</h2>
          <p class="diff-count">
            {diff.differences.length === 0 ? t.diffNone : t.diffCount(diff.differences.length)}
          </p>
          <DiffList
            scales={view.doc.scales}
            ctx={ctx}
            differences={diff.differences}
            names={{ indicator: (c) => indicatorNames.get(c) }}
          />
        </section>
      ) : null}
    </Layout>
  );
}
