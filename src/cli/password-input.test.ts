import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { newPassword, type TerminalInput } from "./password-input.js";

/** A fake terminal: records raw mode, and lets the test type. */
function terminal() {
  const stream = new PassThrough() as PassThrough & TerminalInput & { modes: boolean[] };
  stream.isTTY = true;
  stream.modes = [];
  stream.setRawMode = (mode: boolean) => stream.modes.push(mode);
  let shown = "";
  const stderr = new PassThrough();
  stderr.on("data", (c: Buffer) => (shown += c.toString()));
  const io = { stdout: new PassThrough(), stderr, stdin: stream };
  return { stream, io, shown: () => shown };
}

const typeLater = (stream: PassThrough, ...chunks: string[]) => {
  let delay = 0;
  for (const c of chunks) setTimeout(() => stream.write(c), (delay += 5));
};

describe("asking for a new password at the terminal", () => {
  it("asks twice in raw mode and never echoes what was typed", async () => {
    const { stream, io, shown } = terminal();
    typeLater(stream, "門真 passw", "ord 2025\r", "門真 password 2025\r");
    expect(await newPassword(io, stream, undefined)).toBe("門真 password 2025");
    expect(shown()).toBe("New password: \nRepeat it: \n");
    expect(stream.modes).toEqual([true, false, true, false]);
  });

  it("handles backspace", async () => {
    const { stream, io } = terminal();
    typeLater(stream, "secretX\u007f passphrase\r", "secret passphrase\r");
    expect(await newPassword(io, stream, undefined)).toBe("secret passphrase");
  });

  it("refuses two different entries, and stops on Ctrl-C", async () => {
    const a = terminal();
    typeLater(a.stream, "one long password\r", "another long password\r");
    await expect(newPassword(a.io, a.stream, undefined)).rejects.toThrow("the two passwords differ");
    const b = terminal();
    typeLater(b.stream, "abc\u0003");
    await expect(newPassword(b.io, b.stream, undefined)).rejects.toThrow("cancelled");
    expect(b.stream.modes.at(-1)).toBe(false);
  });
});
