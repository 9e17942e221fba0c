import autocannon from 'autocannon';

export interface LoadOptions {
  base: string;
  token: string;
  connections: number;
  /** Seconds; the run also ends at `amount` requests when that is given. */
  duration: number;
  amount?: number;
  requests: autocannon.Request[];
  initialContext?: object;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses per HTTP status. */
  statuses: Record<number, number>;
  /** Connection errors and timeouts (no HTTP answer at all). */
  errors: number;
}

/**
 * One autocannon run against the loopback server. Latencies are collected from every
 * response (autocannon's own summary has no 95th percentile).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(options.base)) {
    throw new Error(`load goes to loopback addresses only, not ${options.base}`);
  }
  const times: number[] = [];
  const statuses: Record<number, number> = {};
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.duration,
        amount: options.amount,
        timeout: 30,
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        requests: options.requests,
        initialContext: options.initialContext,
      },
      (error, finished) => (error ? fail(error) : done(finished)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times.length ? times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] : NaN;
  return {
    requests: times.length,
    seconds: result.duration,
    rps: times.length / result.duration,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    statuses,
    errors: result.errors,
  };
}

/** Statuses of 500 and above. */
export const serverErrors = (r: LoadResult) =>
  Object.entries(r.statuses).reduce((n, [status, count]) => n + (Number(status) >= 500 ? count : 0), 0);
