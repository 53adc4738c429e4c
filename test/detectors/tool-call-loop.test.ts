import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createToolCallLoopDetector, ToolCallLoopDefinition } from '../../detectors/tool-call-loop.js';
import { createToolCallTracker } from '../../detectors/tool-call-tracker.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { GuardEvent } from '../../src/events.js';
import type { Finding } from '../../src/finding.js';
import { normalizeHistory } from '../../src/history.js';
import { inspectEvents } from '../../src/inspect.js';
import { createInspector } from '../../src/inspector.js';
import { splitEvery, splitRandomly } from '../support/feed.js';

const call = (name: string, args: Record<string, unknown> = {}, offset = 0, id?: string): GuardEvent => ({
  type: 'function-call',
  candidate: 0,
  name,
  args,
  offset,
  ...(id === undefined ? {} : { id }),
});
const result = (name: string, response: unknown, id?: string): GuardEvent => ({
  type: 'function-response',
  candidate: 0,
  name,
  response,
  ...(id === undefined ? {} : { id }),
});

function run(events: readonly GuardEvent[], options = {}): Finding[] {
  const detector = createToolCallLoopDetector(options);
  const findings = events.flatMap((event) => detector.push(event));
  return [...findings, ...detector.end()];
}

const repeated = (count: number, make: (index: number) => GuardEvent[]): GuardEvent[] =>
  Array.from({ length: count }, (_, index) => make(index)).flat();

describe('tool-call-loop: identical calls', () => {
  it('warns at the third identical call and aborts at the fifth, once each', () => {
    const findings = run(repeated(8, () => [call('get_weather', { city: 'Paris' })]));
    expect(findings.map((finding) => [finding.severity, finding.data?.count])).toEqual([
      ['warn', 3],
      ['abort', 5],
    ]);
    expect(findings[1]).toMatchObject({
      detector: 'tool-call-loop',
      evidence: 'get_weather({"city":"Paris"})',
      remediations: ['thought-recap', 'raise-temperature'],
      data: { kind: 'repeat', tool: 'get_weather', period: 1 },
    });
    expect(findings[1]?.message).toContain('get_weather({"city":"Paris"}) 5 times in a row');
  });

  it('treats arguments with the same keys in another order as the same call', () => {
    const orders = [
      { path: 'a.txt', options: { encoding: 'utf8', limit: 10 } },
      { options: { limit: 10, encoding: 'utf8' }, path: 'a.txt' },
      { path: 'a.txt', options: { limit: 10, encoding: 'utf8' } },
    ];
    const findings = run(orders.map((args) => call('read_file', args)));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toBe(
      'read_file({"options":{"encoding":"utf8","limit":10},"path":"a.txt"})',
    );
  });

  it('stays quiet when the arguments change every time', () => {
    expect(run(repeated(20, (index) => [call('read_file', { path: `file-${index}.ts` })]))).toEqual([]);
  });

  it('stays quiet while a polled job returns a different result each time', () => {
    const polling = repeated(12, (index) => [
      call('job_status', { id: 'j1' }),
      result('job_status', { done: index * 8 }),
    ]);
    expect(run(polling)).toEqual([]);
  });

  it('flags polling that keeps getting the same result', () => {
    const stuck = repeated(6, () => [
      call('job_status', { id: 'j1' }),
      result('job_status', { state: 'queued' }),
    ]);
    expect(run(stuck).map((finding) => finding.severity)).toEqual(['warn', 'abort']);
  });

  it('matches results to calls by id, whatever order they come back in', () => {
    const events = [
      call('fetch', { url: 'u' }, 0, 'c1'),
      call('fetch', { url: 'u' }, 0, 'c2'),
      result('fetch', 'second page', 'c2'),
      result('fetch', 'first page', 'c1'),
      call('fetch', { url: 'u' }, 0, 'c3'),
    ];
    expect(run(events)).toEqual([]);
  });

  it('uses the text offsets of the call events for start and end', () => {
    const findings = run([call('x', {}, 10), call('x', {}, 25), call('x', {}, 40)]);
    expect(findings[0]).toMatchObject({ start: 10, end: 40 });
  });
});

