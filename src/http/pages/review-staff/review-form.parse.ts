import type { Issue } from "../../../core/errors.js";
import type { Action } from "../../../core/plan/plan.schema.js";
import type { ReviewContent } from "../../../core/review/review.schema.js";
import type { ReviewStaffMessages } from "../i18n/review-staff.ja.js";

/** What the review form holds, as typed: strings only, so a refused form comes back unchanged. */
export interface ReviewFormValues {
  results: string;
  /** One challenge per line. */
  challenges: string;
  grade: string;
  direction: string;
  analysis: string;
  /** `decision` and `reason` only for indicators computed from a source. */
  indicators: Record<string, { target: string; actual: string; decision?: string; reason?: string }>;
}

const numberText = (n: number | null) => (n === null ? "" : String(n));

/** A saved review as the form shows it. */
export function valuesOf(action: Action, content: ReviewContent): ReviewFormValues {
  const indicators: ReviewFormValues["indicators"] = {};
  for (const i of action.indicators) {
    const v = content.indicators.find((x) => x.code === i.code);
    indicators[i.code] = { target: numberText(v?.target ?? null), actual: numberText(v?.actual ?? null) };
    if (i.computedFrom)
      Object.assign(indicators[i.code]!, {
        decision: v?.fromSource?.decision ?? "",
        reason: v?.fromSource?.reason ?? "",
      });
  }
  return {
    results: content.results,
    challenges: content.challenges.join("\n"),
    grade: content.grade ?? "",
    direction: content.direction ?? "",
    analysis: content.analysis,
    indicators,
  };
}

/** The typed values of a posted form (fields the action does not have are ignored). */
export function valuesFromForm(action: Action, form: Record<string, string>): ReviewFormValues {
  const indicators: ReviewFormValues["indicators"] = {};
  for (const i of action.indicators) {
    indicators[i.code] = { target: form[`target-${i.code}`] ?? "", actual: form[`actual-${i.code}`] ?? "" };
    if (i.computedFrom)
      Object.assign(indicators[i.code]!, {
        decision: form[`source-${i.code}`] ?? "",
        reason: (form[`reason-${i.code}`] ?? "").replace(/\r\n?/g, "\n"),
      });
  }
  // Browsers send textarea line ends as CRLF.
  const text = (key: string) => (form[key] ?? "").replace(/\r\n?/g, "\n");
  return {
    results: text("results"),
    challenges: text("challenges"),
    grade: form.grade ?? "",
    direction: form.direction ?? "",
    analysis: text("analysis"),
    indicators,
  };
}

/** 1,234 / １２３４ / 9.7 → a number; blank → null; anything else → undefined. */
function readNumber(text: string): number | null | undefined {
  const s = text.normalize("NFKC").replace(/[,\s]/g, "");
  if (s === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/**
 * The content the typed values stand for, or the fields that cannot be read (numbers), each
 * named by its form field. What the core refuses besides comes back as its issues.
 */
export function contentFromValues(
  values: ReviewFormValues,
  s: ReviewStaffMessages,
): { content: ReviewContent; issues: Issue[] } {
  const issues: Issue[] = [];
  const indicators: ReviewContent["indicators"] = [];
  for (const [code, typed] of Object.entries(values.indicators)) {
    const target = readNumber(typed.target);
    const actual = readNumber(typed.actual);
    if (target === undefined) issues.push({ path: `target-${code}`, message: s.notANumber });
    if (actual === undefined) issues.push({ path: `actual-${code}`, message: s.notANumber });
    const decision = typed.decision === "accepted" || typed.decision === "overridden" ? typed.decision : null;
    // An accepted actual is the computed one: the core fills it in, whatever was typed.
    const entry = { code, target: target ?? null, actual: decision === "accepted" ? null : (actual ?? null) };
    if (decision)
      indicators.push({ ...entry, fromSource: { decision, reason: typed.reason ?? null, computed: null } });
    else if (entry.target !== null || entry.actual !== null) indicators.push(entry);
  }
  return {
    content: {
      results: values.results.trim(),
      challenges: values.challenges
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== ""),
      grade: values.grade === "" ? null : values.grade,
      direction: values.direction === "" ? null : values.direction,
      analysis: values.analysis.trim(),
      indicators,
    },
    issues,
  };
}

/** The form field of a path the core names (content.results, content.indicators[0].actual …). */
export function fieldOfPath(path: string, content: ReviewContent): string {
  const m = /^content\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?/.exec(path);
  if (!m) return path;
  const [, field, index, sub] = m;
  if (field === "indicators" && index !== undefined) {
    const code = content.indicators[Number(index)]?.code;
    if (code && sub === "fromSource") return `${path.endsWith(".reason") ? "reason" : "source"}-${code}`;
    return code ? `${sub === "target" ? "target" : "actual"}-${code}` : "results";
  }
  return field!;
}

/** Ids of the form's fields by the paths the issues use, for the error summary's links. */
export function formFieldIds(action: Action, gradeCodes: readonly string[]): Record<string, string> {
  const ids: Record<string, string> = {
    results: "results",
    challenges: "challenges",
    direction: "direction",
    analysis: "analysis",
    grade: `grade-${gradeCodes[0] ?? "none"}`,
    comment: "comment",
  };
  for (const i of action.indicators) {
    ids[`target-${i.code}`] = `target-${i.code}`;
    ids[`actual-${i.code}`] = `actual-${i.code}`;
    if (i.computedFrom) {
      ids[`source-${i.code}`] = `source-${i.code}-overridden`;
      ids[`reason-${i.code}`] = `reason-${i.code}`;
    }
  }
  return ids;
}
