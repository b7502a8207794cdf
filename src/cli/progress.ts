import type { ProgressListener } from "../io/import/import-types.js";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  listener: ProgressListener;
  /** Clears the bar (if it was drawn) and stops the timer. */
  done(): void;
}

const WIDTH = 24;

/**
 * A progress bar on the terminal for imports that take more than a second: drawn only on a TTY
 * (never into a log or a pipe), only once `delayMs` has passed, redrawn in place.
 *
 * @example
 * const progress = createProgress(process.stderr);
 * await readImport(bytes, { …, onProgress: progress.listener });
 * progress.done();
 */
export function createProgress(
  stream: ProgressStream,
  options: { delayMs?: number; now?: () => number; intervalMs?: number } = {},
): Progress {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  const started = now();
  let stage = "starting";
  let done: number | undefined;
  let total: number | undefined;
  let drawn = false;
  let frame = 0;
  const draw = () => {
    if (!stream.isTTY || now() - started < delay) return;
    let line: string;
    if (done !== undefined && total) {
      const share = Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      line = `importing [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${stage} ${done.toLocaleString("en")}/${total.toLocaleString("en")}`;
    } else {
      line = `importing ${"|/-\\"[frame++ % 4]} ${stage} (${((now() - started) / 1000).toFixed(0)} s)`;
    }
    const columns = stream.columns ?? 80;
    stream.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    drawn = true;
  };
  const timer = stream.isTTY ? setInterval(draw, options.intervalMs ?? 200) : undefined;
  timer?.unref();
  return {
    listener: (s, d, t) => {
      stage = s;
      done = d;
      total = t;
      draw();
    },
    done: () => {
      if (timer) clearInterval(timer);
      if (drawn) stream.write("\r\u001b[K");
    },
  };
}
