import { CallAbortedError } from '../errors/call-aborted-error.js';

/**
 * Run `worker` over `items` with at most `concurrency` in flight, in order of start. Stops
 * starting new items once `signal` is aborted or a worker throws; waits for the ones in flight,
 * then rejects (`CallAbortedError` for the signal, else the first error).
 */
export async function runPool<Item>(
  items: readonly Item[],
  concurrency: number,
  signal: AbortSignal | undefined,
  worker: (item: Item) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && failure === undefined && !signal?.aborted) {
      const item = items[next] as Item;
      next += 1;
      try {
        await worker(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure !== undefined) throw failure.error;
  if (signal?.aborted) throw new CallAbortedError([], signal.reason);
}
