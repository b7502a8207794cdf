import type { Action } from "../../../core/plan/plan.schema.js";
import type { Scales } from "../../../core/review/scales.js";
import type { ReviewStatus } from "../../../core/review/review.schema.js";
import type { PageContext } from "../context.js";
import type { ReviewFormValues } from "./review-form.parse.js";
import { staffText } from "./staff-context.js";

/** The other person's save that refused this one: who, when, and what they saved. */
export interface ConflictView {
  who: string;
  at: string;
  status: ReviewStatus;
  version: number;
  theirs: ReviewFormValues;
}

function rows(
  ctx: PageContext,
  action: Action,
  scales: Scales,
  theirs: ReviewFormValues,
  yours: ReviewFormValues,
) {
  const s = staffText(ctx);
  const grade = (code: string) => scales.grades.find((g) => g.code === code)?.label ?? code;
  const direction = (code: string) => scales.directions.find((d) => d.code === code)?.label ?? code;
  const out: [string, string, string, string][] = [
    ["results", s.results, theirs.results, yours.results],
    ["challenges", s.challenges, theirs.challenges, yours.challenges],
    ["grade", s.grade, grade(theirs.grade), grade(yours.grade)],
    ["direction", s.direction, direction(theirs.direction), direction(yours.direction)],
    ["analysis", s.analysis, theirs.analysis, yours.analysis],
  ];
  for (const i of action.indicators) {
    const t = theirs.indicators[i.code] ?? { target: "", actual: "" };
    const y = yours.indicators[i.code] ?? { target: "", actual: "" };
    out.push([`target-${i.code}`, s.targetOf(i.name), t.target, y.target]);
    out.push([`actual-${i.code}`, s.actualOf(i.name), t.actual, y.actual]);
  }
  return out;
}

/**
 * The refusal of a save on top of someone else's: their name and time, and their values beside
 * the ones typed here, field by field (the differing ones marked in words, not colour alone).
 */
export function ConflictPanel(props: {
  ctx: PageContext;
  action: Action;
  scales: Scales;
  conflict: ConflictView;
  yours: ReviewFormValues;
}) {
  const { ctx, conflict } = props;
  const s = staffText(ctx);
  const when = ctx.f.dateTime(conflict.at);
  const text = (v: string) =>
    v.trim() === "" ? <span class="muted">{s.emptyValue}</span> : <span class="pre">{v}</span>;
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{s.conflictTitle}</h2>
      <p>{s.conflictBody(conflict.who, when)}</p>
      <p>{s.conflictStatus(s.status[conflict.status])}</p>
      <div class="table-scroll" role="region" aria-labelledby="conflict-caption" tabIndex={0}>
        <table class="data-table conflict__table">
          <caption id="conflict-caption">{s.conflictCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.conflictField}</th>
              <th scope="col">{s.conflictTheirs(conflict.who)}</th>
              <th scope="col">{s.conflictYours}</th>
            </tr>
          </thead>
          <tbody>
            {rows(ctx, props.action, props.scales, conflict.theirs, props.yours).map(
              ([key, label, theirs, yours]) => {
                const same = theirs === yours;
                return (
                  <tr key={key} data-field={key} class={same ? "conflict__same" : "conflict__differs"}>
                    <th scope="row">
                      {label}
                      {same ? null : <span class="tag tag--error">{s.conflictDiffers}</span>}
                    </th>
                    <td>{text(theirs)}</td>
                    <td>{same ? <span class="muted">{s.conflictSame}</span> : text(yours)}</td>
                  </tr>
                );
              },
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
