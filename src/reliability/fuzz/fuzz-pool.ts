import { Worker } from "node:worker_threads";
import type { FuzzJob, FuzzOutcome } from "./fuzz-target.js";

/**
 * Runs fuzz jobs one at a time in a worker thread with a time bound: a job that does not answer
 * in time is a hang; the worker is then terminated and a new one started. A worker that dies (out
 * of memory, a native fault) is a crash. Memory is limited so a zip bomb fails in the worker.
 *
 * @example
 * const pool = await FuzzPool.start(2000);
 * const outcome = await pool.run({ kind: "fiscal", text: "令和6年度" });
 * await pool.close();
 */
export class FuzzPool {
  private worker!: Worker;
  private next = 0;
  private pending = new Map<number, (outcome: FuzzOutcome) => void>();

  private constructor(readonly timeoutMs: number) {}

  static async start(timeoutMs: number): Promise<FuzzPool> {
    const pool = new FuzzPool(timeoutMs);
    await pool.spawn();
    return pool;
  }

  private async spawn(): Promise<void> {
    const worker = new Worker(new URL("./fuzz-worker.js", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 768 },
    });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.once("error", reject);
      worker.on("message", (m: { ready?: boolean; id?: number; outcome?: FuzzOutcome }) => {
        if (m.ready) return resolve();
        const done = this.pending.get(m.id!);
        this.pending.delete(m.id!);
        done?.(m.outcome!);
      });
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => this.failAll(new Error(`the worker exited with code ${code}`)));
  }

  private failAll(error: Error): void {
    for (const [id, done] of this.pending) {
      this.pending.delete(id);
      done({ kind: "crash", name: error.name, message: error.message, stack: error.stack ?? "" });
    }
  }

  /** Runs one job; resolves with its outcome, a hang, or a crash of the worker. */
  async run(job: FuzzJob): Promise<FuzzOutcome> {
    const id = this.next++;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await new Promise<FuzzOutcome>((resolve) => {
      this.pending.set(id, resolve);
      timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: "hang", ms: Math.round(performance.now() - started) });
      }, this.timeoutMs);
      this.worker.postMessage({ id, job });
    });
    clearTimeout(timer);
    if (outcome.kind === "hang" || outcome.kind === "crash") {
      const old = this.worker;
      old.removeAllListeners("exit");
      await old.terminate();
      await this.spawn();
    }
    return outcome;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}
