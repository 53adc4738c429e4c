import { afterEach, describe, expect, it } from 'vitest';
import { isApiCallError } from '../../src/errors/api-call-error.js';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { isInvalidRequestError } from '../../src/errors/invalid-request-error.js';
import { CLIENT_RETRY_NOTE, RETRY_OPTIONS_REMOVED_NOTE } from '../../src/resilience/attempt-params.js';
import type { RetryEvent } from '../../src/resilience/attempt-record.js';
import { createFakeClock } from '../../src/resilience/fake-clock.js';
import type { RequestLogRecord } from '../../src/resilience/request-log.js';
import { resilientGenerateContent } from '../../src/resilience/resilient-generate.js';
import { errorReply, type Scenario, textReply } from '../../src/testing/index.js';
import { CANARY_KEY, containsCanary, type FakeSetup, rejectionOf, startFake } from './fake-setup.js';

const MODEL = 'gemini-2.5-flash';
const ANSWER = 'All good.';
const ok = () => textReply({ text: ANSWER, responseId: 'resp-42' });
/** Fail the first `failures` requests with `reply`, then answer. */
const failFirst =
  (failures: number, reply: () => ReturnType<typeof errorReply>): Scenario =>
  (_request, context) =>
    context.requestIndex < failures ? reply() : ok();

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.stop();
  setup = undefined;
});

async function call(
  scenario: Scenario,
  options: Parameters<typeof resilientGenerateContent>[2] = {},
  config = {},
) {
  setup = await startFake(scenario);
  const clock = createFakeClock();
  const promise = resilientGenerateContent(
    setup.ai.models,
    { model: MODEL, contents: 'Say hi', config },
    {
      clock,
      random: () => 0.5,
      ...options,
    },
  );
  return { promise, clock, fake: setup.fake };
}

