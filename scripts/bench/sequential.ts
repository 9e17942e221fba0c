import { LoadResult } from './load';

/**
 * `runs` requests one after another, each timed from send to the last body byte
 * (an export is only done when its file is): for the heavy requests, where latency is the figure.
 */
export async function timedRequests(
  runs: number,
  send: () => Promise<Response>,
): Promise<LoadResult & { bytes: number }> {
  const times: number[] = [];
  const statuses: Record<number, number> = {};
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      const res = await send();
      bytes = (await res.arrayBuffer()).byteLength;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    } catch {
      errors++;
    }
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return {
    requests: runs,
    seconds,
    rps: runs / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    statuses,
    errors,
    bytes,
  };
}
