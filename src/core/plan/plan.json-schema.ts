import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PLAN_FORMAT, planDocumentSchema } from "./plan.schema.js";

/** Where the schema is served; docs/plan-format.md and the OpenAPI document point here. */
export const PLAN_SCHEMA_PATH = "/api/v1/schemas/shinko-plan-1.json";

/** Where it is committed, for readers of the repository and validators that work offline. */
export const PLAN_SCHEMA_FILE = fileURLToPath(
  new URL("../../../docs/schemas/shinko-plan-1.schema.json", import.meta.url),
);

/**
 * The JSON Schema (draft 2020-12) of the canonical plan format, generated from the zod schema
 * that validates imports, so the two cannot drift apart. It describes what an import accepts
 * (fields with defaults may be left out). Rules across fields (known measure codes, relists,
 * schedules within the plan's years) are checked by shinko only; see docs/plan-format.md.
 *
 * @example
 * const schema = planJsonSchema(); // { $schema, title, type: "object", properties: { format, plan, … } }
 */
export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(planDocumentSchema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: PLAN_FORMAT,
    description: `A plan of shinko in the canonical format ${PLAN_FORMAT} (served at ${PLAN_SCHEMA_PATH}; docs/plan-format.md)`,
    ...rest,
  };
}

/** The schema as committed and served: two-space JSON with a final newline. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(PLAN_SCHEMA_FILE, planJsonSchemaText());
  console.error(`wrote ${PLAN_SCHEMA_FILE}`);
}
