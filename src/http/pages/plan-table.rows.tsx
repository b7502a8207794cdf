import type { Action } from "../../core/plan/plan.schema.js";
import { CellText } from "./components/text.js";
import { urls, type PageContext } from "./context.js";
import type { MeasureGroup, PlanView, StrategyGroup } from "./view/plan-view.js";
import { isTentative, scheduleCells } from "./view/schedule-cells.js";
import { headers, resultHeader, rowHeader, TH, yearHeader } from "./view/table-headers.js";

interface RowProps {
  ctx: PageContext;
  view: PlanView;
  action: Action | null;
  group: StrategyGroup;
  measureGroup: MeasureGroup | null;
  /** Whether this row holds the strategy's cell (its first row), and the measure's. */
  firstOfStrategy: boolean;
  firstOfMeasure: boolean;
  strategyRows: number;
  measureRows: number;
}

function recordText(action: Action, kind: "baseline" | "result", fy?: number): string[] {
  return action.records
    .filter((r) => r.kind === kind && (fy === undefined || r.fiscalYear === fy))
    .map((r) => r.text);
}

/**
 * On paper, a strategy or measure cell spanning many rows is printed on the page where it starts
 * only; a continuation page would show blank cells. Each later row therefore carries the names
 * on paper (hidden on screen, where the spanning cell is beside it, and from screen readers,
 * which have the cell).
 */
function PrintContext({ row }: { row: RowProps }) {
  const parts: string[] = [];
  if (!row.firstOfStrategy) parts.push(`${row.group.mark} ${row.group.strategy.name}`);
  if (!row.firstOfMeasure && row.measureGroup) {
    parts.push(`${row.measureGroup.mark} ${row.measureGroup.measure.name}`);
  }
  if (parts.length === 0) return null;
  return (
    <span class="print-context" aria-hidden="true">
      {parts.join(" › ")}
    </span>
  );
}

