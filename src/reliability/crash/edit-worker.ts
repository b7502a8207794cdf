// A process that edits actions one after another through the core, each edit in its own
// transaction, and prints "done K" after each commit, until it is killed. The crash harness
// (crash-harness.ts) kills it at random moments. Run: node --import tsx edit-worker.ts
// with DATABASE_URL, PLAN_ID, FIRST_EDIT (and LAST_EDIT) in the environment.
import { openDatabase } from "../../db/connection.js";
import { getActionForEdit, updateAction } from "../../core/plan/plan.edit.js";
import { editedNumber, applyEdit } from "./edits.js";

const env = process.env;
const handle = await openDatabase(env.DATABASE_URL!);
const db = handle.db;
const planId = env.PLAN_ID!;
const count = Number(env.ACTION_COUNT);
const last = Number(env.LAST_EDIT ?? Number.MAX_SAFE_INTEGER);
process.stdout.write("ready\n");
for (let k = Number(env.FIRST_EDIT); k <= last; k++) {
  const number = editedNumber(k, count);
  await db.transaction().execute(async (trx) => {
    const { action, version } = await getActionForEdit(trx, planId, number);
    await updateAction(
      trx,
      planId,
      number,
      { baseVersion: version, action: applyEdit(action, k) },
      { actor: "crash" },
    );
  });
  process.stdout.write(`done ${k}\n`);
}
await handle.close();
