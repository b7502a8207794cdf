import type { AuditEntry } from "../../../core/audit/audit.js";
import type { Issue } from "../../../core/errors.js";
import type { PageContext } from "../context.js";
import { AccountLayout, ErrorSummary, Field, fieldError } from "./account-components.js";
import { accountText, accountUrls, dateTime, type Viewer } from "./account-context.js";

export const AUDIT_PAGE_SIZE = 50;
export type AuditFormValues = Partial<Record<"kind" | "actor" | "from" | "to", string>>;

function queryOf(values: AuditFormValues, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) q.set(k, v);
  return q;
}

/** `/admin/audit`: the audit log, filtered, paged, and its exports. */
export function AuditPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  values: AuditFormValues;
  offset: number;
  result: { total: number; entries: AuditEntry[] } | null;
  issues: readonly Issue[];
}) {
  const { ctx, viewer, values, result, issues, offset } = props;
  const a = accountText(ctx);
  const exportUrl = (format: string) => `/api/v1/audit/export?${queryOf(values, { format }).toString()}`;
  return (
    <AccountLayout ctx={ctx} viewer={viewer} title={a.auditTitle}>
      <p class="lead">{a.auditLead}</p>
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        fields={{ kind: "kind", actor: "actor", from: "from", to: "to" }}
      />
      <form method="get" action={accountUrls.audit()} class="search-form">
        <div class="filters filters--wide">
          <Field
            id="kind"
            label={a.auditKind}
            hint={a.auditKindHint}
            value={values.kind ?? ""}
            error={fieldError(issues, "kind")}
          />
          <Field
            id="actor"
            label={a.auditActor}
            hint={a.auditActorHint}
            value={values.actor ?? ""}
            error={fieldError(issues, "actor")}
          />
          <Field
            id="from"
            label={a.auditFrom}
            hint={a.auditDateHint}
            value={values.from ?? ""}
            error={fieldError(issues, "from")}
          />
          <Field
            id="to"
            label={a.auditTo}
            hint={a.auditDateHint}
            value={values.to ?? ""}
            error={fieldError(issues, "to")}
          />
        </div>
        <p class="form-submit">
          <button type="submit" class="button">
            {a.filter}
          </button>
        </p>
      </form>
      {result ? (
        <section aria-labelledby="audit-count">
          <h2 id="audit-count">{a.auditCount(result.total)}</h2>
          <p class="quick-links">
            <a href={exportUrl("csv")}>{a.exportCsv}</a>
            <a href={exportUrl("json")}>{a.exportJson}</a>
          </p>
          {result.entries.length === 0 ? (
            <p>{a.auditNone}</p>
          ) : (
            <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table class="data-table audit-table">
                <caption id="audit-caption">{a.auditCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{a.auditAt}</th>
                    <th scope="col">{a.auditKind}</th>
                    <th scope="col">{a.auditActor}</th>
                    <th scope="col">{a.auditSubject}</th>
                    <th scope="col">{a.auditIp}</th>
                    <th scope="col">{a.auditDetails}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.entries.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <time dateTime={e.at}>{dateTime(ctx, e.at)}</time>
                      </td>
                      <th scope="row">
                        <code>{e.kind}</code>
                      </th>
                      <td>{e.actor.label}</td>
                      <td>{e.subject ? `${e.subject.type}:${e.subject.id}` : ""}</td>
                      <td>{e.ip ?? ""}</td>
                      <td>
                        <code class="audit-details">{JSON.stringify(e.details)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav class="pager" aria-label={a.auditTitle}>
            {offset > 0 ? (
              <a
                href={accountUrls.audit(
                  queryOf(values, { offset: String(Math.max(0, offset - AUDIT_PAGE_SIZE)) }),
                )}
              >
                {a.newer}
              </a>
            ) : null}
            {offset + AUDIT_PAGE_SIZE < result.total ? (
              <a href={accountUrls.audit(queryOf(values, { offset: String(offset + AUDIT_PAGE_SIZE) }))}>
                {a.older}
              </a>
            ) : null}
          </nav>
        </section>
      ) : null}
    </AccountLayout>
  );
}
