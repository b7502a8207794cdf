import type { Difference } from "../../../core/history/diff.js";
import type { Action, PlanDocument } from "../../../core/plan/plan.schema.js";
import { CsrfField } from "../account/account-components.js";
import type { Viewer } from "../account/account-context.js";
import { DiffList } from "../components/diff.js";
import { urls, type PageContext } from "../context.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

export interface RestorePageProps {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  action: Action;
  /** The version to restore and the current one the restore builds on. */
  version: number;
  current: number;
  /** What restoring would change: from the current version to the old one. */
  differences: Difference[];
  problem?: string | undefined;
}

/** `/plans/{planId}/actions/{n}/restore?version=`: what restoring a version changes, and the button. */
export function RestorePage(props: RestorePageProps) {
  const { ctx, viewer, doc, action, version, current, differences } = props;
  const s = staffText(ctx);
  const names = new Map(action.indicators.map((i) => [i.code, i.name]));
  return (
    <StaffLayout
      ctx={ctx}
      viewer={viewer}
      plan={doc.plan}
      title={s.restoreTitle(version)}
      eyebrow={
        <a
          href={urls.action(doc.plan.id, action.number)}
        >{`${ctx.t.actionNumber(action.number)} ${action.name}`}</a>
      }
      crumbs={[
        { label: ctx.t.actionTitle(action.number), href: urls.action(doc.plan.id, action.number) },
        { label: ctx.t.historyCrumb, href: urls.history(doc.plan.id, action.number) },
      ]}
    >
      {props.problem ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{ctx.t.formErrors}</h2>
          <p>{props.problem}</p>
        </div>
      ) : null}
      {differences.length === 0 ? (
        <p>{s.restoreNothing}</p>
      ) : (
        <>
          <p class="lead">{s.restoreLead(version, current)}</p>
          <section aria-labelledby="restore-diff">
            <h2 id="restore-diff">
              {ctx.t.diffTitle(ctx.t.versionLabel(current), ctx.t.versionLabel(version))}
            </h2>
            <DiffList
              ctx={ctx}
              scales={doc.scales}
              differences={differences}
              names={{ indicator: (c) => names.get(c) }}
            />
          </section>
          <form method="post" action={staffUrls.restore(doc.plan.id, action.number)} class="restore-form">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="version" value={String(version)} />
            <input type="hidden" name="baseVersion" value={String(current)} />
            <button type="submit" class="button">
              {s.restoreConfirm}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={urls.history(doc.plan.id, action.number)}>{s.restoreCancel}</a>
      </p>
    </StaffLayout>
  );
}