describe('tool-call-loop: cycles', () => {
  const cycle = (rounds: number, names: string[]) =>
    repeated(rounds, () => names.map((name) => call(name, { target: 'build' })));

  it('warns when two calls alternate three rounds and aborts at five', () => {
    const findings = run(cycle(6, ['compile', 'run_tests']));
    expect(findings.map((finding) => [finding.severity, finding.data?.count])).toEqual([
      ['warn', 3],
      ['abort', 5],
    ]);
    expect(findings[0]?.data).toMatchObject({ kind: 'cycle', period: 2, tools: ['compile', 'run_tests'] });
    expect(findings[0]?.evidence).toBe('compile({"target":"build"}) → run_tests({"target":"build"})');
    expect(findings[0]?.message).toContain('compile → run_tests');
  });

  it('finds a longer cycle of three calls', () => {
    const findings = run(cycle(3, ['ls', 'read', 'grep']));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.data).toMatchObject({ kind: 'cycle', period: 3, count: 3 });
  });

  it('stays quiet when a cycle makes progress (different results)', () => {
    const events = repeated(8, (index) => [
      call('check', { id: 1 }),
      result('check', { percent: index }),
      call('wait', { seconds: 5 }),
      result('wait', 'ok'),
    ]);
    expect(run(events)).toEqual([]);
  });

  it('ignores cycles longer than maxPeriod', () => {
    expect(run(cycle(5, ['a', 'b', 'c', 'd', 'e']), { maxPeriod: 4 })).toEqual([]);
    expect(run(cycle(5, ['a', 'b', 'c', 'd', 'e']), { maxPeriod: 5 })).toHaveLength(2);
  });
});

describe('tool-call-loop: exemptions and per-tool bars', () => {
  it('never flags an exempt tool repeating', () => {
    expect(
      run(
        repeated(10, () => [call('sleep', { seconds: 1 })]),
        { exempt: ['sleep'] },
      ),
    ).toEqual([]);
  });

  it('flags a cycle that mixes an exempt tool with a non-exempt one', () => {
    const events = repeated(3, () => [call('sleep', {}), call('check', {})]);
    expect(run(events, { exempt: ['sleep'] })).toHaveLength(1);
    expect(run(events, { exempt: ['sleep', 'check'] })).toEqual([]);
  });

  it('applies per-tool bars and keeps the global ones for other tools', () => {
    const options = { tools: { poll: { warnAt: 6, abortAt: 8 } } };
    const poll = run(
      repeated(8, () => [call('poll', {})]),
      options,
    );
    expect(poll.map((finding) => [finding.severity, finding.data?.count])).toEqual([
      ['warn', 6],
      ['abort', 8],
    ]);
    expect(
      run(
        repeated(3, () => [call('other', {})]),
        options,
      ),
    ).toHaveLength(1);
  });
});

describe('tool-call-loop: reset and history', () => {
  it('leaves the session tracker alone on reset but clears its own', () => {
    const tracker = createToolCallTracker();
    const detector = createToolCallLoopDetector({}, { session: { 'tool-call-loop': tracker } });
    detector.push(call('a'));
    detector.push(call('a'));
    detector.reset();
    expect(tracker.calls).toBe(2);
    expect(detector.push(call('a'))).toHaveLength(1);
    const own = createToolCallLoopDetector();
    own.push(call('a'));
    own.push(call('a'));
    own.reset();
    expect(own.push(call('a'))).toEqual([]);
  });

  it('reads a conversation history: same results loop, changing results do not, a user message resets', () => {
    const turn = (response: unknown) => [
      { role: 'model', parts: [{ functionCall: { name: 'status', args: { job: 1 } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'status', response } }] },
    ];
    const same = [
      { role: 'user', parts: [{ text: 'deploy it' }] },
      ...[1, 2, 3, 4, 5].flatMap(() => turn({ s: 'pending' })),
    ];
    const only = { only: ['tool-call-loop'] as const };
    expect(inspectEvents(normalizeHistory(same), only).abortedBy?.detector).toBe('tool-call-loop');
    const changing = [1, 2, 3, 4, 5].flatMap((step) => turn({ s: `step ${step}` }));
    expect(inspectEvents(normalizeHistory(changing), only).findings).toEqual([]);
    const interrupted = [
      ...turn({ s: 'pending' }),
      ...turn({ s: 'pending' }),
      { role: 'user', parts: [{ text: 'try again' }] },
      ...turn({ s: 'pending' }),
      ...turn({ s: 'pending' }),
    ];
    expect(inspectEvents(normalizeHistory(interrupted), only).findings).toEqual([]);
  });
});

