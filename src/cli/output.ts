import { DomainError } from "../core/errors.js";

/** Exit codes: 0 done, 1 the input or data was refused, 2 the command line was wrong, 70 a fault. */
export const EXIT = { ok: 0, refused: 1, usage: 2, fault: 70 } as const;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where prompts read from (passwords, without echo on a terminal); absent in scripted runs. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
}

export function print(stream: NodeJS.WritableStream, line = ""): void {
  stream.write(`${line}\n`);
}

/** Prints an error the way a person can act on it and returns the exit code. */
export function reportError(io: Io, error: unknown): number {
  if (error instanceof UsageError) {
    print(io.stderr, `shinko: ${error.message}`);
    print(io.stderr, "Run 'shinko --help' for usage.");
    return EXIT.usage;
  }
  if (error instanceof DomainError) {
    print(io.stderr, `shinko: ${error.message}`);
    if (
      error.issues.length > 1 ||
      (error.issues.length === 1 && !error.message.startsWith(error.issues[0]!.path))
    ) {
      for (const issue of error.issues.slice(0, 50)) print(io.stderr, `  ${issue.path}: ${issue.message}`);
      if (error.issues.length > 50) print(io.stderr, `  … and ${error.issues.length - 50} more`);
    }
    return EXIT.refused;
  }
  const message = error instanceof Error ? error.message : String(error);
  print(io.stderr, `shinko: ${message}`);
  if (process.env.SHINKO_DEBUG && error instanceof Error && error.stack) print(io.stderr, error.stack);
  return EXIT.fault;
}
