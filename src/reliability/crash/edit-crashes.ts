import { Random } from "../../../bench/generate/random.js";
import { openDatabase } from "../../db/connection.js";
import { storageProblems } from "../../db/crash-support.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, savePlan } from "../../core/plan/plan.service.js";
import { largePlan } from "../../test/large-plan.js";
import {
  afterKill,
  kill,
  sleep,
  startChild,
  summarize,
  type KillRecord,
  type ScenarioReport,
} from "./crash-harness.js";
import { applyEdits } from "./edits.js";
import type { CrashOptions } from "./import-crashes.js";

/** How long the worker edits before the kill, at most. */
const WINDOW_MS = 1500;

function lastReported(stdout: string): number | undefined {
  const done = [...stdout.matchAll(/^done (\d+)$/gm)];
  return done.length > 0 ? Number(done[done.length - 1]![1]) : undefined;
}

/**
 * A worker process (edit-worker.ts) edits actions one after another through the core, each edit
 * in its own transaction, and is killed with SIGKILL at a random moment. After each kill the
 * database must pass its checks and hold every edit the worker reported, plus at most the one it
 * had committed but not yet reported, each whole; the plan's revision must have moved by one per
 * edit and its history must hold one entry per edit.
 */
export async function editCrashes(options: CrashOptions): Promise<ScenarioReport> {
  const started = performance.now();
  const random = new Random(options.seed);
  const planId = "edited";
  const generated = largePlan(options.actions);
  let current: PlanDocument = validatePlanDocument({ ...generated, plan: { ...generated.plan, id: planId } });
  const setup = await openDatabase(options.databaseUrl);
  let base: number;
  try {
    base = (await setup.db.transaction().execute((trx) => savePlan(trx, current, { actor: "crash" })))
      .revision;
  } finally {
    await setup.close();
  }
  let applied = 0;
  let edits = 0;
  const records: KillRecord[] = [];
  for (let k = 1; k <= options.kills; k++) {
    const child = startChild(["--import", "tsx", "src/reliability/crash/edit-worker.ts"], {
      DATABASE_URL: options.databaseUrl,
      PLAN_ID: planId,
      ACTION_COUNT: String(options.actions),
      FIRST_EDIT: String(applied + 1),
    });
    while (!child.stdout().includes("ready") && child.process.exitCode === null) await sleep(5);
    const delayMs = random.next() * WINDOW_MS;
    await Promise.race([sleep(delayMs), child.exited]);
    const { ended, exitCode } = await kill(child);
    const reported = lastReported(child.stdout()) ?? applied;
    const asReported = applyEdits(current, applied + 1, reported);
    const oneMore = applyEdits(asReported, reported + 1, reported + 1);
    const record = await afterKill(options.databaseUrl, planId, async (db, problems) => {
      const stored = await getPlan(db, planId);
      const text = serializePlan(stored);
      const holds =
        text === serializePlan(asReported) ? reported : text === serializePlan(oneMore) ? reported + 1 : -1;
      if (holds < 0)
        problems.push(`the plan holds neither the ${reported} reported edits nor one more, each whole`);
      else {
        const revision = await db
          .selectFrom("plans")
          .select("revision")
          .where("id", "=", planId)
          .executeTakeFirstOrThrow();
        if (revision.revision !== base + holds)
          problems.push(`revision ${revision.revision} after ${holds} edits (expected ${base + holds})`);
        const history = await db
          .selectFrom("changes")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("plan_id", "=", planId)
          .where("source", "=", "edit")
          .executeTakeFirstOrThrow();
        if (Number(history.n) !== holds) problems.push(`history holds ${history.n} edits, the plan ${holds}`);
      }
      return { holds, problems };
    });
    const state =
      record.holds === reported
        ? "as reported"
        : record.holds === reported + 1
          ? "one more than reported"
          : "neither";
    const entry: KillRecord = {
      kill: k,
      timing: "in-edits",
      delayMs: Math.round(delayMs),
      ended,
      exitCode,
      state,
      problems: record.problems,
    };
    records.push(entry);
    options.onKill?.(entry);
    if (record.holds >= 0) {
      edits += record.holds - applied;
      current = record.holds === reported ? asReported : oneMore;
      applied = record.holds;
    } else break;
  }
  // The storage is checked once more at the end, with no process left.
  const last = storageProblems(options.databaseUrl);
  if (last.length > 0 && records.length > 0) records[records.length - 1]!.problems.push(...last);
  return summarize("edits", options.dialect, options.actions, records, started, { editsCommitted: edits });
}