function ActionCells({ row, action }: { row: RowProps; action: Action }) {
  const { ctx, view } = row;
  const { t, f } = ctx;
  const rh = rowHeader(action.number);
  return (
    <>
      <td class="c-flag" headers={headers(TH.action, TH.isNew)}>
        {action.isNew ? t.isNew : t.isExisting}
      </td>
      <td class="c-flag" headers={headers(TH.action, TH.priority)}>
        {action.isPriority ? (
          <span class="mark" title={t.priority}>
            {t.priorityMark}
            <span class="visually-hidden">{t.priority}</span>
          </span>
        ) : null}
        {action.relistOf !== null ? (
          <a class="relist" href={`#a${action.relistOf}`} title={t.relistOfShort(action.relistOf)}>
            {t.relist}
          </a>
        ) : null}
      </td>
      <th class="c-name" id={rh}>
        <PrintContext row={row} />
        <a href={urls.action(view.doc.plan.id, action.number)}>{action.name}</a>
        {action.tags.map((tag) => `【${tag}】`).join("")}
      </th>
      <td class="c-text" headers={headers(TH.action, TH.description, rh)}>
        <ul class="items">
          {action.description.map((d, i) => (
            <li key={i} class={d.kind}>
              <span aria-hidden="true">{d.kind === "ongoing" ? t.ongoingMark : t.plannedMark}</span>
              <span class="visually-hidden">{d.kind === "ongoing" ? t.ongoing : t.planned}: </span>
              {d.text}
            </li>
          ))}
        </ul>
      </td>
      <td class="c-text" headers={headers(TH.action, TH.baseline, rh)}>
        {recordText(action, "baseline").map((text, i) => (
          <p key={i}>
            <CellText text={text} />
          </p>
        ))}
      </td>
      {view.resultYears.map((fy) => (
        <td key={fy} class="c-text" headers={headers(TH.action, resultHeader(fy), rh)}>
          {recordText(action, "result", fy).map((text, i) => (
            <p key={i}>
              <CellText text={text} />
            </p>
          ))}
        </td>
      ))}
      <td class="c-start" headers={headers(TH.action, TH.start, rh)}>
        {action.startFiscalYear !== null ? f.fy(action.startFiscalYear) : t.noEntry}
      </td>
      {scheduleCells(action.schedule, view.years).map((cell) => {
        const years = view.years.filter((fy) => cell.from <= fy && fy <= cell.to);
        const kind = cell.labels.length > 0 ? (cell.labels.some(isTentative) ? "tentative" : "firm") : "";
        const now = cell.from <= ctx.currentFiscalYear && ctx.currentFiscalYear <= cell.to ? "now" : "";
        return (
          <td
            key={cell.from}
            colSpan={cell.span > 1 ? cell.span : undefined}
            class={["c-sched", kind, now].filter(Boolean).join(" ")}
            headers={headers(TH.schedule, ...years.map(yearHeader), rh)}
          >
            {cell.labels.join(" / ")}
          </td>
        );
      })}
      <td class="c-text" headers={headers(TH.challenges, rh)}>
        <ul class="items">
          {action.challenges.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      </td>
    </>
  );
}

/** A measure without actions: its row keeps the grid, each empty cell under its headers. */
function BlankCells({ view }: { view: PlanView }) {
  const ids = [
    headers(TH.action, TH.isNew),
    headers(TH.action, TH.priority),
    headers(TH.action, TH.name),
    headers(TH.action, TH.description),
    headers(TH.action, TH.baseline),
    ...view.resultYears.map((fy) => headers(TH.action, resultHeader(fy))),
    headers(TH.action, TH.start),
    ...view.years.map((fy) => headers(TH.schedule, yearHeader(fy))),
    headers(TH.challenges),
  ];
  return (
    <>
      {ids.map((h, i) => (
        <td key={i} headers={h} />
      ))}
    </>
  );
}

function TableRow(row: RowProps) {
  const { action, group, measureGroup } = row;
  return (
    <tr id={action ? `a${action.number}` : undefined} data-action={action?.number}>
      <td class="c-num" headers={TH.num}>
        {action?.number ?? ""}
      </td>
      {row.firstOfStrategy ? (
        <td class="c-strategy" rowSpan={row.strategyRows} headers={headers(TH.system, TH.strategy)}>
          {group.mark} {group.strategy.name}
          {group.strategy.subtitle ? <span class="subtitle">({group.strategy.subtitle})</span> : null}
        </td>
      ) : null}
      {row.firstOfMeasure && measureGroup ? (
        <td class="c-measure" rowSpan={row.measureRows} headers={headers(TH.system, TH.measure)}>
          {measureGroup.mark} {measureGroup.measure.name}
          {measureGroup.measure.page !== null ? (
            <span class="page-ref">(P{measureGroup.measure.page})</span>
          ) : null}
        </td>
      ) : null}
      {row.firstOfStrategy && !measureGroup ? (
        <td class="c-measure" headers={headers(TH.system, TH.measure)} />
      ) : null}
      {action ? <ActionCells row={row} action={action} /> : <BlankCells view={row.view} />}
    </tr>
  );
}

/** One strategy's rows: its cell spans them all, each measure's cell spans its actions. */
export function StrategyBody({
  ctx,
  view,
  group,
}: {
  ctx: PageContext;
  view: PlanView;
  group: StrategyGroup;
}) {
  const strategyRows = group.measures.reduce((n, m) => n + Math.max(1, m.actions.length), 0) || 1;
  const rows: RowProps[] = [];
  const base = { ctx, view, group, strategyRows };
  if (group.measures.length === 0) {
    rows.push({
      ...base,
      action: null,
      measureGroup: null,
      firstOfStrategy: true,
      firstOfMeasure: true,
      measureRows: 1,
    });
  }
  for (const m of group.measures) {
    const measureRows = Math.max(1, m.actions.length);
    const actions: (Action | null)[] = m.actions.length > 0 ? m.actions : [null];
    actions.forEach((action, i) => {
      rows.push({
        ...base,
        action,
        measureGroup: m,
        firstOfStrategy: rows.length === 0,
        firstOfMeasure: i === 0,
        measureRows,
      });
    });
  }
  return (
    <tbody>
      {rows.map((r, i) => (
        <TableRow key={i} {...r} />
      ))}
    </tbody>
  );
}
