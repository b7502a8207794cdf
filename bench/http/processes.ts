import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/shinko.js", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

export interface Running {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
  /** Resident memory of the process, from /proc (Linux), in MB. */
  rssMb(): number;
}

function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

function running(child: ChildProcess, url: string): Running {
  return {
    url,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round((kb / 1024) * 10) / 10;
    },
  };
}

/** `shinko serve` on a free port against DATABASE_URL, quiet. */
export async function startShinko(databaseUrl: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const m = await waitFor(child, /serving (http:\/\/[^\s]+)/, "shinko serve");
  return running(child, m[1]!);
}

/** The bare node:http server answering every request with `body` (sent with its encoding, if any). */
export async function startBaseline(
  body: Buffer,
  contentType: string,
  contentEncoding?: string,
): Promise<Running> {
  const script = fileURLToPath(new URL("./baseline-server.ts", import.meta.url));
  const child = spawn(process.execPath, [TSX, script], { stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end(JSON.stringify({ body: body.toString("base64"), contentType, contentEncoding }));
  const m = await waitFor(child, /listening (\d+)/, "baseline server");
  return running(child, `http://127.0.0.1:${m[1]}`);
}
