import type { Difference } from "../../../core/history/diff.js";
import type { Scales } from "../../../core/review/scales.js";
import type { PageContext } from "../context.js";
import { pathLabel, type PathNames } from "../view/diff-labels.js";

const YEAR_KEYS = new Set(["fiscalYear", "from", "to", "startFiscalYear"]);
const DATE_KEYS = new Set(["asOf"]);

/** A value of the plan in words: texts as they are, years and dates in era form, objects as fields. */
function Value({
  ctx,
  value,
  name,
  scales,
  depth = 0,
}: {
  ctx: PageContext;
  value: unknown;
  name?: string;
  scales?: Scales;
  depth?: number;
}) {
  const { t, f } = ctx;
  if (value === null || value === undefined || value === "")
    return <span class="diff__empty">{t.emptyValue}</span>;
  if (typeof value === "boolean") return <>{value ? t.yes : t.no}</>;
  if (typeof value === "number") {
    if (name && YEAR_KEYS.has(name)) return <>{f.fy(value)}</>;
    return <>{f.number(value)}</>;
  }
  if (typeof value === "string") {
    if (name && DATE_KEYS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{f.date(value)}</>;
    if (name === "kind") return <>{t.recordKind[value] ?? t.indicatorKind[value as "activity"] ?? value}</>;
    // Grades and directions by the plan's own labels (codes are for machines).
    if (name === "grade") return <>{scales?.grades.find((g) => g.code === value)?.label ?? value}</>;
    if (name === "direction") return <>{scales?.directions.find((d) => d.code === value)?.label ?? value}</>;
    return <span class="diff__text">{value}</span>;
  }
  if (depth > 4) return <span class="diff__text">{JSON.stringify(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="diff__empty">{t.emptyValue}</span>;
    return (
      <ul class="diff__list">
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <Value ctx={ctx} value={v} depth={depth + 1} {...(scales ? { scales } : {})} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <dl class="diff__fields">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{t.fieldNames[k] ?? k}</dt>
          <dd>
            <Value ctx={ctx} value={v} name={k} depth={depth + 1} {...(scales ? { scales } : {})} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Differences field by field, in words: each marked 追加 / 削除 / 変更 in text (colour only
 * repeats it), with the value before and after.
 */
export function DiffList({
  ctx,
  differences,
  names = {},
  scales,
}: {
  ctx: PageContext;
  differences: readonly Difference[];
  names?: PathNames;
  /** The plan's scales, to name grades and directions by their labels. */
  scales?: Scales;
}) {
  const { t } = ctx;
  return (
    <ol class="diff-list">
      {differences.map((d, i) => {
        const last =
          d.path
            .replace(/\[[^\]]*\]$/, "")
            .split(/[.\]]/)
            .pop() ?? "";
        const name = /^[A-Za-z]+$/.test(last) ? last : undefined;
        return (
          <li key={i} class={`diff diff--${d.kind}`} data-kind={d.kind} data-path={d.path}>
            <p class="diff__head">
              <span class="diff__kind">{t.diffKind[d.kind]}</span>
              <span class="diff__path">
                {d.path === "" ? t.fieldNames.plan : pathLabel(ctx, d.path, names)}
              </span>
            </p>
            <div class="diff__values">
              {d.kind !== "added" ? (
                <div class="diff__before">
                  <p class="diff__label">{t.diffBefore}</p>
                  <del>
                    <Value
                      ctx={ctx}
                      value={d.before}
                      {...(name ? { name } : {})}
                      {...(scales ? { scales } : {})}
                    />
                  </del>
                </div>
              ) : null}
              {d.kind !== "removed" ? (
                <div class="diff__after">
                  <p class="diff__label">{t.diffAfter}</p>
                  <ins>
                    <Value
                      ctx={ctx}
                      value={d.after}
                      {...(name ? { name } : {})}
                      {...(scales ? { scales } : {})}
                    />
                  </ins>
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
