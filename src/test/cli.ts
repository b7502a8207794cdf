import { Writable } from "node:stream";
import { runCli } from "../cli/main.js";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process against a database URL; returns exit code and output. */
export async function cli(
  databaseUrl: string,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
