/**
 * Ids of the official table's header cells, so each data cell names its headers (`headers`,
 * WCAG technique H43): the table has two header rows, groups spanning columns and a row header
 * in the middle of each row, more than `scope` can say.
 *
 * Ids use word characters only: HTML_CodeSniffer (pa11y) compares the sorted lists after
 * removing repeats with a `\w` pattern, which a hyphen would defeat.
 */
export const TH = {
  num: "tc_num",
  system: "tc_system",
  strategy: "tc_strategy",
  measure: "tc_measure",
  action: "tc_action",
  isNew: "tc_new",
  priority: "tc_priority",
  name: "tc_name",
  description: "tc_description",
  baseline: "tc_baseline",
  start: "tc_start",
  schedule: "tc_schedule",
  challenges: "tc_challenges",
} as const;

export const resultHeader = (fy: number): string => `tc_result${fy}`;
export const yearHeader = (fy: number): string => `tc_fy${fy}`;
/** The row header of an action's row: its name. */
export const rowHeader = (actionNumber: number): string => `tr_a${actionNumber}`;

/** Space-separated, repeats and empty entries dropped. */
export function headers(...ids: (string | null | undefined)[]): string {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))].join(" ");
}
