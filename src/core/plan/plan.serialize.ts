import type { PlanDocument } from "./plan.schema.js";

/**
 * The canonical bytes of a plan: two-space JSON with a final newline, keys in the order the
 * format defines (the mapper builds them in that order), lists in plan order. The same data
 * always gives the same bytes, so exports can be diffed and versioned.
 */
export function serializePlan(doc: PlanDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
