import { parentPort } from "node:worker_threads";
import { DomainError } from "../../core/errors.js";
import type { ImportFormat } from "./import-types.js";
import { placeTable } from "./place-table.js";
import { readImport } from "./read-import.js";

/**
 * Reads uploaded files in a worker thread, one at a time, and posts back each draft as plain
 * data (its `locate` turned into a place table), or the refusal. Started by parse-in-worker.ts.
 */
interface Job {
  id: number;
  bytes: Uint8Array;
  source: string;
  format: ImportFormat;
  limit: number;
}

parentPort!.on("message", (job: Job) => {
  void read(job).then((reply) => parentPort!.postMessage({ id: job.id, ...reply }));
});

async function read(job: Job): Promise<Record<string, unknown>> {
  try {
    const { locate, ...draft } = await readImport(job.bytes, {
      source: job.source,
      format: job.format,
      limit: job.limit,
    });
    return { ok: true, draft: { ...draft, places: placeTable(draft.document, locate) } };
  } catch (error) {
    if (error instanceof DomainError)
      return {
        ok: false,
        refusal: { code: error.code, message: error.message, issues: error.issues, details: error.details },
      };
    return { ok: false, fault: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
