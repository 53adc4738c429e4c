import { describe, expect, it } from 'vitest';
import { isApiCallError } from '../../src/errors/api-call-error.js';
import { guard } from '../../src/guard/guard.js';
import type { RetractionNotice } from '../../src/guard/stream-events.js';
import { errorReply, textReply } from '../../src/testing/reply-builders.js';
import { tableHyphensScenario, textLoopScenario } from '../../src/testing/scenarios/index.js';
import { rejectionOf, watch, withFake } from './support.js';

describe('streaming to a user', () => {
  it('never shows the runaway: with the default holdback no displayed state holds a long hyphen run', async () => {
    await withFake({ scenario: tableHyphensScenario.create() }, async (_fake, ai) => {
      const { states, events, result } = await watch(guard(ai).stream(tableHyphensScenario.request()));
      expect(result.ok).toBe(true);
      expect(states.every((state) => !/-{4}/.test(state))).toBe(true);
      expect(events.some((event) => event.type === 'retract')).toBe(false);
    });
  });

  it('signals a retraction when text already shown belongs to an aborted attempt', async () => {
    await withFake({ scenario: textLoopScenario.create() }, async (_fake, ai) => {
      const { events, display, result } = await watch(
        guard(ai, { holdbackChars: 0 }).stream(textLoopScenario.request()),
      );
      const retractions = events.filter((event) => event.type === 'retract');
      expect(retractions).toHaveLength(1);
      expect(retractions[0]).toMatchObject({
        attempt: 1,
        keep: 0,
        cause: 're-ask',
        finding: { detector: 'text-loop' },
      });
      expect(retractions[0]?.retracted).toBeGreaterThan(0);
      const order = events.map((event) =>
        event.type === 'attempt' ? `attempt${event.attempt}` : event.type,
      );
      expect(order.indexOf('retract')).toBeLessThan(order.indexOf('attempt2'));
      expect(display).toBe(result.text);
      expect(result.chosen).toBe(2);
    });
  });

  it('retracts exactly what was shown: every retraction keeps the shown length minus what it takes back', async () => {
    await withFake({ scenario: textLoopScenario.create({ residualRate: 1 }) }, async (_fake, ai) => {
      const { events, display, result } = await watch(
        guard(ai, { holdbackChars: 0, maxAttempts: 3 }).stream(textLoopScenario.request()),
      );
      let shown = 0;
      for (const event of events) {
        if (event.type === 'chunk') shown += event.text.length;
        if (event.type === 'retract') {
          expect(event.keep + event.retracted).toBe(shown);
          shown = event.keep;
        }
      }
      expect(result).toMatchObject({ degraded: true, stopReason: 'max-attempts' });
      expect(display).toBe(result.text);
    });
  });

  it('restarts inspection and retracts when the connection breaks mid-stream', async () => {
    const dropping = (_request: unknown, context: { attempt: number }) =>
      context.attempt === 1
        ? textReply({ text: 'Partial answer that breaks off', chunkSize: 8, dropAfterChunks: 2 })
        : textReply({ text: 'The whole answer.', chunkSize: 8 });
    await withFake({ scenario: dropping }, async (fake, ai) => {
      const guarded = guard(ai, { holdbackChars: 0, retry: { initialDelayMs: 0, maxDelayMs: 0 } });
      const { events, display, result } = await watch(
        guarded.stream({ model: 'gemini-2.5-flash', contents: 'x' }),
      );
      expect(events.filter((event) => event.type === 'retract')).toMatchObject([
        { cause: 'transport-error', keep: 0 },
      ]);
      expect(display).toBe('The whole answer.');
      expect(result).toMatchObject({ ok: true, chosen: 1 });
      expect(result.attempts[0]?.transport.map((record) => record.outcome)).toEqual(['failure', 'success']);
      expect(fake.requests).toHaveLength(2);
    });
  });
});

describe('guarded.models.generateContentStream', () => {
  it('yields SDK chunks and awaits onRetract before the re-ask, so a display cut there ends as result.text', async () => {
    await withFake({ scenario: textLoopScenario.create() }, async (fake, ai) => {
      const notices: RetractionNotice[] = [];
      let display = '';
      const guarded = guard(ai, {
        holdbackChars: 0,
        onRetract: (notice) => {
          notices.push(notice);
          display = display.slice(0, notice.keep);
          expect(fake.requests).toHaveLength(1);
        },
      });
      const stream = await guarded.models.generateContentStream(textLoopScenario.request());
      for await (const chunk of stream) display += chunk.text ?? '';
      const result = await stream.result;
      expect(notices).toMatchObject([{ attempt: 1, keep: 0, cause: 're-ask' }]);
      expect(stream.retractions).toEqual(notices);
      expect(result.ok).toBe(true);
      expect(display).toBe(result.text);
    });
  });

  it('rejects its promise, like the SDK, when the call fails before any output', async () => {
    await withFake({ scenario: () => errorReply(400) }, async (_fake, ai) => {
      const guarded = guard(ai);
      const error = await rejectionOf(
        guarded.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' }),
      );
      expect(isApiCallError(error)).toBe(true);
    });
  });
});

describe('leaving a guarded stream early', () => {
  it('closes the request and rejects the result with an AbortError', async () => {
    const slow = () => textReply({ text: 'word '.repeat(400), chunkSize: 8, chunkDelayMs: 10 });
    await withFake({ scenario: slow }, async (fake, ai) => {
      const stream = await guard(ai, { holdbackChars: 0 }).models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'Talk.',
      });
      for await (const _chunk of stream) break;
      const error = await rejectionOf(stream.result);
      expect((error as Error).name).toBe('AbortError');
      await fake.settled();
      expect(fake.requests[0]?.clientDisconnected).toBe(true);
    });
  });
});
