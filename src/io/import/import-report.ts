import type { ItemChanges } from "../../core/plan/plan.diff.js";
import type { ImportReport } from "./import-plan.js";

const MAX_LINES = 100;

function counts(c: ItemChanges<unknown>): string {
  return `${c.created.length} created, ${c.changed.length} changed, ${c.removed.length} removed, ${c.unchanged} unchanged`;
}

function capped(lines: string[]): string[] {
  return lines.length <= MAX_LINES
    ? lines
    : [...lines.slice(0, MAX_LINES), `    … and ${lines.length - MAX_LINES} more`];
}

/**
 * The report of an import or a dry run as lines for a terminal: what was (or would be) created,
 * changed (which fields) and removed, per action, and the notes of the reader.
 *
 * @example
 * describeImport(report).forEach((line) => console.log(line));
 */
export function describeImport(report: ImportReport): string[] {
  const { changes: c } = report;
  const plan = `plan "${report.planId}" (${report.title})`;
  const verb = report.outcome === "created" ? "create" : "replace";
  const lines: string[] = [];
  if (report.outcome === "unchanged") {
    lines.push(`No changes: ${report.source} holds the same ${plan} as the database. Nothing was written.`);
  } else if (report.dryRun) {
    lines.push(`Dry run: ${report.source} would ${verb} ${plan}. Nothing was written.`);
  } else {
    lines.push(
      `${verb === "create" ? "Created" : "Replaced"} ${plan} from ${report.source} (revision ${report.revision}).`,
    );
  }
  if (report.outcome !== "unchanged") {
    if (c.plan.length > 0) lines.push(`  plan: ${c.plan.join(", ")} changed`);
    lines.push(`  strategies: ${counts(c.strategies)}`);
    lines.push(`  measures: ${counts(c.measures)}`);
    lines.push(`  actions: ${counts(c.actions)}`);
    if (!c.newPlan) {
      const detail = [
        ...c.actions.created.map((a) => `    + ${a.number} ${a.name}`),
        ...c.actions.changed.map((a) => `    ~ ${a.number} ${a.name}: ${a.fields.join(", ")}`),
        ...c.actions.removed.map((a) => `    - ${a.number} ${a.name}`),
        ...c.strategies.changed.map((s) => `    ~ strategy ${s.code}: ${s.fields.join(", ")}`),
        ...c.measures.changed.map((m) => `    ~ measure ${m.code}: ${m.fields.join(", ")}`),
        ...c.strategies.created.map((s) => `    + strategy ${s.code}`),
        ...c.measures.created.map((m) => `    + measure ${m.code}`),
        ...c.strategies.removed.map((s) => `    - strategy ${s.code}`),
        ...c.measures.removed.map((m) => `    - measure ${m.code}`),
      ];
      lines.push(...capped(detail));
    }
  }
  if (report.warnings.length > 0) {
    lines.push(
      `  ${report.warnings.length} note${report.warnings.length === 1 ? "" : "s"} from reading the file:`,
    );
    lines.push(...capped(report.warnings.map((w) => `    ${w.path}: ${w.message}`)));
  }
  return lines;
}
