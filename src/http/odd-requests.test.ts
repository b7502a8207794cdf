import { connect, type AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount, TEST_PASSWORD } from "../test/accounts.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { importPlan } from "../core/plan/plan.service.js";
import { kadoma } from "../test/fixtures.js";
import { SECURITY_HEADERS } from "./security-headers.js";

/** Sends bytes as they are (no client library tidies them) and reads the whole answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text, "latin1"));
    let out = "";
    const done = () => resolve(out);
    socket.on("data", (d: Buffer) => (out += d.toString("latin1")));
    socket.on("end", done);
    socket.on("close", done);
    socket.on("error", done);
  });
}

const get = (path: string, headers = "") =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`;
const post = (path: string, type: string, body: string, headers = "") =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${type}\r\n` +
  `Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n${headers}Connection: close\r\n\r\n${body}`;
const form = "application/x-www-form-urlencoded";

/**
 * Every answer carries the security headers, whoever produces it: routes, Fastify's errors
 * before routing, Node's parser refusing a request. Sent over a real socket, since the
 * in-process injection never meets Node's header checks.
 */
describe.each(testDialects)("odd requests on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let port: number;
  let email: string;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await importPlan(t.db, kadoma());
    email = (await testAccount(t.db, { role: "plan_manager" })).email;
    app = await testApp(t);
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const signIn = (next: string) =>
    `email=${encodeURIComponent(email)}&password=${encodeURIComponent(TEST_PASSWORD)}&next=${next}`;
  const cases: [string, () => string, number][] = [
    ["a public page", () => get("/plans/kadoma"), 200],
    [
      "sign-in page with a Japanese next",
      () => get("/sign-in?next=/plans/kadoma/search%3Fq%3D%E6%BA%B6%E6%8E%A5"),
      200,
    ],
    [
      "sign-in with a Japanese next",
      () => post("/sign-in", form, signIn("%2Fplans%2Fkadoma%2Fsearch%3Fq%3D%E6%BA%B6%E6%8E%A5")),
      303,
    ],
    [
      "sign-in with a Japanese path in next",
      () => post("/sign-in", form, signIn("%2F%E6%A4%9C%E7%B4%A2")),
      303,
    ],
    ["sign-in with a next to another host", () => post("/sign-in", form, signIn("%2F%2Fevil.example")), 303],
    ["sign-in with a broken escape in next", () => post("/sign-in", form, signIn("%2F%E6%A4")), 303],
    ["a malformed escape in the path", () => get("/plans/%ZZ"), 400],
    ["a malformed escape in the query", () => get("/api/v1/plans?q=%ZZ"), 200],
    ["a broken escape in a page's query", () => get("/plans/kadoma/search?q=%E6"), 200],
    ["an unknown method", () => `PROPFIND / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, 404],
    [
      "a bad Content-Length (refused by Node's parser)",
      () => get("/api/v1/plans", "Content-Length: abc\r\n"),
      400,
    ],
    ["a header with a control character", () => get("/", "X-Odd: a\u0001b\r\n"), 400],
    ["headers too large", () => get("/", `X-Big: ${"x".repeat(20_000)}\r\n`), 431],
    ["an empty bearer token", () => get("/api/v1/plans", "Authorization: Bearer \r\n"), 401],
    ["a garbled session cookie", () => get("/account", "Cookie: shinko_session=%ZZ%00\r\n"), 303],
    ["a garbled language cookie", () => get("/", "Cookie: lang=%E0%80\r\n"), 200],
    ["a Japanese path that does not exist", () => get("/%E8%A8%88%E7%94%BB"), 404],
    ["an over-long URL", () => get(`/plans/${"x".repeat(150)}`), 414],
    [
      "JSON with a charset nobody uses",
      () => post("/api/v1/session", "application/json; charset=latin9", "{}"),
      400,
    ],
  ];

  it.each(cases)("%s: answers with the security headers", async (_what, request, status) => {
    const answer = await rawRequest(port, request());
    const [head = ""] = answer.split("\r\n\r\n");
    const [statusLine, ...lines] = head.split("\r\n");
    expect(statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    const headers = new Map(
      lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
    );
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers.get(name)).toBe(value);
    expect(answer).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    const location = headers.get("location");
    if (location !== undefined) {
      expect(location).toMatch(/^\/[\x21-\x7e]*$/);
      expect(location).not.toMatch(/^\/\//);
    }
  });
});
