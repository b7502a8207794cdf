import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../../bin/shinko.js", import.meta.url));

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** The real `shinko serve` on a free port; resolves once it is listening. */
function serve(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out, exited });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

/** A sign-in whose body arrives in two parts: in flight until the second part is sent. */
function slowSignIn(port: number): {
  socket: Socket;
  finish: (after?: string) => void;
  received: () => string;
  closed: Promise<void>;
} {
  const body = JSON.stringify({ email: "nobody@city.example", password: "not the password at all" });
  const socket = connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (c: Buffer) => (received += c.toString()));
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  socket.write(
    `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  );
  return {
    socket,
    finish: (after = "") => socket.write(body.slice(10) + after),
    received: () => received,
    closed,
  };
}

const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    () => false,
    () => true,
  );

describe("shinko serve on SIGTERM", () => {
  const dir = mkdtempSync(join(tmpdir(), "shinko-shutdown-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses new connections, finishes the request in flight, answers /ready with 503, then exits 0", async () => {
    const server = await serve(join(dir, "graceful.db"));
    const ready = await fetch(`http://127.0.0.1:${server.port}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);

    const slow = slowSignIn(server.port);
    await new Promise((r) => setTimeout(r, 300)); // the server has the request's head
    server.child.kill("SIGTERM");
    await until(() => server.output().includes("SIGTERM: finishing requests in flight"), "the SIGTERM line");
    for (let i = 0; i < 50 && !(await refused(server.port)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await refused(server.port)).toBe(true);
    expect(server.child.exitCode).toBeNull(); // still finishing the sign-in

    // The rest of the body, and a readiness probe pipelined on the same connection.
    slow.finish(`GET /ready HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    await slow.closed;
    const answers = slow.received().match(/HTTP\/1\.1 \d{3}/g);
    expect(answers).toEqual(["HTTP/1.1 401", "HTTP/1.1 503"]);
    expect(await server.exited).toBe(0);
  });

  it("exits with code 70 and says so when a request is still in flight after SHUTDOWN_TIMEOUT", async () => {
    const server = await serve(join(dir, "stuck.db"), { SHUTDOWN_TIMEOUT: "1" });
    const stuck = slowSignIn(server.port);
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(70);
    expect(Date.now() - sent).toBeLessThan(8_000);
    expect(server.output()).toContain(
      "shutdown: requests still in flight after 1 s (SHUTDOWN_TIMEOUT); exiting.",
    );
    stuck.socket.destroy();
  });
});
