/**
 * One HTTP request to an app instance, never thrown and never unbounded: the answer
 * (status and parsed body) or why there was none (`error`), with its timing.
 */
export interface Outcome {
  /** What the load meant by it ("assign", "unassign", "health", …). */
  kind: string;
  /** Index of the app instance it went to. */
  instance: number;
  /** HTTP status; null when no complete answer came (refused, reset, timed out). */
  status: number | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Why there is no status: the socket error code, 'TIMEOUT', or the message. */
  error?: string;
  startedAt: number;
  endedAt: number;
  /** Whatever the caller wants to find again (the person id of an assign, say). */
  tag?: string;
}

export interface RequestSpec {
  kind: string;
  instance: number;
  method: string;
  /** Path from the origin, e.g. `/api/v1/licenses/…/persons` or `/health`. */
  path: string;
  body?: unknown;
  token?: string;
  tag?: string;
  /** Default 15 s: far longer than any fault scenario lets a request take. */
  timeoutMs?: number;
}

export async function send(baseUrl: string, spec: RequestSpec): Promise<Outcome> {
  const startedAt = Date.now();
  const base = { kind: spec.kind, instance: spec.instance, tag: spec.tag, startedAt };
  try {
    const res = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers: {
        ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
        ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: AbortSignal.timeout(spec.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    return { ...base, status: res.status, body: parse(text), endedAt: Date.now() };
  } catch (error) {
    return { ...base, status: null, body: null, error: reason(error), endedAt: Date.now() };
  }
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch wraps socket errors in "fetch failed": the cause's code says what happened. */
function reason(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'TIMEOUT';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

/** Counts by status (or error), for readable failure messages: `{ "201": 40, "503": 12, "ECONNREFUSED": 3 }`. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === null ? (o.error ?? 'no answer') : String(o.status);
    by[key] = (by[key] ?? 0) + 1;
  }
  return by;
}

/** Seat ids in the body of every 201 assign: what clients were told they hold. */
export function confirmedSeatIds(outcomes: readonly Outcome[]): string[] {
  return outcomes
    .filter((o) => o.kind === 'assign' && o.status === 201 && Array.isArray(o.body))
    .flatMap((o) => (o.body as { id: string }[]).map((s) => s.id));
}
