import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { Action, PlanDocument } from "../../core/plan/plan.schema.js";

/**
 * The series of edits the crash harness interrupts: edit k rewrites one action's name, tags,
 * schedule labels and challenges, so a half-written edit would show in several tables. The same
 * function gives the worker what to write and the harness what the plan must be after k edits.
 */

const MARK = / 〔編集\d+〕$/;

/** The number of the action edit k changes, in a plan of `count` actions. */
export function editedNumber(k: number, count: number): number {
  return ((k * 37) % count) + 1;
}

/** The action as edit k leaves it. */
export function applyEdit(action: Action, k: number): Action {
  return {
    ...action,
    name: `${action.name.replace(MARK, "")} 〔編集${k}〕`,
    tags: [`編集${k % 7}`],
    schedule: action.schedule.map((s) => ({ ...s, label: `${s.label.split("／")[0]}／${k}` })),
    challenges: [`編集${k}で書いた課題`],
  };
}

/** The plan after edits from..to (inclusive) on top of `doc`, validated as the core does. */
export function applyEdits(doc: PlanDocument, from: number, to: number): PlanDocument {
  let current = doc;
  for (let k = from; k <= to; k++) {
    const number = editedNumber(k, current.actions.length);
    current = validatePlanDocument({
      ...current,
      actions: current.actions.map((a) => (a.number === number ? applyEdit(a, k) : a)),
    });
  }
  return current;
}
