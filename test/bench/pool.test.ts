import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/bench/pool.js';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runPool', () => {
  it('keeps at most `concurrency` items in flight and runs each once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, undefined, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick();
      seen.push(item);
      inFlight -= 1;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing new after a worker throws, and rejects with that error', async () => {
    const started: number[] = [];
    const error = await runPool([1, 2, 3, 4], 1, undefined, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('boom');
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('boom');
    expect(started).toEqual([1, 2]);
  });

  it('rejects with CallAbortedError once the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const error = await runPool([1, 2, 3], 1, controller.signal, async (item) => {
      started.push(item);
      controller.abort();
    }).catch((caught: unknown) => caught);
    expect(isCallAbortedError(error)).toBe(true);
    expect(started).toEqual([1]);
  });
});
