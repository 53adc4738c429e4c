import { describe, expect, it } from 'vitest';
import {
  type CallObservation,
  createToolCallTracker,
  isToolCallTracker,
} from '../../detectors/tool-call-tracker.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { inspectResponse } from '../../src/inspect.js';
import { createInspector } from '../../src/inspector.js';

describe('createToolCallTracker', () => {
  it('counts identical calls in a row, whatever the key order of the arguments', () => {
    const tracker = createToolCallTracker();
    expect(tracker.recordCall({ name: 'find', args: { a: 1, b: 2 } }).repeat.calls).toBe(1);
    expect(tracker.recordCall({ name: 'find', args: { b: 2, a: 1 } }).repeat.calls).toBe(2);
    const third = tracker.recordCall({ name: 'find', args: { a: 1, b: 2 } });
    expect(third.repeat).toMatchObject({ period: 1, calls: 3, repeats: 3, start: 0 });
    expect(third.call.text).toBe('find({"a":1,"b":2})');
  });

  it('starts a new run when the arguments or the name change', () => {
    const tracker = createToolCallTracker();
    tracker.recordCall({ name: 'find', args: { a: 1 } });
    tracker.recordCall({ name: 'find', args: { a: 1 } });
    expect(tracker.recordCall({ name: 'find', args: { a: 2 } }).repeat.calls).toBe(1);
    expect(tracker.recordCall({ name: 'seek', args: { a: 2 } }).repeat.calls).toBe(1);
  });

  it('does not count a call as a repeat once its twin got a different result', () => {
    const tracker = createToolCallTracker();
    for (let poll = 1; poll <= 6; poll++) {
      const seen = tracker.recordCall({ name: 'job_status', args: { id: 7 } });
      expect(seen.repeat.calls).toBeLessThanOrEqual(2);
      expect(tracker.recordResult({ name: 'job_status' }, { progress: poll * 10 })).toBe(true);
    }
  });

  it('keeps counting when the results are the same', () => {
    const tracker = createToolCallTracker();
    let last = 0;
    for (let poll = 1; poll <= 6; poll++) {
      last = tracker.recordCall({ name: 'job_status', args: { id: 7 } }).repeat.calls;
      tracker.recordResult({ name: 'job_status' }, { state: 'running', eta: null });
    }
    expect(last).toBe(6);
  });

  it('matches results by id first, then by arguments, then by name in call order', () => {
    const tracker = createToolCallTracker();
    tracker.recordCall({ name: 'read', args: { path: 'a' }, id: 'one' });
    tracker.recordCall({ name: 'read', args: { path: 'a' }, id: 'two' });
    // The second call's result arrives first and differs from the first call's: the pair breaks.
    expect(tracker.recordResult({ name: 'read', id: 'two' }, 'B')).toBe(true);
    expect(tracker.recordResult({ name: 'read', id: 'one' }, 'A')).toBe(true);
    expect(tracker.recordCall({ name: 'read', args: { path: 'a' } }).repeat.calls).toBe(2);
    expect(tracker.recordResult({ name: 'read', args: { path: 'a' } }, 'B')).toBe(true);
    expect(tracker.recordResult({ name: 'read' }, 'C')).toBe(false);
  });

  it('finds cycles of distinct calls and reports them in the order the run began', () => {
    const tracker = createToolCallTracker();
    const names = ['list', 'read', 'list', 'read', 'list', 'read'];
    let last: CallObservation | undefined;
    for (const name of names) last = tracker.recordCall({ name, args: {} });
    expect(last?.cycle).toMatchObject({ period: 2, calls: 6, repeats: 3, start: 0 });
    expect(last?.cycle?.unit.map((call) => call.name)).toEqual(['list', 'read']);
    const after = tracker.recordCall({ name: 'list', args: {} });
    expect(after.cycle?.unit.map((call) => call.name)).toEqual(['list', 'read']);
  });

  it('reports a run of one call as a repeat, never as a cycle', () => {
    const tracker = createToolCallTracker();
    let last: CallObservation | undefined;
    for (let call = 0; call < 8; call++) last = tracker.recordCall({ name: 'same', args: {} });
    expect(last?.cycle).toBeUndefined();
    expect(last?.repeat.calls).toBe(8);
  });

  it('finds a three-call cycle and not its multiples', () => {
    const tracker = createToolCallTracker({ maxPeriod: 6 });
    let last: CallObservation | undefined;
    for (let round = 0; round < 4; round++) {
      for (const name of ['a', 'b', 'c']) last = tracker.recordCall({ name, args: { round: 1 } });
    }
    expect(last?.cycle).toMatchObject({ period: 3, repeats: 4 });
  });

  it('starts again after a user message', () => {
    const tracker = createToolCallTracker();
    tracker.recordCall({ name: 'x', args: {} });
    tracker.recordCall({ name: 'x', args: {} });
    tracker.userMessage();
    expect(tracker.calls).toBe(0);
    expect(tracker.recordCall({ name: 'x', args: {} }).repeat.calls).toBe(1);
    expect(tracker.recordResult({ name: 'x' }, 1)).toBe(true);
  });

  it('holds only its window: results for calls that fell out of it are not matched', () => {
    const tracker = createToolCallTracker({ window: 16 });
    tracker.recordCall({ name: 'old', args: {} });
    for (let call = 0; call < 16; call++) tracker.recordCall({ name: 'new', args: { call } });
    expect(tracker.recordResult({ name: 'old' }, 'late')).toBe(false);
    expect(tracker.calls).toBe(17);
  });

  it('counts runs longer than its window', () => {
    const tracker = createToolCallTracker({ window: 16 });
    let last: CallObservation | undefined;
    for (let call = 0; call < 100; call++) last = tracker.recordCall({ name: 'spin', args: {} });
    expect(last?.repeat.calls).toBe(100);
    expect(last?.repeat.first).toBeUndefined();
  });

  it('rejects bad options with the path of each problem', () => {
    try {
      createToolCallTracker({ maxPeriod: 1, window: 4.5 } as never);
      expect.unreachable();
    } catch (error) {
      expect(isInvalidOptionsError(error)).toBe(true);
      if (!isInvalidOptionsError(error)) return;
      expect(error.issues.map((issue) => issue.path)).toEqual([['maxPeriod'], ['window']]);
    }
  });

  it('is recognised by its guard and nothing else is', () => {
    expect(isToolCallTracker(createToolCallTracker())).toBe(true);
    expect(isToolCallTracker({ recordCall() {} })).toBe(false);
    expect(isToolCallTracker(null)).toBe(false);
  });
});

