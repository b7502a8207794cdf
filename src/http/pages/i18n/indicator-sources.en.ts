import type { bindingPageJa, IndicatorSourcesMessages } from "./indicator-sources.ja.js";

export const indicatorSourcesEn: IndicatorSourcesMessages = {
  computedTitle: "Computed from the records",
  computedValue: (value, asOf) => `${value} (as of ${asOf})`,
  computedCount: (n) => `${n} records counted`,
  computedEmpty:
    "The records hold nothing yet. This 0 means “not recorded here yet”, not “none”, and cannot be compared with the figures the city reported.",
  computedRunning: "The fiscal year is still running: computed from the records up to today.",
  computedProblem: (problem) => `Cannot be computed: ${problem}`,
  recordsLink: "See the records behind it",
  recordsStaffOnly: "The records can be seen on the staff pages.",
  definition: "Definition",
  decisionLegend: "The actual",
  decisionAccept: (value) => `Accept the computed ${value} as the actual`,
  decisionOverride: "Use another value (give a reason)",
  decisionNone: "Decide later",
  reason: "Why the actual differs from the computed value",
  reasonHint: "Seen by staff only (not on the public pages).",
  accepted: (asOf) => `Computed value accepted (as of ${asOf})`,
  overridden: (value) => `Typed value used instead of the computed ${value}`,
  overrideReason: "Reason",
  publishedComputed: (asOf) => `The actual was computed from the records (as of ${asOf}).`,
  liveValue: (fy) => `Computed from the records for ${fy}`,
};

export const bindingPageEn: {
  [K in keyof typeof bindingPageJa]: (typeof bindingPageJa)[K] extends (...a: infer A) => string
    ? (...a: A) => string
    : string;
} = {
  title: (name) => `Source of: ${name}`,
  link: "Set the source",
  lead: "Compute this indicator's actual from the records. Each review shows the computed value; the owner accepts it or gives a reason for another.",
  current: "Current source",
  none: "None (the actual is typed)",
  sourceLegend: "Source",
  param: "Condition",
  paramHint: (names) => `Only for sources that take one: ${names}`,
  save: "Save the source",
  saved: "The source was saved.",
  back: "To the reviews",
};
