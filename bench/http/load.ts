import autocannon from "autocannon";

export interface LoadResult {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytesPerSecond: number;
}

/** autocannon against one URL for `seconds`, with `connections` connections. */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerSecond: Math.round(result.throughput.average),
  };
}

/** Latencies of `count` sequential GETs (after a warm-up), in ms: p50, p95, max. */
export async function sequential(
  url: string,
  count: number,
): Promise<{ p50: number; p95: number; max: number; status: number }> {
  let status = 0;
  for (let i = 0; i < 5; i++)
    status = (await fetch(url).then(async (r) => (await r.arrayBuffer(), r))).status;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    status = response.status;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), max: at(1), status };
}
