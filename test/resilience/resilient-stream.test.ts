import type { GenerateContentResponse } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isApiCallError } from '../../src/errors/api-call-error.js';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { createFakeClock } from '../../src/resilience/fake-clock.js';
import type { RequestLogRecord } from '../../src/resilience/request-log.js';
import {
  type ResilientStreamOptions,
  type ResilientStreamSummary,
  resilientGenerateContentStream,
} from '../../src/resilience/resilient-stream.js';
import type { RetractionEvent } from '../../src/resilience/retraction.js';
import { errorReply, type Scenario, type TextReplyOptions, textReply } from '../../src/testing/index.js';
import { CANARY_KEY, containsCanary, type FakeSetup, rejectionOf, startFake } from './fake-setup.js';

const MODEL = 'gemini-2.5-flash';
const CHUNKS = ['One, ', 'two, ', 'three.'];
const answer = (faults: Partial<TextReplyOptions> = {}) => textReply({ chunks: CHUNKS, ...faults });
/** The first request misbehaves with `faults`; later ones answer normally. */
const firstFails =
  (faults: Partial<TextReplyOptions>): Scenario =>
  (_request, context) =>
    context.requestIndex === 0 ? answer(faults) : answer();

let setup: FakeSetup | undefined;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await setup?.stop();
  setup = undefined;
  // Let any stray rejection surface, and closed sockets finish closing, before checking.
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(unhandled).toEqual([]);
  expect(openSockets()).toBe(0);
});

/** Timers this process has open. */
const openTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
/** TCP sockets and servers this process has open. */
const openSockets = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

interface Run {
  texts: string[];
  error: unknown;
  summary: ResilientStreamSummary | undefined;
  retractions: RetractionEvent[];
}

async function run(scenario: Scenario, options: ResilientStreamOptions = {}): Promise<Run> {
  setup = await startFake(scenario);
  const texts: string[] = [];
  const retractions: RetractionEvent[] = [];
  const all: ResilientStreamOptions = {
    clock: createFakeClock(),
    random: () => 0.5,
    ...options,
    ...(options.afterOutput === 'retract'
      ? {
          onRetract: (event: RetractionEvent) => {
            retractions.push(event);
            texts.length = 0;
          },
        }
      : {}),
  };
  try {
    const stream = await resilientGenerateContentStream(
      setup.ai.models,
      { model: MODEL, contents: 'Count' },
      all,
    );
    let next = await stream.next();
    while (next.done !== true) {
      texts.push((next.value as GenerateContentResponse).text ?? '');
      next = await stream.next();
    }
    return { texts, error: undefined, summary: next.value, retractions };
  } catch (error) {
    return { texts, error, summary: undefined, retractions };
  }
}

