import { describe, expect, it } from 'vitest';
import { guard, guardResultOf } from '../../src/guard/guard.js';
import type { GuardAttempt } from '../../src/guard/guard-types.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { systemInstructionText } from '../../src/remediation/system-instruction.js';
import { type FailureMode, failureScenario, wireTemperature } from '../../src/testing/scenarios/index.js';
import { watch, withFake } from './support.js';

const GEMINI_25 = 'gemini-2.5-flash';
const GEMINI_3 = 'gemini-3-flash-preview';

/** What the second attempt's record must show was applied, per failure mode. */
const APPLIED: Record<string, (second: GuardAttempt) => void> = {
  'table-hyphens': (second) => {
    expect(second.plan?.snippets.map((snippet) => snippet.id)).toContain('table-format');
    expect(systemInstructionText(second.request.config.systemInstruction)).toContain(
      DEFAULT_SNIPPETS['table-format'],
    );
  },
  'table-padding': (second) => {
    expect(systemInstructionText(second.request.config.systemInstruction)).toContain(
      DEFAULT_SNIPPETS['table-heading-pipe'],
    );
  },
  'newline-flood': (second) => {
    expect(second.plan?.rewrites.map((rewrite) => rewrite.id)).toEqual(['rewrite-escapes']);
    expect(JSON.stringify(second.request.contents)).toContain('Café Martín');
    expect(JSON.stringify(second.request.contents)).not.toContain('\\\\u00e9');
    expect(systemInstructionText(second.request.config.systemInstruction)).toContain(
      DEFAULT_SNIPPETS['escape-policy'],
    );
  },
  'schema-order': (second) => {
    expect(second.request.config.responseSchema).toMatchObject({
      required: ['title', 'summary', 'tags'],
      propertyOrdering: ['title', 'summary', 'tags'],
    });
    expect(second.plan?.flags.map((flag) => flag.id)).toContain('drop-field-order-instruction');
  },
  'tool-call-loop': (second) => {
    const text = systemInstructionText(second.request.config.systemInstruction);
    expect(text.startsWith('You are a weather assistant.')).toBe(true);
    expect(text.endsWith(DEFAULT_SNIPPETS['thought-recap'])).toBe(true);
  },
  'text-loop': (second) => {
    expect(systemInstructionText(second.request.config.systemInstruction)).toContain(
      DEFAULT_SNIPPETS['no-repetition'],
    );
    expect(second.plan?.flags.map((flag) => flag.id)).toContain('drop-thinking-instructions');
  },
};

const REPETITION_MODES = Object.keys(APPLIED) as FailureMode[];

describe.each([GEMINI_25, GEMINI_3])('a guarded stream on %s', (model) => {
  it.each(REPETITION_MODES)(
    '%s: attempt 1 is cut off early, attempt 2 carries the remedy on the wire and comes back clean',
    async (mode) => {
      const scenario = failureScenario(mode);
      await withFake({ scenario: scenario.create() }, async (fake, ai) => {
        const { result, display } = await watch(guard(ai).stream(scenario.request(model)));
        await fake.settled();
        expect(result).toMatchObject({ ok: true, degraded: false, stopReason: 'accepted', chosen: 2 });
        expect(display).toBe(result.text);
        const [first, second] = result.attempts as [GuardAttempt, GuardAttempt];
        expect(first.outcome).toBe('rejected');
        expect(first.aborted?.finding.severity).toBe('abort');
        expect(first.tokens.saved).toBeGreaterThan(0);
        const [sent1, sent2] = fake.requests;
        expect(fake.requests).toHaveLength(2);
        expect(sent1?.clientDisconnected).toBe(true);
        expect(sent1?.chunksSent).toBeLessThan(sent1?.chunksPlanned ?? 0);
        expect(first.aborted?.chunks).toBeLessThanOrEqual(sent1?.chunksSent ?? 0);
        expect(scenario.isRemedied(sent1?.body ?? {}, model)).toBe(false);
        expect(scenario.isRemedied(sent2?.body ?? {}, model)).toBe(true);
        expect(second).toMatchObject({ outcome: 'accepted', verdict: 'clean', aborted: undefined });
        APPLIED[mode]?.(second);
        const temperature = wireTemperature(sent2?.body ?? {});
        if (model === GEMINI_3) {
          expect(wireTemperature(sent1?.body ?? {}) ?? 1).toBe(1);
          expect(temperature ?? 1).toBe(1);
        } else {
          expect(temperature ?? 1).toBeGreaterThanOrEqual(0.8);
        }
      });
    },
  );
});

describe('a guarded generateContent on gemini-2.5-flash', () => {
  it.each(REPETITION_MODES)('%s: the second attempt is clean and the record explains it', async (mode) => {
    const scenario = failureScenario(mode);
    await withFake({ scenario: scenario.create() }, async (fake, ai) => {
      const response = await guard(ai).models.generateContent(scenario.request(GEMINI_25));
      const result = guardResultOf(response);
      expect(result).toMatchObject({ ok: true, chosen: 2 });
      expect(response.candidates?.[0]?.finishReason).toBe('STOP');
      expect(fake.requests.map((request) => request.stream)).toEqual([false, false]);
      expect(scenario.isRemedied(fake.requests[1]?.body ?? {}, GEMINI_25)).toBe(true);
      expect(result?.attempts[0]?.verdict).toBe('degenerate');
      APPLIED[mode]?.(result?.attempts[1] as GuardAttempt);
    });
  });
});