describe('resilientGenerateContent through the real SDK', () => {
  it('waits 2 s of virtual time on a 429 with RetryInfo 2s, then succeeds', async () => {
    const { promise, clock, fake } = await call(failFirst(1, () => errorReply(429, { retryDelay: 2 })));
    const result = await promise;
    expect(result.response.text).toBe(ANSWER);
    expect(clock.sleeps).toEqual([2000]);
    expect(clock.now()).toBe(2000);
    expect(fake.requests).toHaveLength(2);
    expect(result.attempts.map((attempt) => attempt.classification?.httpStatus)).toEqual([429, undefined]);
  });

  it('retries 503 twice, then succeeds', async () => {
    const { promise, fake } = await call(failFirst(2, () => errorReply(503)));
    const result = await promise;
    expect(result.response.text).toBe(ANSWER);
    expect(fake.requests).toHaveLength(3);
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(['failure', 'failure', 'success']);
  });

  it('falls back to the next model after repeated 500s and records which model answered', async () => {
    const scenario: Scenario = (_request, context) =>
      context.model === 'gemini-2.5-pro' ? errorReply(500) : ok();
    setup = await startFake(scenario);
    const result = await resilientGenerateContent(
      setup.ai.models,
      { model: 'gemini-2.5-pro', contents: 'Say hi' },
      { clock: createFakeClock(), fallbackModels: ['gemini-2.5-flash'] },
    );
    expect(setup.fake.requests.map((request) => request.model)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
    ]);
    expect(result.model).toBe('gemini-2.5-flash');
    expect(result.response.text).toBe(ANSWER);
  });

  it('raises the request timeout for the attempt after a 504', async () => {
    const { promise, fake } = await call(
      failFirst(1, () => errorReply(504)),
      { timeoutMs: 10_000 },
    );
    const result = await promise;
    expect(result.attempts.map((attempt) => attempt.timeoutMs)).toEqual([10_000, 20_000]);
    // The SDK sends the per-request timeout to the server in whole seconds.
    expect(fake.requests.map((request) => request.headers['x-server-timeout'])).toEqual(['10', '20']);
  });

  it('classifies a client timeout and retries with a larger one', async () => {
    const { promise, fake } = await call(
      (_request, context) =>
        context.requestIndex === 0 ? textReply({ text: ANSWER, headersDelayMs: 2000 }) : ok(),
      { timeoutMs: 50 },
    );
    const result = await promise;
    expect(result.attempts.map((attempt) => [attempt.classification?.kind, attempt.timeoutMs])).toEqual([
      ['timeout', 50],
      [undefined, 100],
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('cuts an attempt in flight at the overall deadline', async () => {
    const { promise, fake } = await call(() => textReply({ text: ANSWER, headersDelayMs: 5000 }), {
      deadlineMs: 100,
    });
    const error = await rejectionOf(promise);
    expect(isApiCallError(error) && error.reason).toBe('deadline');
    expect(fake.requests).toHaveLength(1);
  });

  it('starts from the timeout the request itself set', async () => {
    const { promise } = await call(
      failFirst(1, () => errorReply(504)),
      {},
      { httpOptions: { timeout: 4000 } },
    );
    const result = await promise;
    expect(result.attempts.map((attempt) => attempt.timeoutMs)).toEqual([4000, 8000]);
  });

  it('leaves no timer of its own behind after retries and a final failure', async () => {
    const before = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const { promise } = await call((_request, context) => errorReply(context.requestIndex < 2 ? 503 : 404));
    await rejectionOf(promise);
    const after = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    expect(after).toBeLessThanOrEqual(before);
  });

  it.each([
    [400, undefined, 'fix-request'],
    [400, 'FAILED_PRECONDITION', 'enable-billing'],
    [403, undefined, 'fix-credentials'],
    [404, undefined, 'check-model-id'],
  ])(
    'makes exactly one request on %i %s and throws a typed error with the action',
    async (status, apiStatus, action) => {
      const { promise, fake } = await call(() =>
        errorReply(status, apiStatus === undefined ? {} : { apiStatus }),
      );
      const error = await rejectionOf(promise);
      expect(fake.requests).toHaveLength(1);
      expect(isApiCallError(error)).toBe(true);
      if (!isApiCallError(error)) return;
      expect(error.code).toBe('API_CALL_FAILED');
      expect(error.reason).toBe('not-retryable');
      expect(error.classification).toMatchObject({ httpStatus: status, action, retryable: false });
      expect(error.message).toContain(error.classification.advice);
    },
  );

  it('says what to do about a leaked key', async () => {
    const message = 'Your API key was reported as leaked. Please use another API key.';
    const { promise } = await call(() => errorReply(403, { message }));
    const error = await rejectionOf(promise);
    expect(isApiCallError(error) && error.classification.keyLeaked).toBe(true);
    expect(isApiCallError(error) && error.message).toMatch(/create a new key/i);
  });

  it('retries a dropped connection', async () => {
    const { promise, fake } = await call((_request, context) =>
      context.requestIndex === 0 ? textReply({ text: ANSWER, dropAfterChunks: 0 }) : ok(),
    );
    const result = await promise;
    expect(fake.requests).toHaveLength(2);
    expect(result.attempts[0]?.classification?.kind).toBe('connection');
  });

  it("removes the request's retryOptions so the SDK does not retry as well, and says so", async () => {
    const { promise, fake } = await call(
      () => errorReply(500),
      { maxRetries: 0 },
      { httpOptions: { retryOptions: { attempts: 5 } } },
    );
    const error = await rejectionOf(promise);
    expect(fake.requests).toHaveLength(1);
    expect(isApiCallError(error) && error.notes).toEqual([RETRY_OPTIONS_REMOVED_NOTE]);
  });

  it('notes a client built with retryOptions', async () => {
    setup = await startFake(() => ok(), { retryOptions: { attempts: 2 } });
    const result = await resilientGenerateContent(setup.ai.models, { model: MODEL, contents: 'hi' });
    expect(result.notes).toEqual([CLIENT_RETRY_NOTE]);
  });

  it('returns at once when aborted during a long backoff', async () => {
    setup = await startFake(() => errorReply(429, { retryDelay: 3600 }));
    const controller = new AbortController();
    const error = await rejectionOf(
      resilientGenerateContent(
        setup.ai.models,
        { model: MODEL, contents: 'hi' },
        {
          signal: controller.signal,
          maxServerDelayMs: 3_600_000,
          deadlineMs: 7_200_000,
          // Abort once the (real, hour-long) wait has begun.
          onRetry: () => void setTimeout(() => controller.abort(), 5),
        },
      ),
    );
    expect(isCallAbortedError(error)).toBe(true);
    expect(setup.fake.requests).toHaveLength(1);
  });

  it("honours the request's own config.abortSignal during a backoff", async () => {
    setup = await startFake(() => errorReply(503));
    const controller = new AbortController();
    const clock = createFakeClock({ onSleep: () => controller.abort() });
    const error = await rejectionOf(
      resilientGenerateContent(
        setup.ai.models,
        { model: MODEL, contents: 'hi', config: { abortSignal: controller.signal } },
        { clock },
      ),
    );
    expect(isCallAbortedError(error)).toBe(true);
    expect(clock.now()).toBe(0);
  });

  it('logs status, time, model, SDK version and request id per attempt, without the prompt by default', async () => {
    const lines: RequestLogRecord[] = [];
    const { promise } = await call(
      failFirst(1, () => errorReply(429)),
      { onRequestLog: (line) => lines.push(line) },
    );
    await promise;
    expect(
      lines.map((line) => [line.attempt, line.outcome, line.httpStatus, line.apiStatus, line.model]),
    ).toEqual([
      [1, 'failure', 429, 'RESOURCE_EXHAUSTED', MODEL],
      [2, 'success', 200, undefined, MODEL],
    ]);
    expect(lines[1]?.requestId).toBe('resp-42');
    expect(lines.every((line) => line.sdkVersion === '3.1.0' && !('prompt' in line))).toBe(true);
    expect(lines[0]?.time).toBe(new Date(0).toISOString());
  });

  it('puts the prompt in the log only when asked', async () => {
    const lines: RequestLogRecord[] = [];
    const { promise } = await call(() => ok(), {
      onRequestLog: (line) => lines.push(line),
      logPrompts: true,
    });
    await promise;
    expect(lines[0]?.prompt).toBe('Say hi');
  });
});

describe('bad input', () => {
  it.each([null, {}, { model: '', contents: 'x' }, { model: 7, contents: 'x' }])(
    'rejects the request %j with InvalidRequestError before any request',
    async (params) => {
      const models = { generateContent: () => Promise.reject(new Error('must not be called')) };
      const error = await rejectionOf(resilientGenerateContent(models, params as never));
      expect(isInvalidRequestError(error) && error.issues[0]?.code).toBe('model-missing');
    },
  );

  it('turns a models object that is not an SDK client into a typed error', async () => {
    const error = await rejectionOf(resilientGenerateContent({} as never, { model: MODEL, contents: 'x' }));
    expect(isApiCallError(error) && error.classification).toMatchObject({
      kind: 'unknown',
      retryable: false,
    });
  });
});

describe('the canary key', () => {
  /** A misbehaving server (or proxy) that echoes the key back in every form it could take. */
  const ECHO = `key=${CANARY_KEY} x-goog-api-key: ${CANARY_KEY} raw ${CANARY_KEY}`;

  it('appears in no error, cause, attempt, retry event, log line or recorded request', async () => {
    const events: RetryEvent[] = [];
    const lines: RequestLogRecord[] = [];
    setup = await startFake((_request, context) =>
      context.requestIndex === 0
        ? errorReply(503, { message: `overloaded ${ECHO}` })
        : errorReply(400, { message: `API key not valid ${ECHO}` }),
    );
    const error = await rejectionOf(
      resilientGenerateContent(
        setup.ai.models,
        { model: MODEL, contents: 'hi' },
        {
          clock: createFakeClock(),
          onRetry: (event) => void events.push(event),
          onRequestLog: (line) => void lines.push(line),
          logPrompts: true,
        },
      ),
    );
    expect(isApiCallError(error)).toBe(true);
    expect(events).toHaveLength(1);
    expect(lines).toHaveLength(2);
    // The check itself must be able to fail: the server really did send the key back.
    expect(containsCanary(ECHO)).toBe(true);
    for (const value of [error, events, lines, setup.fake.requests])
      expect(containsCanary(value)).toBe(false);
  });

  it('appears in no result or log line of a successful call, even when the prompt holds it', async () => {
    const lines: RequestLogRecord[] = [];
    setup = await startFake((_request, context) =>
      context.requestIndex === 0 ? errorReply(429, { message: ECHO }) : ok(),
    );
    const result = await resilientGenerateContent(
      setup.ai.models,
      { model: MODEL, contents: `Debug this: GEMINI_API_KEY=${CANARY_KEY}` },
      { clock: createFakeClock(), onRequestLog: (line) => void lines.push(line), logPrompts: true },
    );
    expect(lines[1]?.prompt).toContain('[REDACTED]');
    for (const value of [result.attempts, result.notes, result.model, lines])
      expect(containsCanary(value)).toBe(false);
  });

  it('is scrubbed from a network error whose cause chain quotes it', async () => {
    setup = await startFake(() => ok());
    const real = setup.ai.models as unknown as { apiClient: unknown };
    // An HTTP layer that puts the key in its error (as some proxies and agents do); the key is
    // found through the client the models object belongs to.
    const leaky = Object.assign(new Error(`socket hang up after sending ${CANARY_KEY}`), {
      code: 'ECONNRESET',
    });
    const models = {
      apiClient: real.apiClient,
      generateContent: () => Promise.reject(new TypeError('fetch failed', { cause: leaky })),
    };
    const error = await rejectionOf(
      resilientGenerateContent(
        models,
        { model: MODEL, contents: 'x' },
        { clock: createFakeClock(), maxRetries: 1 },
      ),
    );
    expect(containsCanary(leaky)).toBe(true);
    expect(isApiCallError(error) && error.classification.kind).toBe('connection');
    expect(isApiCallError(error) && error.attempts).toHaveLength(2);
    expect(containsCanary(error)).toBe(false);
  });
});