/** A model response (wire JSON) carrying the given calls. */
const responseWith = (...calls: { name: string; args: Record<string, unknown> }[]) => ({
  candidates: [
    {
      content: { role: 'model', parts: calls.map((functionCall) => ({ functionCall })) },
      finishReason: 'STOP',
    },
  ],
});

describe('the tracker as session state of an inspector', () => {
  it('follows a loop across two responses through the session tracker', () => {
    const tracker = createToolCallTracker();
    const session = { 'tool-call-loop': tracker };
    const first = inspectResponse(
      responseWith({ name: 'search', args: { q: 'x' } }, { name: 'search', args: { q: 'x' } }),
      { session, only: ['tool-call-loop'] },
    );
    expect(first.findings).toEqual([]);
    tracker.recordResult({ name: 'search' }, ['no hits']);
    tracker.recordResult({ name: 'search' }, ['no hits']);
    const second = inspectResponse(responseWith({ name: 'search', args: { q: 'x' } }), {
      session,
      only: ['tool-call-loop'],
    });
    expect(second.findings.map((finding) => [finding.detector, finding.severity])).toEqual([
      ['tool-call-loop', 'warn'],
    ]);
  });

  it('forgets the loop when the user sends a new message', () => {
    const tracker = createToolCallTracker();
    const session = { 'tool-call-loop': tracker };
    const twice = responseWith({ name: 'search', args: { q: 'x' } }, { name: 'search', args: { q: 'x' } });
    inspectResponse(twice, { session, only: ['tool-call-loop'] });
    tracker.userMessage();
    expect(inspectResponse(twice, { session, only: ['tool-call-loop'] }).findings).toEqual([]);
    const inspector = createInspector({ session, only: ['tool-call-loop'] });
    inspector.push({ type: 'user-turn', candidate: 0 });
    inspector.pushChunk(twice);
    expect(inspector.findings).toEqual([]);
  });

  it('rejects a session value that is not a tracker with a typed error when the inspector is created', () => {
    let caught: unknown;
    try {
      createInspector({ session: { 'tool-call-loop': { calls: 0 } }, only: ['tool-call-loop'] });
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionsError(caught)).toBe(true);
    if (isInvalidOptionsError(caught)) expect(caught.issues[0]?.path).toEqual(['session', 'tool-call-loop']);
  });
});
