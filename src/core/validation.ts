import type { z } from "zod";
import { validationError, type Issue } from "./errors.js";

/** ["actions", 3, "measure"] → "actions[3].measure"; [] → "(root)". */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

function describeType(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  return typeof input === "object" ? "an object" : typeof input;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** zod issues → our issues, with messages a person can act on. `input` is what was parsed. */
export function toIssues(error: z.ZodError, prefix = "", input?: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({ path: formatPath([...issue.path, key], prefix), message: "is not a known field" });
      }
      continue;
    }
    if (issue.code === "invalid_type") {
      const value = valueAt(input, issue.path);
      const message =
        value === undefined
          ? "is required"
          : `must be ${issue.expected === "array" ? "a list" : issue.expected}, not ${describeType(value)}`;
      issues.push({ path: formatPath(issue.path, prefix), message });
      continue;
    }
    issues.push({ path: formatPath(issue.path, prefix), message: issue.message });
  }
  return issues;
}

const LONE_SURROGATE = /\p{Cs}/u;
const NUL = /\u0000/;

/**
 * Why a text cannot be stored as it is, or undefined when it can. An unpaired UTF-16 surrogate is
 * not a character and not storable as UTF-8 (each database would turn it into U+FFFD, so what is
 * stored would differ from what was read); U+0000 (NUL) is refused by PostgreSQL's text columns
 * (a 500) and kept by SQLite's, so both refuse it here, the same way, before anything is written.
 *
 * @example
 * unstorableText("a\u0000b") // "holds a NUL character (U+0000), which cannot be stored; remove it"
 */
export function unstorableText(text: string): string | undefined {
  if (NUL.test(text)) return "holds a NUL character (U+0000), which cannot be stored; remove it";
  if (LONE_SURROGATE.test(text))
    return "holds a broken character (an unpaired surrogate); retype or remove it";
  return undefined;
}

/**
 * Places of text that cannot be stored (see {@link unstorableText}), keys included. Walks without
 * recursion; `output` has already passed a schema, or is a parsed query string or form.
 */
export function brokenTextIssues(output: unknown, prefix = ""): Issue[] {
  const issues: Issue[] = [];
  const stack: [unknown, PropertyKey[]][] = [[output, []]];
  while (stack.length > 0 && issues.length < 100) {
    const [node, path] = stack.pop()!;
    if (typeof node === "string") {
      const message = unstorableText(node);
      if (message) issues.push({ path: formatPath(path, prefix), message });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...path, i]]);
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node).reverse()) {
        const message = unstorableText(key);
        if (message)
          issues.push({
            path: formatPath([...path, key.replace(/[\u0000\p{Cs}]/gu, "\uFFFD")], prefix),
            message: `its name ${message}`,
          });
        else stack.push([value, [...path, key]]);
      }
    }
  }
  return issues;
}

/** Parses with a zod schema or throws a validation DomainError whose issues name each place. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(toIssues(result.error, prefix, input));
  const broken = brokenTextIssues(result.data, prefix);
  if (broken.length > 0) throw validationError(broken);
  return result.data;
}
