/** Latencies and statuses per kind of request and per minute, and memory samples, for the soak report. */
export interface Sample {
  kind: string;
  status: number;
  ms: number;
  at: number;
}

export interface MemorySample {
  atSeconds: number;
  rssMb: number;
  heapUsedMb: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

export interface MinuteRow {
  minute: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors5xx: number;
  rssMb: number | null;
  heapUsedMb: number | null;
}

export function summarize(samples: Sample[], memory: MemorySample[], startedAt: number) {
  const byKind: Record<
    string,
    { requests: number; statuses: Record<string, number>; p50: number; p95: number; p99: number }
  > = {};
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  for (const kind of kinds) {
    const mine = samples.filter((s) => s.kind === kind);
    const statuses: Record<string, number> = {};
    for (const s of mine) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
    const sorted = mine.map((s) => s.ms).sort((a, b) => a - b);
    byKind[kind] = {
      requests: mine.length,
      statuses,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  }
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  const minutes: MinuteRow[] = [];
  const lastMinute = Math.max(0, ...samples.map((s) => Math.floor((s.at - startedAt) / 60_000)));
  for (let minute = 0; minute <= lastMinute; minute++) {
    const mine = samples.filter((s) => Math.floor((s.at - startedAt) / 60_000) === minute);
    const sorted = mine.map((s) => s.ms).sort((a, b) => a - b);
    const mem = memory.filter((m) => Math.floor(m.atSeconds / 60) === minute).at(-1);
    minutes.push({
      minute: minute + 1,
      requests: mine.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      errors5xx: mine.filter((s) => s.status >= 500 || s.status === 0).length,
      rssMb: mem?.rssMb ?? null,
      heapUsedMb: mem?.heapUsedMb ?? null,
    });
  }
  return { byKind, statuses, perMinute: minutes };
}

/** Growth between the second minute (after warm-up) and the last, in MB. */
export function growth(memory: MemorySample[]): { rssMb: number; heapUsedMb: number } | null {
  const warm = memory.filter((m) => m.atSeconds >= 60);
  if (warm.length < 2) return null;
  const first = warm.slice(0, 3);
  const last = warm.slice(-3);
  const avg = (xs: MemorySample[], f: (m: MemorySample) => number) =>
    xs.reduce((a, m) => a + f(m), 0) / xs.length;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    rssMb: round(avg(last, (m) => m.rssMb) - avg(first, (m) => m.rssMb)),
    heapUsedMb: round(avg(last, (m) => m.heapUsedMb) - avg(first, (m) => m.heapUsedMb)),
  };
}
