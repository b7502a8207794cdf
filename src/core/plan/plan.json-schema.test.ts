import { Validator, type Schema } from "@cfworker/json-schema";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { PLAN_SCHEMA_FILE, planJsonSchemaText } from "./plan.json-schema.js";

describe("the published JSON Schema of shinko-plan/1", () => {
  const committed = readFileSync(PLAN_SCHEMA_FILE, "utf8");
  const validator = () => new Validator(JSON.parse(committed) as Schema, "2020-12", false);

  it("is the one generated from the zod schema (run `npx tsx src/core/plan/plan.json-schema.ts` after a change)", () => {
    expect(committed).toBe(planJsonSchemaText());
  });

  it("accepts Kadoma's dataset as published", () => {
    const result = validator().validate(JSON.parse(kadomaJson()));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("refuses a plan with a wrong field, naming where", () => {
    const doc = kadoma() as unknown as { actions: Record<string, unknown>[]; plan: Record<string, unknown> };
    doc.actions[2]!.isNew = "新規";
    doc.plan.license = { id: "CC BY", name: "x", url: "creativecommons.org" };
    const result = validator().validate(doc);
    expect(result.valid).toBe(false);
    const places = result.errors.map((e) => e.instanceLocation);
    expect(places).toContain("#/actions/2/isNew");
    expect(places).toContain("#/plan/license/url");
  });

  it("states the licence in the data: CC BY 4.0", () => {
    expect(kadoma().plan.license).toMatchObject({
      id: "CC-BY-4.0",
      url: "https://creativecommons.org/licenses/by/4.0/deed.ja",
    });
  });
});
