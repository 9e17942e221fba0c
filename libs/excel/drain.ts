/** What is needed of a writable to wait for it: Node streams and readable-stream v2 both fit. */
interface Drainable {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  destroyed?: boolean;
  writableFinished?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function needsDrain(stream: object): boolean {
  const s = stream as Drainable;
  if (typeof s.writableNeedDrain === 'boolean') return s.writableNeedDrain;
  return s._writableState?.needDrain === true;
}

/**
 * Resolves on `target`'s 'drain'. Rejects when `target` or `output` errors or `output`
 * closes first (a client that went away), so an export never waits forever.
 */
export function drained(target: object, output: object = target): Promise<void> {
  const t = target as Drainable;
  const o = output as Drainable;
  if (t.destroyed || o.destroyed) return Promise.reject(new Error('The export stream was destroyed.'));
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      t.off('drain', onDrain);
      t.off('error', onError);
      if (o !== t) o.off('error', onError);
      o.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('The export stream closed before the export finished.'));
    };
    t.on('drain', onDrain);
    t.on('error', onError);
    if (o !== t) o.on('error', onError);
    o.on('close', onClose);
  });
}

/** Runs `work`, but rejects if `output` closes unfinished (a client that went away) before it settles. */
export async function unlessClosed<T>(work: () => Promise<T>, output: object): Promise<T> {
  const o = output as Drainable;
  if (o.destroyed) throw new Error('The export stream was destroyed.');
  let onClose: () => void = () => undefined;
  const closed = new Promise<never>((_, reject) => {
    onClose = (): void => {
      if (!o.writableFinished) reject(new Error('The export stream closed before the export finished.'));
    };
    o.on('close', onClose);
  });
  try {
    return await Promise.race([work(), closed]);
  } finally {
    o.off('close', onClose);
  }
}
