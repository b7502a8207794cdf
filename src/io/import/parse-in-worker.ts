import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DomainError, type ErrorCode, type Issue } from "../../core/errors.js";
import type { ImportDraft, ImportFormat } from "./import-types.js";
import { locateIn, type PlaceTable } from "./place-table.js";
import { DEFAULT_IMPORT_LIMIT, checkSize, megabytes } from "./read-import.js";

/**
 * Reads uploaded files in worker threads, so that the server keeps answering (/health within a
 * second) whatever a file makes the readers do, and a file that needs too long or too much
 * memory is refused instead of taking the server with it. A few workers (one per core, at most
 * two) are kept and reused, since starting one costs a second or more; a worker that passes the
 * time limit is terminated, one that runs out of memory ends itself, and each is replaced after
 * 100 files. The CLI reads in its own process.
 */

/** A positive number from the environment; a wrong value stops the program at start, naming it. */
function positive(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${text}"`);
  return value;
}

/** How long a worker may read one file, and how much heap it may use. */
export const WORKER_LIMITS = {
  /** Seconds: the largest legal files read in a few seconds; this leaves room on a busy machine. */
  seconds: positive("IMPORT_TIME_LIMIT", 60),
  /** Megabytes of heap (V8's old generation) a worker may use. */
  memoryMb: positive("IMPORT_MEMORY_LIMIT", 1024),
};

const FILES_PER_WORKER = 100;
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));

type Reply =
  | { id: number; ok: true; draft: Omit<ImportDraft, "locate"> & { places: PlaceTable } }
  | {
      id: number;
      ok: false;
      refusal?: { code: ErrorCode; message: string; issues: Issue[]; details?: Record<string, unknown> };
      fault?: string;
    };

interface Job {
  bytes: Uint8Array;
  source: string;
  format: ImportFormat;
  limit: number;
  seconds: number;
  memoryMb: number;
  resolve: (draft: ImportDraft) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
  files: number;
  busy: boolean;
}

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 1;

function tooMuch(source: string, message: string): DomainError {
  return new DomainError("too_large", `${source}: ${message}`, [{ path: source, message }]);
}

function startWorker(memoryMb: number): Slot {
  const worker = new Worker(new URL("./parse-worker.boot.js", import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
  });
  worker.unref();
  const slot: Slot = { worker, memoryMb, files: 0, busy: false };
  slots.push(slot);
  return slot;
}

function retire(slot: Slot): void {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  void slot.worker.terminate();
}

function pump(): void {
  const job = queue[0];
  if (!job) return;
  let slot = slots.find((s) => !s.busy && s.memoryMb === job.memoryMb);
  if (!slot) {
    if (slots.filter((s) => s.busy).length >= POOL_SIZE) return;
    const idle = slots.find((s) => !s.busy);
    if (idle) retire(idle);
    slot = startWorker(job.memoryMb);
  }
  queue.shift();
  run(slot, job);
  pump();
}

function run(slot: Slot, job: Job): void {
  const id = nextId++;
  slot.busy = true;
  slot.files++;
  slot.worker.ref();
  const { worker } = slot;
  const finish = (action: () => void, keep: boolean) => {
    clearTimeout(timer);
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
    worker.unref();
    slot.busy = false;
    if (!keep || slot.files >= FILES_PER_WORKER) retire(slot);
    action();
    pump();
  };
  const onMessage = (reply: Reply) => {
    if (reply.id !== id) return;
    finish(() => {
      if (reply.ok) {
        const { places, ...draft } = reply.draft;
        job.resolve({ ...draft, locate: locateIn(places) });
      } else if (reply.refusal) {
        const r = reply.refusal;
        job.reject(new DomainError(r.code, r.message, r.issues, r.details));
      } else job.reject(new Error(`the import worker failed: ${reply.fault ?? "no reason given"}`));
    }, true);
  };
  const onError = (error: Error & { code?: string }) =>
    finish(
      () =>
        job.reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? tooMuch(
                job.source,
                `reading the file needed more than ${megabytes(job.memoryMb * 1024 * 1024, true)} of memory; an import may use at most that`,
              )
            : error,
        ),
      false,
    );
  const onExit = (code: number) =>
    finish(
      () => job.reject(new Error(`the import worker stopped (exit code ${code}) before it answered`)),
      false,
    );
  const timer = setTimeout(
    () =>
      finish(
        () =>
          job.reject(
            tooMuch(
              job.source,
              `reading the file took longer than ${job.seconds} s; an import reads for at most ${job.seconds} s`,
            ),
          ),
        false,
      ),
    job.seconds * 1000,
  );
  worker.on("message", onMessage);
  worker.once("error", onError);
  worker.once("exit", onExit);
  const copy = new Uint8Array(job.bytes);
  worker.postMessage({ id, bytes: copy, source: job.source, format: job.format, limit: job.limit }, [
    copy.buffer,
  ]);
}

/**
 * @example
 * const draft = await readImportInWorker(bytes, { source: "plan.xlsx", format: "xlsx" });
 */
export function readImportInWorker(
  bytes: Uint8Array,
  options: { source: string; format: ImportFormat; limit?: number; seconds?: number; memoryMb?: number },
): Promise<ImportDraft> {
  const limit = options.limit ?? DEFAULT_IMPORT_LIMIT;
  checkSize(bytes.length, limit, options.source);
  return new Promise<ImportDraft>((resolve, reject) => {
    queue.push({
      bytes,
      source: options.source,
      format: options.format,
      limit,
      seconds: options.seconds ?? WORKER_LIMITS.seconds,
      memoryMb: options.memoryMb ?? WORKER_LIMITS.memoryMb,
      resolve,
      reject,
    });
    pump();
  });
}
