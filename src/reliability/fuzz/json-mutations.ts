import fc from "fast-check";
import { specialText } from "./special-text.js";

/** Mutations of a JSON document at one of its places (chosen by index among all places). */
export type JsonMutation =
  | { op: "jsonSet"; place: number; value: unknown }
  | { op: "jsonDelete"; place: number }
  | { op: "jsonDeep"; place: number; depth: number; open: "[" | "{" }
  | { op: "jsonAddKey"; place: number; key: string };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("jsonSet" as const),
      place: fc.nat(),
      value: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        specialText,
        fc.constantFrom(1e308, -1, 0, 1.5, 2_000_000, null, true),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("jsonDelete" as const), place: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("jsonDeep" as const),
      place: fc.nat(),
      depth: fc.integer({ min: 100, max: 200_000 }),
      open: fc.constantFrom("[" as const, "{" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("jsonAddKey" as const),
      place: fc.nat(),
      key: fc.string({ maxLength: 10 }),
    }),
  },
);

type Container = Record<string, unknown> | unknown[];

/** Every place in the document: its container and key (the root has none). */
function places(root: unknown): { parent: Container; key: string | number }[] {
  const out: { parent: Container; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        walk(v);
      });
    } else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

const DEEP = "\u0000deep\u0000";

/** The JSON text after the mutation (a deep nesting is written as text: no parser could build it). */
export function applyJsonMutation(text: string, m: JsonMutation): string {
  const doc = JSON.parse(text) as unknown;
  const all = places(doc);
  if (all.length === 0) return text;
  const { parent, key } = all[m.place % all.length]!;
  const set = (value: unknown) => ((parent as Record<string | number, unknown>)[key] = value);
  switch (m.op) {
    case "jsonSet":
      set(m.value);
      break;
    case "jsonDelete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case "jsonDeep":
      set(DEEP);
      break;
    case "jsonAddKey": {
      const target = (parent as Record<string | number, unknown>)[key];
      if (target !== null && typeof target === "object" && !Array.isArray(target))
        (target as Record<string, unknown>)[m.key] = 1;
      else set({ [m.key]: target });
    }
  }
  const out = JSON.stringify(doc, null, 2);
  if (m.op !== "jsonDeep") return out;
  const [open, close] = m.open === "[" ? ["[", "]"] : ['{"a":', "}"];
  const inner = m.open === "[" ? "" : "1";
  return out.replace(JSON.stringify(DEEP), open.repeat(m.depth) + inner + close.repeat(m.depth));
}
