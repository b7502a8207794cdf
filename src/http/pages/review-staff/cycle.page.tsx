import type { ActionOwner } from "../../../core/access/action-owners.js";
import type { CycleStatus } from "../../../core/review/cycle.service.js";
import type { SentReminder } from "../../../core/review/reminders.service.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import { REVIEW_STATUSES, type ActionReview } from "../../../core/review/review.schema.js";
import { CsrfField, Notice } from "../account/account-components.js";
import { hasRole, type Viewer } from "../account/account-context.js";
import type { PageContext } from "../context.js";
import { staffText, staffUrls } from "./staff-context.js";
import { StaffLayout } from "./staff-layout.js";

export type CycleFilter = "all" | "mine" | "lacking";

export interface CyclePageProps {
  ctx: PageContext;
  viewer: Viewer;
  doc: PlanDocument;
  status: CycleStatus;
  reviews: ActionReview[];
  owners: ActionOwner[];
  filter: CycleFilter;
  notice?: string | undefined;
  /** Why a step of the whole cycle was refused. */
  problem?: string | undefined;
  /** Ask the plan manager to confirm publishing (the step works without JavaScript). */
  confirmPublish?: boolean;
  /** The reminders sent in this cycle: shown to plan managers only. */
  reminders?: { list: SentReminder[]; daysBefore: readonly number[] } | undefined;
}

