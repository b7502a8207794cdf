import type { Action } from "../../../core/plan/plan.schema.js";
import { urls, type PageContext } from "../context.js";

/** 新規/既存, 重点, 再掲 and the tags of an action, as short labelled badges. */
export function ActionBadges({ ctx, planId, action }: { ctx: PageContext; planId: string; action: Action }) {
  const { t } = ctx;
  return (
    <ul class="badges">
      <li class={action.isNew ? "badge badge--new" : "badge badge--existing"}>
        {action.isNew ? t.isNew : t.isExisting}
      </li>
      {action.isPriority ? (
        <li class="badge badge--priority">
          <span aria-hidden="true">{t.priorityMark} </span>
          {t.priority}
        </li>
      ) : null}
      {action.relistOf !== null ? (
        <li class="badge badge--relist">{t.relistOfShort(action.relistOf)}</li>
      ) : null}
      {action.tags.map((tag) => (
        <li key={tag} class="badge badge--tag">
          <a href={urls.search(planId, { tag })}>{tag}</a>
        </li>
      ))}
    </ul>
  );
}

/** Links to the open-data downloads of a plan. */
export function Downloads({ ctx, planId }: { ctx: PageContext; planId: string }) {
  const { t } = ctx;
  return (
    <ul class="downloads">
      <li>
        <a href={urls.json(planId)} download={`${planId}.json`} type="application/json">
          {t.downloadJson}
        </a>
      </li>
      <li>
        <a href={urls.csv(planId)} download={`${planId}.csv`} type="text/csv">
          {t.downloadCsv}
        </a>
      </li>
      <li>
        <a
          href={urls.xlsx(planId)}
          download={`${planId}.xlsx`}
          type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        >
          {t.downloadXlsx}
        </a>
      </li>
      <li>
        <a href={urls.openApi()}>{t.apiDocs}</a>
      </li>
    </ul>
  );
}
