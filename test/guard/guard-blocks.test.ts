import { describe, expect, it } from 'vitest';
import { isGuardExhaustedError } from '../../src/errors/guard-exhausted-error.js';
import { guard } from '../../src/guard/guard.js';
import {
  promptBlockedScenario,
  RECITATION_SCENARIO_TEMPERATURE,
  recitationScenario,
  SAFETY_SCENARIO_CATEGORY,
  safetyScenario,
  wireTemperature,
} from '../../src/testing/scenarios/index.js';
import { rejectionOf, watch, withFake } from './support.js';

const RELAXED = [{ category: SAFETY_SCENARIO_CATEGORY, threshold: 'BLOCK_ONLY_HIGH' }] as never[];

describe('safety blocks', () => {
  it('are not re-asked by default, and the partial text shown is retracted', async () => {
    await withFake({ scenario: safetyScenario.create() }, async (fake, ai) => {
      const { result, events, display, states } = await watch(
        guard(ai, { holdbackChars: 0 }).stream(safetyScenario.request()),
      );
      expect(fake.requests).toHaveLength(1);
      expect(result).toMatchObject({
        ok: false,
        degraded: true,
        stopReason: 'needs-safety-policy',
        text: '',
      });
      expect(result.attempts[0]?.request.config.safetySettings).toBeUndefined();
      expect(states.some((state) => state.length > 0)).toBe(true);
      expect(events.filter((event) => event.type === 'retract')).toMatchObject([
        { cause: 'blocked', keep: 0 },
      ]);
      expect(display).toBe('');
    });
  });

  it('throw GuardExhaustedError when the caller asks for errors instead of degraded results', async () => {
    await withFake({ scenario: safetyScenario.create() }, async (_fake, ai) => {
      const error = await rejectionOf(guard(ai, { onExhausted: 'throw' }).generate(safetyScenario.request()));
      expect(isGuardExhaustedError(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'needs-safety-policy', code: 'GUARD_EXHAUSTED' });
      expect((error as { attempts: unknown[] }).attempts).toHaveLength(1);
      expect((error as Error).message).toMatch(/safetyPolicy/);
    });
  });

  it("are re-asked with the caller's settings when an explicit safety policy allows it", async () => {
    await withFake({ scenario: safetyScenario.create() }, async (fake, ai) => {
      const result = await guard(ai, { safetyPolicy: { settings: RELAXED } }).generate(
        safetyScenario.request(),
      );
      expect(result).toMatchObject({ ok: true, chosen: 2 });
      expect(fake.requests[0]?.body.safetySettings).toBeUndefined();
      expect(fake.requests[1]?.body.safetySettings).toEqual([
        { category: SAFETY_SCENARIO_CATEGORY, threshold: 'BLOCK_ONLY_HIGH' },
      ]);
      expect(result.attempts[1]?.plan?.safety?.findings[0]?.detector).toBe('safety');
    });
  });
});

describe('a prompt blocked with OTHER', () => {
  it('is never re-asked, even with a safety policy and attempts to spare', async () => {
    await withFake({ scenario: promptBlockedScenario.create() }, async (fake, ai) => {
      const guarded = guard(ai, { maxAttempts: 5, safetyPolicy: { settings: RELAXED } });
      const result = await guarded.generate(promptBlockedScenario.request());
      expect(fake.requests).toHaveLength(1);
      expect(result).toMatchObject({ ok: false, stopReason: 'terminal', text: '' });
      expect(result.attempts[0]?.finishReason).toBe('BLOCKED:OTHER');
      const stream = await watch(guarded.stream(promptBlockedScenario.request()));
      expect(stream.result.stopReason).toBe('terminal');
      expect(fake.requests).toHaveLength(2);
    });
  });
});

describe('a RECITATION stop', () => {
  it('is re-asked at a higher temperature with the originality snippet', async () => {
    await withFake({ scenario: recitationScenario.create() }, async (fake, ai) => {
      const result = await guard(ai).generate({
        ...recitationScenario.request(),
        config: { temperature: 1 },
      });
      expect(result).toMatchObject({ ok: true, chosen: 2 });
      const first = wireTemperature(fake.requests[0]?.body ?? {}) ?? 0;
      const second = wireTemperature(fake.requests[1]?.body ?? {}) ?? 0;
      expect(second).toBeGreaterThan(first);
      expect(second).toBeGreaterThanOrEqual(RECITATION_SCENARIO_TEMPERATURE);
      expect(result.attempts[1]?.plan?.snippets.map((snippet) => snippet.id)).toEqual([
        'recitation-originality',
      ]);
    });
  });

  it('keeps climbing in steps while it recurs, up to the attempts allowed', async () => {
    const stubborn = recitationScenario.create({ residualRate: 1 });
    await withFake({ scenario: stubborn }, async (fake, ai) => {
      const result = await guard(ai, { maxAttempts: 4 }).generate(recitationScenario.request());
      expect(result.stopReason).toBe('max-attempts');
      const temperatures = fake.requests.map((request) => wireTemperature(request.body));
      expect(temperatures).toEqual([undefined, 1.2, 1.4, 1.6]);
    });
  });
});
