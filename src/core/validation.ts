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

/** Parses with a zod schema or throws a validation DomainError whose issues name each place. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(toIssues(result.error, prefix, input));
  return result.data;
}
