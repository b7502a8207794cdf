import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../db/connection.js";
import { storageProblems } from "../../db/crash-support.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { planProblems } from "./plan-invariants.js";

/**
 * The common part of the crash scenarios (import-crashes.ts, edit-crashes.ts): start a child
 * process, kill it with SIGKILL, and check the database the way the next process finds it.
 */

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What one kill did and what the database held afterwards. */
export interface KillRecord {
  kill: number;
  /** anywhere: a delay from the start of the process; in-write: from its first write. */
  timing: "anywhere" | "in-write" | "in-edits";
  delayMs: number;
  /** killed: SIGKILL arrived while it ran; finished: it ended before the delay was up. */
  ended: "killed" | "finished";
  /** The exit code of a process that ended by itself (0: it did its work; else it failed and said so). */
  exitCode?: number | null;
  /** Import: "before" or "after". Edits: "as reported" or "one more than reported" (committed, not yet printed). */
  state: string;
  problems: string[];
}

export interface ScenarioReport {
  scenario: "import" | "edits";
  dialect: string;
  kills: number;
  /** Actions in the plan. */
  actions: number;
  failures: number;
  outcomes: Record<string, number>;
  seconds: number;
  detail: Record<string, number>;
  records: KillRecord[];
}

export interface Child {
  process: ChildProcess;
  exited: Promise<number | null>;
  stdout: () => string;
}

export function startChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { process: child, exited, stdout: () => out };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Kills the child unless it already ended; says which, with the exit code of a child that ended itself. */
export async function kill(child: Child): Promise<{ ended: "killed" | "finished"; exitCode: number | null }> {
  const already = child.process.exitCode !== null || child.process.signalCode !== null;
  if (!already) child.process.kill("SIGKILL");
  const code = await child.exited;
  return { ended: already || code !== null ? "finished" : "killed", exitCode: code };
}

/**
 * Opens the database. On a PostgreSQL server shared with other test runs, the migrator's look at
 * every schema can meet a schema being dropped that moment ("schema t_… does not exist"): a
 * failure to open is tried again, as a restarted process would; what was written is not touched.
 */
async function reopen(databaseUrl: string, attempts = 3): Promise<Awaited<ReturnType<typeof openDatabase>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(databaseUrl);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(250);
    }
  }
}

/**
 * Opens the database as the next process would (SQLite replays or drops what a killed writer left
 * in its WAL), checks the storage and the plan's invariants, and hands the database to `inspect`.
 */
export async function afterKill<T>(
  databaseUrl: string,
  planId: string,
  inspect: (db: Db, problems: string[]) => Promise<T>,
): Promise<T> {
  const problems = storageProblems(databaseUrl);
  const handle = await reopen(databaseUrl);
  try {
    problems.push(...(await planProblems(handle.db, planId)));
    return await inspect(handle.db, problems);
  } finally {
    await handle.close();
  }
}

export function summarize(
  scenario: ScenarioReport["scenario"],
  dialect: string,
  actions: number,
  records: KillRecord[],
  started: number,
  detail: Record<string, number> = {},
): ScenarioReport {
  const outcomes: Record<string, number> = {};
  for (const r of records) {
    const key = `${r.ended}, ${r.state}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return {
    scenario,
    dialect,
    kills: records.length,
    actions,
    failures: records.filter((r) => r.problems.length > 0).length,
    outcomes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    detail,
    records,
  };
}
