import { DomainError } from "../../core/errors.js";

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * Decodes and parses a JSON file, or throws a DomainError naming the line and column.
 * Accepts UTF-8 with or without a BOM.
 */
export function parseJsonBytes(bytes: Uint8Array, source = "input"): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("validation_failed", `${source}: not UTF-8 text; a plan JSON file must be UTF-8`, [
      { path: source, message: "is not valid UTF-8" },
    ]);
  }
  return parseJsonText(text.replace(/^\uFEFF/, ""), source);
}

export function parseJsonText(text: string, source = "input"): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(raw);
    const position = match ? Number(match[1]) : text.length;
    const { line, column } = lineAndColumn(text, position);
    const reason = raw.replace(/\s*in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
    const where = `line ${line}, column ${column}`;
    throw new DomainError("validation_failed", `${source}: invalid JSON at ${where}: ${reason}`, [
      { path: where, message: reason },
    ]);
  }
}
