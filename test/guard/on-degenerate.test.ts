import { describe, expect, it } from 'vitest';
import { isGuardExhaustedError } from '../../src/errors/guard-exhausted-error.js';
import { guard } from '../../src/guard/guard.js';
import { safetyScenario, tableHyphensScenario, textLoopScenario } from '../../src/testing/scenarios/index.js';
import { rejectionOf, watch, withFake } from './support.js';

describe('onDegenerate', () => {
  it("'repair' repairs the degenerate text instead of asking again", async () => {
    await withFake({ scenario: tableHyphensScenario.create() }, async (fake, ai) => {
      const { result, display } = await watch(
        guard(ai, { onDegenerate: 'repair' }).stream(tableHyphensScenario.request()),
      );
      expect(fake.requests).toHaveLength(1);
      expect(result).toMatchObject({
        stopReason: 'repaired',
        chosen: 1,
        ok: true,
        text: '| Planet | Moons |\n|---|',
      });
      expect(result.attempts[0]?.outcome).toBe('repaired');
      expect(result.attempts[0]?.repair?.edits[0]?.kind).toBe('collapse-separator');
      expect(result.response.text).toBe(result.text);
      expect(display).toBe(result.text);
    });
  });

  it("'repair-then-reask' keeps a repair that inspects clean", async () => {
    await withFake({ scenario: textLoopScenario.create() }, async (fake, ai) => {
      const result = await guard(ai, { onDegenerate: 'repair-then-reask' }).generate(
        textLoopScenario.request(),
      );
      expect(fake.requests).toHaveLength(1);
      expect(result).toMatchObject({ stopReason: 'repaired', ok: true });
      expect(result.text).toBe(
        'The key insight is that the cache must be invalidated whenever the source changes.',
      );
    });
  });

  it("'repair-then-reask' asks again when there is nothing to repair", async () => {
    await withFake({ scenario: safetyScenario.create() }, async (fake, ai) => {
      const result = await guard(ai, {
        onDegenerate: 'repair-then-reask',
        safetyPolicy: {
          settings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_NONE' }] as never,
        },
      }).generate(safetyScenario.request());
      expect(fake.requests).toHaveLength(2);
      expect(result).toMatchObject({ ok: true, chosen: 2 });
    });
  });

  it("'report' lets the stream run to its end and returns it with its findings", async () => {
    await withFake({ scenario: tableHyphensScenario.create() }, async (fake, ai) => {
      const { result } = await watch(
        guard(ai, { onDegenerate: 'report' }).stream(tableHyphensScenario.request()),
      );
      await fake.settled();
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]?.clientDisconnected).toBe(false);
      expect(result).toMatchObject({ stopReason: 'reported', degraded: true, ok: false });
      expect(result.attempts[0]?.aborted).toBeUndefined();
      expect(result.findings.some((each) => each.detector === 'table-hyphens')).toBe(true);
      expect(result.text.length).toBeGreaterThan(4000);
    });
  });

  it("'throw' throws GuardExhaustedError at the first degenerate attempt", async () => {
    await withFake({ scenario: tableHyphensScenario.create() }, async (fake, ai) => {
      const error = await rejectionOf(
        guard(ai, { onDegenerate: 'throw' }).generate(tableHyphensScenario.request()),
      );
      expect(isGuardExhaustedError(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'degenerate' });
      expect(fake.requests).toHaveLength(1);
    });
  });
});
