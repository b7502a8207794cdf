import { readFileSync } from "node:fs";
import fc from "fast-check";
import { ERAS } from "../../core/fiscal/era.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { exportPlan } from "../../io/export/export-plan.js";
import type { ImportFormat } from "../../io/import/import-types.js";
import { kadoma } from "../../test/fixtures.js";
import { ROOT } from "../crash/crash-harness.js";
import { applyJsonMutation, jsonMutation, type JsonMutation } from "./json-mutations.js";
import {
  applyByteMutation,
  applyTextMutation,
  byteMutation,
  decodeAs,
  textMutation,
  type Mutation,
  type TextMutation,
} from "./mutations.js";
import { ZipError } from "../../io/zip/zip-reader.js";
import { applyXlsxMutation, xlsxMutation, type XlsxMutation } from "./xlsx-mutations.js";

/** The importers the fuzz tests feed, each with the real file its inputs are mutated from. */
export const TARGETS = ["xlsx", "csv-utf8", "csv-sjis", "tsv", "json", "fiscal"] as const;
export type Target = (typeof TARGETS)[number];

export interface BaseFiles {
  xlsx: Uint8Array;
  "csv-utf8": Uint8Array;
  "csv-sjis": Uint8Array;
  tsv: Uint8Array;
  json: Uint8Array;
}

/** Kadoma's plan as exported in each format, and the seed text the city's PDF gave. */
export async function baseFiles(): Promise<BaseFiles> {
  const doc = validatePlanDocument(kadoma());
  return {
    xlsx: (await exportPlan(doc, "xlsx")).bytes,
    "csv-utf8": (await exportPlan(doc, "csv")).bytes,
    "csv-sjis": (await exportPlan(doc, "csv", { encoding: "sjis" })).bytes,
    tsv: new Uint8Array(readFileSync(`${ROOT}data/sources/kadoma/action-plan-2025-02.tsv`)),
    json: (await exportPlan(doc, "json")).bytes,
  };
}

export const FORMAT_OF: Record<Exclude<Target, "fiscal">, ImportFormat> = {
  xlsx: "xlsx",
  "csv-utf8": "csv",
  "csv-sjis": "csv",
  tsv: "tsv",
  json: "json",
};

export type AnyMutation = Mutation | JsonMutation | XlsxMutation;

/** Applies mutations in order to the base file of a target. */
export function mutate(
  target: Exclude<Target, "fiscal">,
  base: Uint8Array,
  mutations: readonly AnyMutation[],
): Uint8Array {
  let bytes = base;
  for (const m of mutations) {
    if (target === "xlsx") {
      try {
        bytes = applyXlsxMutation(bytes, m as XlsxMutation);
      } catch (error) {
        // An earlier mutation broke the archive: this one has no entry to act on.
        if (!(error instanceof ZipError)) throw error;
      }
      continue;
    }
    if (["truncate", "flip", "insertBytes", "deleteRange", "duplicateRange"].includes(m.op)) {
      bytes = applyByteMutation(bytes, m as Extract<Mutation, { at: number }> & { op: "truncate" });
      continue;
    }
    const encoding = target === "csv-sjis" ? "SJIS" : "UTF8";
    const text = decodeAs(bytes, encoding);
    if (m.op.startsWith("json")) {
      try {
        bytes = new TextEncoder().encode(applyJsonMutation(text, m as JsonMutation));
      } catch {
        // An earlier mutation broke the JSON: this one has no place to act on.
      }
      continue;
    }
    bytes = applyTextMutation(
      text,
      target === "json" ? "json" : target === "tsv" ? "tsv" : "csv",
      encoding,
      m as TextMutation,
    );
  }
  return bytes;
}

/** The mutations for a target: one to three of them, each printable so a failure replays. */
export function mutations(target: Exclude<Target, "fiscal">): fc.Arbitrary<AnyMutation[]> {
  const one: fc.Arbitrary<AnyMutation> =
    target === "xlsx"
      ? xlsxMutation
      : target === "json"
        ? fc.oneof(
            { weight: 3, arbitrary: jsonMutation },
            { weight: 1, arbitrary: textMutation },
            { weight: 1, arbitrary: byteMutation },
          )
        : fc.oneof({ weight: 3, arbitrary: textMutation }, { weight: 1, arbitrary: byteMutation });
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

const ERA_WORDS = ERAS.flatMap((e) => [e.name, e.letter, e.letter.toLowerCase()]);

/** Text for the fiscal-year and date parser: era and western forms, near misses, and anything at all. */
export const fiscalText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", " ", "FY", "fy", ...ERA_WORDS),
        fc.constantFrom("", ".", " ", "　"),
        fc.oneof(
          fc.integer({ min: -5, max: 120 }).map(String),
          fc.constant("元"),
          fc.integer({ min: 0, max: 99_999 }).map(String),
          fc
            .integer({ min: 0, max: 9999 })
            .map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
        ),
        fc.constantFrom(
          "",
          "年",
          "年度",
          "年度末",
          "年2月末",
          "年2月29日",
          "年13月1日",
          "/2/末",
          ".4.1",
          "-02-30",
          "年度時点",
          "年度 現在",
          "年4月1日まで",
        ),
      )
      .map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom("令", "和", "元", "年", "度", "末", "月", "日", "1", "０", "R", "H", "."),
      maxLength: 12,
    }),
  },
);