/** Which reminders went to whom, and whether each mail left (plan managers only). */
function Reminders({ ctx, reminders }: Pick<CyclePageProps, "ctx" | "reminders">) {
  if (!reminders) return null;
  const s = staffText(ctx);
  const { list } = reminders;
  return (
    <section aria-labelledby="reminders-title" class="reminders">
      <h2 id="reminders-title">{s.remindersTitle}</h2>
      <p class="hint">{s.remindersLead(reminders.daysBefore.join("・"))}</p>
      {list.length === 0 ? (
        <p data-reminders="none">{s.remindersNone}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="reminders-title" tabIndex={0}>
          <table class="data-table reminder-list">
            <thead>
              <tr>
                <th scope="col">{s.colReminderAt}</th>
                <th scope="col">{s.colAction}</th>
                <th scope="col">{s.colReminderTo}</th>
                <th scope="col">{s.colReminderKind}</th>
                <th scope="col">{s.colReminderMail}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr
                  key={`${r.kind}-${r.actionNumber}-${r.accountId}`}
                  data-reminder={`${r.kind}:${r.actionNumber}`}
                >
                  <td>{ctx.f.dateTime(r.createdAt)}</td>
                  <td>No.{r.actionNumber}</td>
                  <td>{r.displayName}</td>
                  <td>{s.reminderKind(r.kind)}</td>
                  <td data-mail-status={r.mailStatus}>{s.mailStatus[r.mailStatus] ?? r.mailStatus}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Progress({ ctx, status }: { ctx: PageContext; status: CycleStatus }) {
  const s = staffText(ctx);
  const { counts, total } = status;
  const figures: [string, string, number][] = [
    ["updated", s.progressUpdated, total - status.lacking.length],
    ["submitted", s.progressSubmitted, counts.submitted],
    ["approved", s.progressApproved, counts.approved + counts.published],
  ];
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{s.progressTitle}</h2>
      <dl class="summary">
        {figures.map(([key, label, n]) => (
          <div key={key} class="summary__item">
            <dt>{label}</dt>
            <dd class="summary__value" data-progress={key}>
              {s.progressOf(n, total)}
            </dd>
          </div>
        ))}
      </dl>
      <div class="table-scroll" role="region" aria-labelledby="status-counts-caption" tabIndex={0}>
        <table class="data-table status-counts">
          <caption id="status-counts-caption">{s.statusCountsCaption}</caption>
          <thead>
            <tr>
              {REVIEW_STATUSES.map((st) => (
                <th key={st} scope="col">
                  {s.status[st]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {REVIEW_STATUSES.map((st) => (
                <td key={st} data-count={st}>
                  {counts[st]}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CycleActions(props: CyclePageProps) {
  const { ctx, viewer, doc, status } = props;
  const s = staffText(ctx);
  const fy = status.cycle.fiscalYear;
  const manager = hasRole(viewer, "plan_manager");
  const approved = status.counts.approved;
  if (status.cycle.status !== "open") return <p class="notice notice--info">{s.closedNote}</p>;
  if (!hasRole(viewer, "action_owner")) return null;
  return (
    <section aria-labelledby="cycle-actions-title" class="cycle-actions">
      <h2 id="cycle-actions-title">{s.cycleActionsTitle}</h2>
      <form method="post" action={staffUrls.cycleStep(doc.plan.id, fy, "copy-forward")}>
        <CsrfField viewer={viewer} />
        <p class="hint" id="copy-hint">
          {s.copyForwardHint}
        </p>
        <button type="submit" class="button button--secondary" aria-describedby="copy-hint">
          {s.copyForward}
        </button>
      </form>
      {manager ? (
        approved === 0 ? (
          <p class="hint" data-publish="none">
            {s.publishNone}
          </p>
        ) : (
          // A GET to this page with ?confirm=publish: the confirmation step comes first.
          <form method="get" action={staffUrls.cycle(doc.plan.id, fy)}>
            <input type="hidden" name="confirm" value="publish" />
            <p class="hint" id="publish-hint">
              {s.publishHint}
            </p>
            <button type="submit" class="button" aria-describedby="publish-hint">
              {s.publish(approved)}
            </button>
          </form>
        )
      ) : null}
      {manager ? (
        <form method="post" action={staffUrls.cycleStep(doc.plan.id, fy, "close")}>
          <CsrfField viewer={viewer} />
          <p class="hint" id="close-hint">
            {s.closeHint}
          </p>
          <button type="submit" class="button button--secondary" aria-describedby="close-hint">
            {s.closeCycle}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The confirmation of publishing: what it does, then the real (POST) button, or going back. */
function PublishConfirmation({ ctx, viewer, doc, status }: CyclePageProps) {
  const s = staffText(ctx);
  const fy = status.cycle.fiscalYear;
  const n = status.counts.approved;
  return (
    <section class="confirm-panel" aria-labelledby="publish-confirm-title">
      <h2 id="publish-confirm-title">{s.publishConfirmTitle(n)}</h2>
      <p>{s.publishConfirmText}</p>
      <form
        method="post"
        action={staffUrls.cycleStep(doc.plan.id, fy, "publish")}
        class="confirm-panel__buttons"
      >
        <CsrfField viewer={viewer} />
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" class="button">
          {s.publishConfirm(n)}
        </button>{" "}
        <a href={staffUrls.cycle(doc.plan.id, fy)} class="button button--secondary">
          {s.publishCancel}
        </a>
      </form>
    </section>
  );
}

function Filter({ ctx, doc, status, filter }: CyclePageProps) {
  const s = staffText(ctx);
  const options: [CycleFilter, string][] = [
    ["all", s.filterAll],
    ["mine", s.filterMine],
    ["lacking", s.filterLacking],
  ];
  return (
    <form method="get" action={staffUrls.cycle(doc.plan.id, status.cycle.fiscalYear)} class="filter-form">
      <fieldset>
        <legend>{s.filterLabel}</legend>
        <div class="filter-form__options">
          {options.map(([value, label]) => (
            <label key={value} class="radio">
              <input type="radio" name="show" value={value} checked={filter === value} /> {label}
            </label>
          ))}
          <button type="submit" class="button button--secondary button--small">
            {s.filterSubmit}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** `/plans/{planId}/reviews/{fy}`: where a year's review stands, action by action. */
export function CyclePage(props: CyclePageProps) {
  const { ctx, viewer, doc, status, reviews, owners, filter } = props;
  const s = staffText(ctx);
  const fy = status.cycle.fiscalYear;
  const lacking = new Set(status.lacking);
  const overdue = new Set(status.overdue);
  const names = new Map(doc.actions.map((a) => [a.number, a.name]));
  const ownersOf = (n: number) => owners.filter((o) => o.actionNumber === n);
  const mine = new Set(owners.filter((o) => o.accountId === viewer.account.id).map((o) => o.actionNumber));
  const shown = reviews.filter((r) =>
    filter === "mine" ? mine.has(r.actionNumber) : filter === "lacking" ? lacking.has(r.actionNumber) : true,
  );
  const canEdit = (n: number) =>
    status.cycle.status === "open" &&
    (hasRole(viewer, "plan_manager") || (hasRole(viewer, "action_owner") && mine.has(n)));
  return (
    <StaffLayout
      ctx={ctx}
      viewer={viewer}
      plan={doc.plan}
      title={s.cycleTitle(ctx.f.fyBoth(fy))}
      crumbs={[{ label: s.reviewsTitle, href: staffUrls.reviews(doc.plan.id) }]}
    >
      <Notice text={props.notice} />
      {props.problem ? (
        <div class="error-summary" role="alert" aria-labelledby="form-errors">
          <h2 id="form-errors">{ctx.t.formErrors}</h2>
          <p>{props.problem}</p>
        </div>
      ) : null}
      <p class="lead">{s.cycleMeta(ctx.f.date(status.cycle.asOf), ctx.f.date(status.cycle.deadline))}</p>
      <Progress ctx={ctx} status={status} />
      {props.confirmPublish && hasRole(viewer, "plan_manager") && status.counts.approved > 0 ? (
        <PublishConfirmation {...props} />
      ) : (
        <CycleActions {...props} />
      )}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{s.actionsCaption}</h2>
        <Filter {...props} />
        <p id="shown-count" role="status">
          {s.shownCount(shown.length, reviews.length)}
        </p>
        {filter === "mine" && mine.size === 0 ? <p>{s.mineNone}</p> : null}
        {filter === "lacking" && lacking.size === 0 ? <p>{s.lackingNone}</p> : null}
        {shown.length > 0 ? (
          <div class="table-scroll" role="region" aria-labelledby="actions-title" tabIndex={0}>
            <table class="data-table review-list">
              <thead>
                <tr>
                  <th scope="col">{s.colAction}</th>
                  <th scope="col">{s.colStatus}</th>
                  <th scope="col">{s.colOwner}</th>
                  <th scope="col">{s.colUpdated}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const n = r.actionNumber;
                  const who = ownersOf(n);
                  return (
                    <tr key={n} data-action={n} data-status={r.status}>
                      <th scope="row">
                        <a
                          href={staffUrls.review(doc.plan.id, fy, n)}
                          aria-label={canEdit(n) ? s.edit(n) : s.view(n)}
                        >
                          No.{n}
                        </a>{" "}
                        <span class="review-list__name">{names.get(n) ?? ""}</span>
                      </th>
                      <td>
                        <span class={`review-status review-status--${r.status}`}>{s.status[r.status]}</span>
                        {lacking.has(n) ? <span class="tag tag--warn">{s.lacksUpdate}</span> : null}
                        {overdue.has(n) ? <span class="tag tag--error">{s.overdue}</span> : null}
                      </td>
                      <td data-label={s.colOwner}>
                        {who.length > 0 ? who.map((o) => o.displayName).join("、") : s.noOwner}
                      </td>
                      <td data-label={s.colUpdated}>
                        {r.status === "not_started" ? (
                          // Nobody has saved it yet (opened, perhaps copied forward): no one to name as its editor.
                          <span class="review-list__who">{s.notEdited}</span>
                        ) : (
                          <>
                            {ctx.f.dateTime(r.updatedAt)}
                            <br />
                            <span class="review-list__who">{r.updatedBy}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <Reminders ctx={ctx} reminders={props.reminders} />
    </StaffLayout>
  );
}