describe('tool-call-loop: text around the calls', () => {
  it('gives the same findings however the text between calls is split', () => {
    const text = 'Checking the build once more before I continue.\n';
    const ways = {
      whole: [text],
      'one char': splitEvery(text, 1),
      '7 chars': splitEvery(text, 7),
      random: splitRandomly(text, 5, 9),
    };
    const results = Object.values(ways).map((pieces) => {
      const detector = createToolCallLoopDetector();
      const found: Finding[] = [];
      let offset = 0;
      for (let round = 0; round < 5; round++) {
        for (const piece of pieces) {
          found.push(...detector.push({ type: 'text-delta', candidate: 0, text: piece, offset }));
          offset += piece.length;
        }
        found.push(...detector.push(call('build', { target: 'all' }, offset)));
      }
      return found;
    });
    for (const findings of results) expect(findings).toEqual(results[0]);
    expect(results[0]?.map((finding) => [finding.start, finding.end])).toEqual([
      [text.length, text.length * 3],
      [text.length, text.length * 5],
    ]);
  });
});

describe('tool-call-loop: options, robustness and work', () => {
  it('rejects bad options with the path of each problem', () => {
    const bad = { warnAt: 1, abortAt: 'five', tools: { poll: { warnAt: 9, abortAt: 4 } }, extra: true };
    try {
      createToolCallLoopDetector(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(isInvalidOptionsError(error)).toBe(true);
      if (!isInvalidOptionsError(error)) return;
      const paths = error.issues.map((issue) => issue.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['warnAt', 'abortAt', '']));
    }
    try {
      createInspector({
        detectors: { 'tool-call-loop': { warnAt: 6, abortAt: 4 } },
        only: ['tool-call-loop'],
      });
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues.map((issue) => issue.path)).toEqual([['detectors', 'tool-call-loop', 'warnAt']]);
    }
    expect(() => createToolCallLoopDetector({ tools: { poll: { warnAt: 9, abortAt: 4 } } })).toThrow(
      /tools\.poll\.warnAt/,
    );
  });

  it('fills in documented defaults', () => {
    expect(ToolCallLoopDefinition.optionsSchema.parse({})).toMatchObject({
      warnAt: 3,
      abortAt: 5,
      cycleWarnAt: 3,
      cycleAbortAt: 5,
    });
  });

  it('never throws on arbitrary events and arguments, and reports well-formed findings', () => {
    const event = fc.oneof(
      fc
        .record({
          name: fc.constantFrom('a', 'b', 'c', ''),
          args: fc.anything(),
          id: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
        })
        .map(
          ({ name, args, id }) =>
            ({
              type: 'function-call',
              candidate: 0,
              name,
              args,
              offset: 0,
              ...(id ? { id } : {}),
            }) as GuardEvent,
        ),
      fc
        .record({ name: fc.constantFrom('a', 'b', 'c'), response: fc.anything() })
        .map(
          ({ name, response }) => ({ type: 'function-response', candidate: 0, name, response }) as GuardEvent,
        ),
      fc.constant({ type: 'user-turn', candidate: 0 } as GuardEvent),
      fc.string().map((text) => ({ type: 'text-delta', candidate: 0, text, offset: 0 }) as GuardEvent),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        for (const finding of run(events)) {
          expect(['warn', 'abort']).toContain(finding.severity);
          expect(finding.start).toBeLessThanOrEqual(finding.end);
          expect(finding.evidence.length).toBeLessThanOrEqual(200);
        }
      }),
    );
  });

  it('does work in proportion to the calls it sees (10x calls cost at most 12x)', () => {
    const measure = (count: number) => {
      const meter = { units: 0 };
      const detector = createToolCallLoopDetector({ maxPeriod: 8 }, { meter });
      for (let index = 0; index < count; index++) {
        // adversarial: near-cycles that keep every period's run alive, plus results to match
        detector.push(call(index % 7 === 0 ? 'z' : index % 2 === 0 ? 'a' : 'b', { n: index % 3 }));
        detector.push(result(index % 2 === 0 ? 'a' : 'b', { index }));
      }
      return meter.units;
    };
    const small = measure(1_000);
    expect(small).toBeGreaterThan(0);
    expect(measure(10_000)).toBeLessThanOrEqual(small * 12);
  });
});
