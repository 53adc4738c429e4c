import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { isGuardExhaustedError } from '../../src/errors/guard-exhausted-error.js';
import { guard } from '../../src/guard/guard.js';
import { RETRY_OPTIONS_REMOVED_NOTE } from '../../src/resilience/attempt-params.js';
import { errorReply, textReply } from '../../src/testing/reply-builders.js';
import { tableHyphensScenario } from '../../src/testing/scenarios/index.js';
import type { FakeGemini } from '../../src/testing/types.js';
import { rejectionOf, watch, withFake } from './support.js';

/** A scenario that stays degenerate whatever the request carries. */
const alwaysRunaway = () => tableHyphensScenario.create({ residualRate: 1 });

/** Resolve once the server has received `count` requests (polls; no timing is asserted). */
async function requestsReceived(fake: FakeGemini, count: number): Promise<void> {
  while (fake.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the attempt bound', () => {
  it('stops after maxAttempts and returns the best attempt marked degraded', async () => {
    await withFake({ scenario: alwaysRunaway() }, async (fake, ai) => {
      const result = await guard(ai, { maxAttempts: 2 }).generate(tableHyphensScenario.request());
      expect(fake.requests).toHaveLength(2);
      expect(result).toMatchObject({ ok: false, degraded: true, stopReason: 'max-attempts', chosen: 2 });
      expect(result.text).toBe('| Planet | Moons |\n');
      expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(['rejected', 'rejected']);
    });
  });

  it('throws one GuardExhaustedError holding every attempt when asked to', async () => {
    await withFake({ scenario: alwaysRunaway() }, async (_fake, ai) => {
      const error = await rejectionOf(
        guard(ai, { maxAttempts: 3, onExhausted: 'throw' }).generate(tableHyphensScenario.request()),
      );
      expect(isGuardExhaustedError(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'max-attempts', best: { attempt: 3 } });
      expect((error as { attempts: unknown[] }).attempts).toHaveLength(3);
      expect((error as Error).message).toMatch(/table-hyphens/);
    });
  });

  it('calls onAttempt once per attempt with its record, in order', async () => {
    await withFake({ scenario: alwaysRunaway() }, async (_fake, ai) => {
      const seen: number[] = [];
      await guard(ai, { maxAttempts: 3, onAttempt: (attempt) => void seen.push(attempt.attempt) }).generate(
        tableHyphensScenario.request(),
      );
      expect(seen).toEqual([1, 2, 3]);
    });
  });
});

describe('the output-token budget', () => {
  it('caps each attempt to what is left and stops re-asking once it is spent', async () => {
    await withFake({ scenario: alwaysRunaway() }, async (fake, ai) => {
      const { result } = await watch(
        guard(ai, { tokenBudget: 300, maxAttempts: 5 }).stream(tableHyphensScenario.request()),
      );
      const caps = fake.requests.map(
        (request) => (request.body.generationConfig as { maxOutputTokens: number }).maxOutputTokens,
      );
      expect(caps[0]).toBe(300);
      expect(caps[1]).toBe(300 - (result.attempts[0]?.tokens.output ?? 0));
      expect(result.stopReason).toBe('token-budget');
      expect(result.totals.outputTokens).toBeGreaterThanOrEqual(300);
      expect(result.attempts.length).toBeLessThan(5);
    });
  });
});

describe('an AbortSignal', () => {
  it('cancels mid-attempt: the call rejects with CallAbortedError and the server sees the disconnect', async () => {
    const slow = () => textReply({ text: 'word '.repeat(400), chunkSize: 8, chunkDelayMs: 20 });
    await withFake({ scenario: slow }, async (fake, ai) => {
      const controller = new AbortController();
      const events = guard(ai, { signal: controller.signal, holdbackChars: 0 }).stream({
        model: 'gemini-2.5-flash',
        contents: 'Talk.',
      });
      let next = await events.next();
      while (!(next.done === false && next.value.type === 'chunk')) next = await events.next();
      controller.abort();
      const error = await rejectionOf(
        (async () => {
          while (!(await events.next()).done) {}
        })(),
      );
      expect(isCallAbortedError(error)).toBe(true);
      await fake.settled();
      expect(fake.requests[0]?.clientDisconnected).toBe(true);
    });
  });

  it('cancels mid-wait: a retry wait after a 429 ends at once and nothing more is sent', async () => {
    const limited = () => errorReply(429, { retryDelay: 30 });
    await withFake({ scenario: limited }, async (fake, ai) => {
      const controller = new AbortController();
      const pending = guard(ai, { signal: controller.signal }).generate({
        model: 'gemini-2.5-flash',
        contents: 'x',
      });
      await requestsReceived(fake, 1);
      await fake.settled();
      controller.abort();
      const error = await rejectionOf(pending);
      expect(isCallAbortedError(error)).toBe(true);
      expect(fake.requests).toHaveLength(1);
    });
  });

  it("honours the request's own config.abortSignal between attempts", async () => {
    await withFake({ scenario: alwaysRunaway() }, async (fake, ai) => {
      const controller = new AbortController();
      const guarded = guard(ai, { onAttempt: () => controller.abort() });
      const request = tableHyphensScenario.request();
      const error = await rejectionOf(
        guarded.generate({ ...request, config: { ...request.config, abortSignal: controller.signal } }),
      );
      expect(isCallAbortedError(error)).toBe(true);
      expect(fake.requests).toHaveLength(1);
    });
  });
});

describe('transport errors inside an attempt', () => {
  it('are retried by the resilience layer without counting as a guard attempt', async () => {
    const flaky = (_request: unknown, context: { attempt: number }) =>
      context.attempt === 1 ? errorReply(503) : textReply({ text: 'Fine.' });
    await withFake({ scenario: flaky }, async (fake, ai) => {
      const result = await guard(ai, { retry: { initialDelayMs: 0, maxDelayMs: 0 } }).generate({
        model: 'gemini-2.5-flash',
        contents: 'x',
      });
      expect(result).toMatchObject({ ok: true, chosen: 1, text: 'Fine.' });
      expect(result.attempts[0]?.transport.map((record) => record.outcome)).toEqual(['failure', 'success']);
      expect(result.totals.requests).toBe(2);
      expect(fake.requests).toHaveLength(2);
    });
  });
});

describe('attempt records', () => {
  it('hold the request as sent, with automatic continuation off and no key anywhere', async () => {
    const key = `AIza${'k'.repeat(35)}`;
    await withFake({ scenario: alwaysRunaway() }, async (fake) => {
      const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: fake.baseUrl } });
      const request = tableHyphensScenario.request();
      const result = await guard(ai, { maxAttempts: 2 }).generate({
        ...request,
        contents: `My key is ${key}; never repeat it.`,
        config: {
          ...request.config,
          httpOptions: { headers: { 'x-goog-api-key': key }, retryOptions: { attempts: 3 } },
        },
      });
      const recorded = result.attempts[0]?.request;
      expect(recorded?.config.automaticContinuation).toBe(false);
      expect(recorded?.config.httpOptions).toBeUndefined();
      expect(result.notes).toContain(RETRY_OPTIONS_REMOVED_NOTE);
      expect(JSON.stringify(result)).not.toContain(key);
      expect(JSON.stringify(result.attempts)).toContain('[REDACTED]');
      expect(fake.requests).toHaveLength(2);
    });
  });
});
