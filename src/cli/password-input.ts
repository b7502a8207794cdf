import { readFile, stat } from "node:fs/promises";
import { DomainError } from "../core/errors.js";
import { print, UsageError, type Io } from "./output.js";

/** A terminal we can switch to raw mode, so typed characters are not echoed. */
export interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Reads a password from a file: the first line, without its line end. Warns when others may read the file. */
export async function passwordFromFile(file: string, io: Io): Promise<string> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > 4096)
      throw new DomainError("validation_failed", `${file}: too large for a password file`);
    if ((info.mode & 0o077) !== 0 && process.platform !== "win32") {
      print(io.stderr, `shinko: warning: ${file} can be read by other users (chmod 600 ${file})`);
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("not_found", `${file}: cannot read the password file`);
  }
  const password = text.split(/\r?\n/)[0] ?? "";
  if (password === "") throw new DomainError("validation_failed", `${file}: the first line is empty`);
  return password;
}

/** Reads one line from a raw-mode terminal without echoing it. Ctrl-C or Ctrl-D cancels. */
function readHidden(input: TerminalInput, io: Io, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    io.stderr.write(prompt);
    input.setRawMode?.(true);
    input.resume();
    let typed = "";
    const finish = (error?: Error) => {
      input.removeListener("data", onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003" || ch === "\u0004") return finish(new UsageError("cancelled"));
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    input.on("data", onData);
  });
}

/**
 * The new password for a command: from --password-file, or asked twice at the terminal without
 * echo. Never from the command line itself (it would land in the shell history and `ps`).
 */
export async function newPassword(
  io: Io,
  input: TerminalInput | undefined,
  file: string | undefined,
): Promise<string> {
  if (file !== undefined) return passwordFromFile(file, io);
  if (!input?.isTTY || !input.setRawMode) {
    throw new UsageError("no terminal to ask for the password on: give --password-file FILE");
  }
  const first = await readHidden(input, io, "New password: ");
  const second = await readHidden(input, io, "Repeat it: ");
  if (first !== second)
    throw new DomainError("validation_failed", "the two passwords differ; nothing changed");
  return first;
}
