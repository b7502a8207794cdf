// The worker thread of the fuzz pool (fuzz-pool.ts): an in-memory SQLite database holding
// Kadoma's plan, and the importers, run on each job it is sent.
import { parentPort } from "node:worker_threads";
import { openDatabase } from "../../db/connection.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { savePlan } from "../../core/plan/plan.service.js";
import { kadoma } from "../../test/fixtures.js";
import { runFiscalJob, runImportJob, type FuzzJob } from "./fuzz-target.js";

const port = parentPort!;
const { db } = await openDatabase(":memory:");
const base = validatePlanDocument(kadoma());
await db.transaction().execute((trx) => savePlan(trx, base, { actor: "fuzz" }));
port.on("message", (message: { id: number; job: FuzzJob }) => {
  const { id, job } = message;
  const run = job.kind === "fiscal" ? Promise.resolve(runFiscalJob(job.text)) : runImportJob(db, base, job);
  void run.then((outcome) => port.postMessage({ id, outcome }));
});
port.postMessage({ ready: true });
