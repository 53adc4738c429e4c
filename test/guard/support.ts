import type { GuardResult } from '../../src/guard/guard-types.js';
import type { GuardStreamEvent } from '../../src/guard/stream-events.js';

export { withFake } from '../testing/with-fake.js';

/** What a caller showing the stream live ends up with: the events, the display and the result. */
export interface Watched {
  readonly events: GuardStreamEvent[];
  /** The display after applying every event (append on chunk, cut on retract). */
  readonly display: string;
  /** Every display state the caller went through, in order. */
  readonly states: string[];
  readonly result: GuardResult;
}

/** Read a guarded event stream to its end the way a live UI would. */
export async function watch(
  stream: AsyncGenerator<GuardStreamEvent, GuardResult, undefined>,
): Promise<Watched> {
  const events: GuardStreamEvent[] = [];
  const states: string[] = [];
  let display = '';
  while (true) {
    const next = await stream.next();
    if (next.done === true) return { events, display, states, result: next.value };
    const event = next.value;
    events.push(event);
    if (event.type === 'chunk') display += event.text;
    if (event.type === 'retract') display = display.slice(0, event.keep);
    states.push(display);
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