describe('resilientGenerateContentStream through the real SDK', () => {
  it('streams every chunk of a healthy answer with one request', async () => {
    const result = await run(() => answer());
    expect(result.texts).toEqual(CHUNKS);
    expect(result.summary).toMatchObject({ retracted: false, chunks: 3, model: MODEL });
    expect(setup?.fake.requests).toHaveLength(1);
  });

  it('retries a 429 before the stream starts, invisibly', async () => {
    const result = await run((_request, context) =>
      context.requestIndex === 0 ? errorReply(429, { retryDelay: 2 }) : answer(),
    );
    expect(result.texts).toEqual(CHUNKS);
    expect(result.summary?.attempts.map((attempt) => attempt.classification?.apiStatus)).toEqual([
      'RESOURCE_EXHAUSTED',
      undefined,
    ]);
    expect(result.summary?.attempts[0]?.delayMs).toBe(2000);
  });

  it.each([
    ['an error event', { errorEventAfterChunks: 0 }, 'stream-error'],
    ['a dropped socket', { dropAfterChunks: 0 }, 'connection'],
    ['a malformed event', { malformedAfterChunks: 0 }, 'malformed-stream'],
  ] as const)('retries %s before the first chunk, invisibly', async (_name, faults, kind) => {
    const result = await run(firstFails(faults));
    expect(result.error).toBeUndefined();
    expect(result.texts).toEqual(CHUNKS);
    expect(result.retractions).toEqual([]);
    expect(result.summary?.attempts[0]?.classification?.kind).toBe(kind);
    expect(result.summary?.retracted).toBe(false);
  });

  it.each([
    ['an error event', { errorEventAfterChunks: 2 }, 'stream-error', 503],
    ['a dropped socket', { dropAfterChunks: 2 }, 'connection', undefined],
    ['a malformed event', { malformedAfterChunks: 2 }, 'malformed-stream', undefined],
  ] as const)(
    'does not replay after %s mid-stream: it fails with output-delivered',
    async (_name, faults, kind, status) => {
      const before = openTimers();
      const result = await run(firstFails(faults));
      expect(result.texts).toEqual(CHUNKS.slice(0, 2));
      expect(isApiCallError(result.error)).toBe(true);
      if (!isApiCallError(result.error)) return;
      expect(result.error.reason).toBe('output-delivered');
      expect(result.error.classification).toMatchObject({ kind, httpStatus: status, retryable: true });
      expect(setup?.fake.requests).toHaveLength(1);
      expect(openTimers()).toBeLessThanOrEqual(before);
    },
  );

  it.each([
    ['an error event', { errorEventAfterChunks: 2 }],
    ['a dropped socket', { dropAfterChunks: 2 }],
    ['a malformed event', { malformedAfterChunks: 2 }],
  ] as const)('retracts and restarts after %s mid-stream when allowed', async (_name, faults) => {
    const result = await run(firstFails(faults), { afterOutput: 'retract' });
    expect(result.texts).toEqual(CHUNKS);
    expect(result.retractions).toHaveLength(1);
    expect(result.retractions[0]).toMatchObject({
      reason: 'transport-error',
      attempt: 1,
      deliveredChunks: 2,
    });
    expect(result.retractions[0]?.deliveredTextLength).toBe('One, two, '.length);
    expect(result.summary).toMatchObject({ retracted: true, chunks: 3 });
    expect(result.summary?.attempts.map((attempt) => attempt.retracted)).toEqual([true, false]);
    expect(setup?.fake.requests).toHaveLength(2);
  });

  it('does not retry a non-retryable error event mid-stream, even when retraction is allowed', async () => {
    const result = await run(firstFails({ errorEventAfterChunks: 1, errorEvent: { status: 400 } }), {
      afterOutput: 'retract',
    });
    expect(isApiCallError(result.error) && result.error.reason).toBe('not-retryable');
    expect(result.retractions).toEqual([]);
    expect(setup?.fake.requests).toHaveLength(1);
  });

  it('closes the request when the consumer stops early and records the attempt as abandoned', async () => {
    const lines: RequestLogRecord[] = [];
    setup = await startFake(() => textReply({ chunks: ['a', 'b', 'c', 'd', 'e', 'f'], chunkDelayMs: 20 }));
    const stream = await resilientGenerateContentStream(
      setup.ai.models,
      { model: MODEL, contents: 'x' },
      {
        onRequestLog: (line) => void lines.push(line),
      },
    );
    for await (const chunk of stream) {
      expect(chunk.text).toBe('a');
      break;
    }
    await setup.fake.settled();
    expect(setup.fake.requests[0]?.clientDisconnected).toBe(true);
    expect(stream.attempts.map((attempt) => attempt.outcome)).toEqual(['abandoned']);
    expect(lines.map((line) => line.outcome)).toEqual(['abandoned']);
  });

  it('rejects the call itself for a 404 before any output, after one request', async () => {
    setup = await startFake(() => errorReply(404));
    const error = await rejectionOf(
      resilientGenerateContentStream(setup.ai.models, { model: MODEL, contents: 'x' }),
    );
    expect(isApiCallError(error) && error.classification.action).toBe('check-model-id');
    expect(setup.fake.requests).toHaveLength(1);
  });

  it('stops with CallAbortedError when the caller aborts mid-stream', async () => {
    setup = await startFake(() => textReply({ chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 20 }));
    const controller = new AbortController();
    const stream = await resilientGenerateContentStream(
      setup.ai.models,
      { model: MODEL, contents: 'x' },
      {
        signal: controller.signal,
      },
    );
    const error = await rejectionOf(
      (async () => {
        for await (const _chunk of stream) controller.abort();
      })(),
    );
    expect(isCallAbortedError(error)).toBe(true);
    expect(setup.fake.requests).toHaveLength(1);
  });

  it("requires onRetract with afterOutput: 'retract'", async () => {
    setup = await startFake(() => answer());
    const error = await rejectionOf(
      resilientGenerateContentStream(
        setup.ai.models,
        { model: MODEL, contents: 'x' },
        { afterOutput: 'retract' },
      ),
    );
    expect(isInvalidOptionsError(error) && error.issues[0]?.path).toEqual(['onRetract']);
    expect(setup.fake.requests).toHaveLength(0);
  });

  it('keeps the canary key out of errors, retractions and log lines on every failing path', async () => {
    const echo = `x-goog-api-key: ${CANARY_KEY} key=${CANARY_KEY} raw ${CANARY_KEY}`;
    const lines: RequestLogRecord[] = [];
    const scenario: Scenario = (_request, context) => {
      if (context.requestIndex === 0) return errorReply(503, { message: echo });
      if (context.requestIndex === 1)
        return answer({ errorEventAfterChunks: 1, errorEvent: { message: echo } });
      return errorReply(400, { message: `API key not valid: ${echo}` });
    };
    const result = await run(scenario, {
      afterOutput: 'retract',
      onRequestLog: (line) => void lines.push(line),
      logPrompts: true,
    });
    expect(isApiCallError(result.error)).toBe(true);
    expect(result.retractions).toHaveLength(1);
    expect(lines).toHaveLength(3);
    expect(containsCanary(echo)).toBe(true);
    for (const value of [result.error, result.retractions, lines, setup?.fake.requests]) {
      expect(containsCanary(value)).toBe(false);
    }
  });
});
