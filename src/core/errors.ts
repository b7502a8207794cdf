/**
 * Errors the core raises. Only `http/` and `cli/` turn a code into a status or an exit code.
 */
export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_format";

/** A problem at one place in the input: a JSON path, a file row and column, a form field. */
export interface Issue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
    /** Machine-readable context for the caller, e.g. the other change in a conflict. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function validationError(issues: readonly Issue[], summary?: string): DomainError {
  const first = issues[0];
  const message =
    summary ??
    (first
      ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`
      : "invalid input");
  return new DomainError("validation_failed", message, issues);
}

export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found`);
}
