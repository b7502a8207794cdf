import { validationError, type Issue } from "../errors.js";
import { parseWith } from "../validation.js";
import { planDocumentSchema, type PlanDocument } from "./plan.schema.js";

/**
 * Checks a parsed document for what a schema cannot see: duplicate codes and numbers, references
 * to strategies, measures and actions that do not exist, schedules outside the plan's years.
 */
export function crossCheck(doc: PlanDocument): Issue[] {
  const issues: Issue[] = [];
  const firstAt = <K>(items: readonly K[], path: string, label: string, fieldPath: (i: number) => string) => {
    const seen = new Map<K, number>();
    items.forEach((key, i) => {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        issues.push({
          path: fieldPath(i),
          message: `duplicate ${label} ${String(key)} (first at ${path}[${earlier}])`,
        });
      } else {
        seen.set(key, i);
      }
    });
    return seen;
  };

  const strategies = firstAt(
    doc.strategies.map((s) => s.code),
    "strategies",
    "strategy code",
    (i) => `strategies[${i}].code`,
  );
  const measures = firstAt(
    doc.measures.map((m) => m.code),
    "measures",
    "measure code",
    (i) => `measures[${i}].code`,
  );
  const actions = firstAt(
    doc.actions.map((a) => a.number),
    "actions",
    "action number",
    (i) => `actions[${i}].number`,
  );

  doc.measures.forEach((m, i) => {
    if (!strategies.has(m.strategy)) {
      issues.push({ path: `measures[${i}].strategy`, message: `unknown strategy "${m.strategy}"` });
    }
  });

  const { from, to } = doc.plan.fiscalYears;
  doc.actions.forEach((a, i) => {
    const at = `actions[${i}]`;
    if (!measures.has(a.measure)) {
      issues.push({ path: `${at}.measure`, message: `action ${a.number}: unknown measure "${a.measure}"` });
    }
    if (a.relistOf !== null) {
      if (a.relistOf === a.number) {
        issues.push({ path: `${at}.relistOf`, message: `action ${a.number} cannot relist itself` });
      } else if (!actions.has(a.relistOf)) {
        issues.push({
          path: `${at}.relistOf`,
          message: `action ${a.number}: relists unknown action ${a.relistOf}`,
        });
      }
    }
    const tags = new Set<string>();
    a.tags.forEach((tag, j) => {
      if (tags.has(tag)) issues.push({ path: `${at}.tags[${j}]`, message: `duplicate tag "${tag}"` });
      tags.add(tag);
    });
    const grades = new Set(doc.scales.grades.map((g) => g.code));
    const directions = new Set(doc.scales.directions.map((d) => d.code));
    const evaluated = new Set<number>();
    a.evaluations.forEach((e, j) => {
      if (evaluated.has(e.fiscalYear)) {
        issues.push({
          path: `${at}.evaluations[${j}].fiscalYear`,
          message: `a second evaluation for FY ${e.fiscalYear}`,
        });
      }
      evaluated.add(e.fiscalYear);
      if (e.grade !== null && !grades.has(e.grade)) {
        issues.push({
          path: `${at}.evaluations[${j}].grade`,
          message: `unknown grade "${e.grade}" (the plan's scales: ${[...grades].join(", ")})`,
        });
      }
      if (e.direction !== null && !directions.has(e.direction)) {
        issues.push({
          path: `${at}.evaluations[${j}].direction`,
          message: `unknown direction "${e.direction}"`,
        });
      }
    });
    const codes = new Set<string>();
    a.indicators.forEach((ind, j) => {
      if (codes.has(ind.code))
        issues.push({
          path: `${at}.indicators[${j}].code`,
          message: `duplicate indicator code "${ind.code}"`,
        });
      codes.add(ind.code);
      const years = new Set<number>();
      ind.values.forEach((v, k) => {
        if (years.has(v.fiscalYear)) {
          issues.push({
            path: `${at}.indicators[${j}].values[${k}].fiscalYear`,
            message: `a second value for FY ${v.fiscalYear}`,
          });
        }
        years.add(v.fiscalYear);
      });
    });
    a.schedule.forEach((s, j) => {
      for (const key of ["from", "to"] as const) {
        if (s[key] < from || s[key] > to) {
          issues.push({
            path: `${at}.schedule[${j}].${key}`,
            message: `action ${a.number}: FY ${s[key]} is outside the plan's fiscal years ${from}–${to}`,
          });
        }
      }
    });
  });
  return issues;
}

/**
 * Validates anything (parsed JSON, a mapped spreadsheet) as a plan document. Throws a
 * validation DomainError listing every problem with its JSON path.
 *
 * @example
 * const doc = validatePlanDocument(JSON.parse(text));
 */
export function validatePlanDocument(input: unknown): PlanDocument {
  const doc = parseWith(planDocumentSchema, input);
  const issues = crossCheck(doc);
  if (issues.length > 0) throw validationError(issues);
  return doc;
}
