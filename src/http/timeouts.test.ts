import { connect, type Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, type TestDatabase } from "../test/databases.js";

/**
 * A client that trickles its request (a byte a second) used to hold a connection forever. With
 * REQUEST_TIMEOUT, HEADERS_TIMEOUT and KEEP_ALIVE_TIMEOUT it is cut off near its deadline, and
 * the server answers everyone else meanwhile. Timeouts do not depend on the database: SQLite only.
 */
describe("server timeouts", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    t = await openTestDatabase("sqlite");
    app = await testApp(t, {
      env: { REQUEST_TIMEOUT: "3", HEADERS_TIMEOUT: "2", KEEP_ALIVE_TIMEOUT: "1", CONNECTION_TIMEOUT: "30" },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** Opens a raw connection and records what the server sends and when it closes the connection. */
  function rawClient() {
    const socket: Socket = connect(port, "127.0.0.1");
    const started = Date.now();
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now() - started)));
    return { socket, closed, received: () => received };
  }

  /** Writes one byte a second from `text` until the connection closes or the text runs out. */
  function trickle(socket: Socket, text: string): NodeJS.Timeout {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++]!);
    }, 1_000);
    return timer;
  }

  const health = async () => {
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: res.status, ms: Date.now() - started };
  };

  it("cuts off a body sent one byte a second, and answers others meanwhile", async () => {
    const client = rawClient();
    client.socket.write(
      "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n",
    );
    const timer = trickle(client.socket, `{"email":"${"a".repeat(180)}`);
    await new Promise((r) => setTimeout(r, 1_500));
    const during = await health();
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(1_000);
    const closedAfter = await client.closed;
    clearInterval(timer);
    // REQUEST_TIMEOUT is 3 s; Node checks once a second. Without it the client would go on for 180 s.
    expect(closedAfter).toBeGreaterThanOrEqual(2_500);
    expect(closedAfter).toBeLessThan(8_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect((await health()).status).toBe(200);
  }, 20_000);

  it("cuts off headers sent one byte a second", async () => {
    const client = rawClient();
    client.socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\n");
    const timer = trickle(client.socket, "X-Slow: " + "b".repeat(60));
    const closedAfter = await client.closed;
    clearInterval(timer);
    expect(closedAfter).toBeGreaterThanOrEqual(1_500);
    expect(closedAfter).toBeLessThan(6_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it("closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT", async () => {
    const client = rawClient();
    client.socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
    const closedAfter = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfter).toBeLessThan(5_000);
  }, 20_000);

  it("reads the timeouts from the environment, with defaults, and names a wrong variable", () => {
    expect(loadConfig({})).toMatchObject({
      requestTimeoutSeconds: 120,
      headersTimeoutSeconds: 20,
      keepAliveTimeoutSeconds: 72,
      connectionTimeoutSeconds: 120,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT: "soon" })).toThrow(/REQUEST_TIMEOUT/);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT: "0" })).toThrow(/KEEP_ALIVE_TIMEOUT/);
    expect(() => loadConfig({ REQUEST_TIMEOUT: "10", HEADERS_TIMEOUT: "30" })).toThrow(
      /HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT/,
    );
  });
});
