import { Outcome, RequestSpec, send } from './http';
import { sleep } from './postgres';

export interface LoadOptions {
  /** Base URL of every app instance; a spec's `instance` indexes it. */
  urls: readonly string[];
  /** Requests in flight at once. */
  concurrency: number;
  /** Hard bounds: the load ends at whichever comes first (or at stop()). */
  maxRequests: number;
  maxDurationMs: number;
  /** The i-th request; undefined ends that worker. */
  next: (i: number) => RequestSpec | undefined;
  /** Pause of a worker after each answer (default 0); keeps a load of fast errors from spinning. */
  pauseMs?: number;
  /** Sees each outcome as it arrives (to plan later requests on what was granted). */
  onOutcome?: (outcome: Outcome) => void;
}

export interface Load {
  /** Every outcome so far, in order of completion; grows while the load runs. */
  readonly outcomes: Outcome[];
  /** Resolves with all outcomes once every worker stopped. */
  readonly done: Promise<Outcome[]>;
  /** Ends the load: no new request starts; resolves once those in flight are answered. */
  stop(): Promise<Outcome[]>;
  /** Resolves once `predicate` holds over the outcomes, or rejects after `timeoutMs`. */
  until(predicate: (outcomes: readonly Outcome[]) => boolean, timeoutMs: number): Promise<void>;
}

/**
 * A bounded load to loopback: `concurrency` workers, each sending its next request
 * when the previous one is answered, for at most `maxRequests` requests and
 * `maxDurationMs`. Every answer, error and timing is recorded.
 */
export function startLoad(options: LoadOptions): Load {
  const outcomes: Outcome[] = [];
  const deadline = Date.now() + options.maxDurationMs;
  let issued = 0;
  let stopped = false;

  const worker = async () => {
    while (!stopped && issued < options.maxRequests && Date.now() < deadline) {
      const spec = options.next(issued++);
      if (!spec) return;
      const outcome = await send(options.urls[spec.instance], spec);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => outcomes);

  return {
    outcomes,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
    until: async (predicate, timeoutMs) => {
      const limit = Date.now() + timeoutMs;
      while (!predicate(outcomes)) {
        if (Date.now() > limit) throw new Error(`load condition not met within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
  };
}
