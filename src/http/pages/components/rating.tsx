import type { Rating, RollUp } from "../../../core/indicators/rating.js";
import type { Scales } from "../../../core/review/scales.js";
import type { PageContext } from "../context.js";

/** A rating in words with a shape mark (○ △ ×), so colour is never the only sign. */
export function RatingBadge({ ctx, rating }: { ctx: PageContext; rating: Rating }) {
  return (
    <span class={`rating rating--${rating}`} data-rating={rating}>
      <span class="rating__mark" aria-hidden="true">
        {ctx.t.ratingMark[rating]}
      </span>
      {ctx.t.rating[rating]}
    </span>
  );
}

/** An achievement rate, or a dash where there is none (no target): never a misleading 0 %. */
export function achievementText(ctx: PageContext, value: number | null): string {
  return value === null ? ctx.t.noEntry : ctx.f.percent(value);
}

/** The roll-up formula in the reader's language (the Japanese text is the core's own formula). */
export function rollUpFormula(ctx: PageContext, rollUp: RollUp): string {
  return rollUp.progress === null ? ctx.t.rollUpNone : ctx.t.rollUpFormula(rollUp.rated, rollUp.progress);
}

/** The plan's rating rules, spelled out with their thresholds. */
export function RatingRules({ ctx, rules }: { ctx: PageContext; rules: Scales["rating"] }) {
  const { t, f } = ctx;
  const items: [Rating, string][] = [
    ["on_track", t.ratingRuleOnTrack(f.percent(rules.onTrackAt))],
    ["slightly_behind", t.ratingRuleSlightly(f.percent(rules.slightlyBehindAt), f.percent(rules.onTrackAt))],
    ["behind", t.ratingRuleBehind(f.percent(rules.slightlyBehindAt))],
    ["no_target", t.ratingRuleNoTarget],
    ["no_actual", t.ratingRuleNoActual],
  ];
  return (
    <dl class="rating-rules">
      {items.map(([rating, rule]) => (
        <div key={rating}>
          <dt>
            <RatingBadge ctx={ctx} rating={rating} />
          </dt>
          <dd>{rule}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An evaluation grade: the plan's colour as a swatch beside the plan's label (colour never alone). */
export function GradeLabel({ grade }: { grade: Scales["grades"][number] }) {
  // An SVG fill attribute, not an inline style: the CSP allows no inline style. The colour was
  // checked as #rrggbb when the plan was saved.
  return (
    <span class="grade" data-grade={grade.code}>
      <svg class="grade__swatch" aria-hidden="true" width="14" height="14" viewBox="0 0 14 14">
        <rect width="14" height="14" rx="3" fill={grade.color} />
      </svg>
      {grade.label}
    </span>
  );
}
