import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random } from "../../../bench/generate/random.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, savePlan } from "../../core/plan/plan.service.js";
import { openDatabase } from "../../db/connection.js";
import { withApplicationName, writeProbe } from "../../db/crash-support.js";
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

export interface CrashOptions {
  databaseUrl: string;
  dialect: string;
  kills: number;
  /** Actions in the generated plan. */
  actions: number;
  seed: number;
  onKill?: (record: KillRecord) => void;
}

/** Two versions of a large plan that differ in nearly every row (names, measures, count). */
function versions(actions: number): [PlanDocument, PlanDocument] {
  const a = validatePlanDocument(largePlan(actions));
  const b = largePlan(Math.round(actions * 1.1));
  b.actions = b.actions.map((x) => ({ ...x, name: `${x.name} 改訂` }));
  return [a, validatePlanDocument(b)];
}

/**
 * Imports one large plan over another through the real CLI (`bin/shinko.js import FILE`) and
 * kills it with SIGKILL: every other kill at a random moment of the whole run, the others at a
 * random moment after the import's transaction has begun writing (a probe watches the SQLite WAL
 * or PostgreSQL's pg_stat_activity). After each kill the database must pass its checks and hold
 * exactly the plan before or the plan after, never a mixture.
 */
export async function importCrashes(options: CrashOptions): Promise<ScenarioReport> {
  const started = performance.now();
  const random = new Random(options.seed);
  const dir = mkdtempSync(join(tmpdir(), "shinko-crash-"));
  const docs = versions(options.actions);
  const texts = docs.map((d) => serializePlan(d));
  const files = docs.map((d, i) => {
    const file = join(dir, `plan-${i === 0 ? "a" : "b"}.json`);
    writeFileSync(file, serializePlan(d));
    return file;
  });
  const app = `shinko_crash_${process.pid}_${options.seed}`;
  const url = withApplicationName(options.databaseUrl, app);
  const run = (i: number) => startChild(["bin/shinko.js", "import", files[i]!], { DATABASE_URL: url });
  const stateOf = () =>
    afterKill(options.databaseUrl, "large", async (db, problems) => {
      const text = serializePlan(await getPlan(db, "large"));
      return { index: texts.indexOf(text), problems };
    });
  try {
    // Create the plan, then time one whole replacement and its writing, to place the kills.
    const setup = await openDatabase(options.databaseUrl);
    try {
      await setup.db.transaction().execute((trx) => savePlan(trx, docs[0], { actor: "crash" }));
    } finally {
      await setup.close();
    }
    const probe = await writeProbe(options.databaseUrl, app);
    const t0 = performance.now();
    const calibration = run(1);
    let writeFrom = 0;
    while (calibration.process.exitCode === null) {
      if (!writeFrom && (await probe.started())) writeFrom = performance.now();
      await sleep(5);
    }
    await calibration.exited;
    const wholeMs = performance.now() - t0;
    const writeMs = writeFrom ? performance.now() - writeFrom : wholeMs / 4;
    await probe.close();
    let current = 1;
    if ((await stateOf()).index !== 1) throw new Error("the calibration import did not write the plan");

    const records: KillRecord[] = [];
    for (let kill_ = 1; kill_ <= options.kills; kill_++) {
      const target = 1 - current;
      const timing = kill_ % 2 === 1 ? "anywhere" : "in-write";
      const probe = timing === "in-write" ? await writeProbe(options.databaseUrl, app) : undefined;
      const child = run(target);
      let delayMs: number;
      if (probe) {
        while (child.process.exitCode === null && !(await probe.started())) await sleep(2);
        await probe.close();
        delayMs = random.next() * writeMs * 1.1;
      } else delayMs = random.next() * wholeMs * 1.1;
      await Promise.race([sleep(delayMs), child.exited]);
      const { ended, exitCode } = await kill(child);
      const { index, problems } = await stateOf();
      const state = index === current ? "before" : index === target ? "after" : "neither";
      if (state === "neither") problems.push("the plan is neither the one before nor the one after");
      if (ended === "finished" && exitCode === 0 && state !== "after")
        problems.push("the import finished but did not write");
      const record: KillRecord = {
        kill: kill_,
        timing,
        delayMs: Math.round(delayMs),
        ended,
        exitCode,
        state,
        problems,
      };
      records.push(record);
      options.onKill?.(record);
      if (index >= 0) current = index;
    }
    return summarize("import", options.dialect, options.actions, records, started, {
      wholeImportMs: Math.round(wholeMs),
      writeMs: Math.round(writeMs),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
