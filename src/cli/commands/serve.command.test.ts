import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../../bin/shinko.js", import.meta.url));

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts `shinko serve` as a user would, on a free port; resolves once it is listening. */
function serve(databaseUrl: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          output: () => out,
          stop: () =>
            new Promise((done) => {
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

describe("shinko serve", () => {
  const dir = mkdtempSync(join(tmpdir(), "shinko-serve-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads Kadoma's plan into an empty database on first start, only then, and stops cleanly on SIGTERM", async () => {
    const db = join(dir, "fresh.db");
    const first = await serve(db);
    expect(first.output()).toContain('Loaded plan "kadoma" (45 actions) into the empty database.');
    const res = await fetch(`${first.url}/api/v1/plans`);
    const body = (await res.json()) as { plans: { id: string; counts: { actions: number } }[] };
    expect(body.plans.map((p) => [p.id, p.counts.actions])).toEqual([["kadoma", 45]]);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("SIGTERM: finishing requests in flight, then stopping.");

    const second = await serve(db);
    expect(second.output()).not.toContain("Loaded plan");
    const again = (await (await fetch(`${second.url}/api/v1/plans`)).json()) as {
      plans: { revision: number }[];
    };
    expect(again.plans.map((p) => p.revision)).toEqual([1]);
    expect(await second.stop()).toBe(0);
  });

  it("loads the plan once when three servers start on one empty SQLite file at the same moment", async () => {
    const db = join(dir, "shared.db");
    const servers = await Promise.all([serve(db), serve(db), serve(db)]);
    const loaded = servers.filter((s) => s.output().includes("Loaded plan"));
    expect(loaded).toHaveLength(1);
    for (const s of servers) {
      const body = (await (await fetch(`${s.url}/api/v1/plans`)).json()) as { plans: unknown[] };
      expect(body.plans).toHaveLength(1);
    }
    expect(await Promise.all(servers.map((s) => s.stop()))).toEqual([0, 0, 0]);
  });
});
