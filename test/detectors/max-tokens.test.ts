import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMaxTokensDetector } from '../../detectors/max-tokens.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { FinishEvent, GuardEvent, UsageInfo } from '../../src/events.js';
import { createInspector } from '../../src/inspector.js';
import { feedTextThen } from '../support/response-dumps.js';

const finish = (reason: string, textLength = 0, thoughtLength = 0): FinishEvent => ({
  type: 'finish',
  candidate: 0,
  reason,
  safetyRatings: [],
  citations: [],
  textLength,
  thoughtLength,
});
const usage = (info: UsageInfo): GuardEvent => ({ type: 'usage', candidate: 0, usage: info });

describe('max-tokens', () => {
  it('warns that a cut-off answer needs a bigger output budget, at the end of the text', () => {
    const text = 'The answer went on and on until the budget ran out, mid-sen';
    const ways = feedTextThen(createMaxTokensDetector, text, (length) => [
      finish('MAX_TOKENS', length),
      usage({ candidatesTokenCount: 200, thoughtsTokenCount: 0 }),
    ]);
    const whole = ways.whole ?? [];
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({
      detector: 'max-tokens',
      severity: 'warn',
      start: text.length,
      end: text.length,
      evidence: 'MAX_TOKENS',
      remediations: ['raise-output-budget'],
      data: {
        reason: 'MAX_TOKENS',
        textLength: text.length,
        onlyThoughts: false,
        empty: false,
        candidatesTokenCount: 200,
      },
    });
    expect(whole[0]?.message).toContain(`cut off after ${text.length} characters`);
    for (const findings of Object.values(ways)) expect(findings).toEqual(whole);
  });

  it('says thinking used the budget when only thought text came back', () => {
    const detector = createMaxTokensDetector();
    detector.push({ type: 'thought-delta', candidate: 0, text: 'Let me think', offset: 0 });
    expect(detector.push(finish('MAX_TOKENS', 0, 12))).toEqual([]);
    const [finding] = detector.end();
    expect(finding?.data).toMatchObject({ onlyThoughts: true, empty: false });
    expect(finding?.message).toContain('only thought text came back');
  });

  it('says nothing came back when thinking tokens ate a budget and no part arrived', () => {
    const detector = createMaxTokensDetector();
    expect(detector.push(finish('MAX_TOKENS'))).toEqual([]);
    const [finding] = detector.push(usage({ promptTokenCount: 1706, thoughtsTokenCount: 2999 }));
    expect(finding?.data).toMatchObject({ onlyThoughts: true, empty: true, thoughtsTokenCount: 2999 });
    expect(finding?.message).toContain('2999 thought tokens');
  });

  it('says nothing came back when there is neither text nor thinking', () => {
    const detector = createMaxTokensDetector();
    // held back: the usage totals that may still follow decide whether thinking used the budget
    expect(detector.push(finish('MAX_TOKENS'))).toEqual([]);
    expect(detector.end()[0]?.data).toMatchObject({ onlyThoughts: false, empty: true });
  });

  it('does not call a response with a function call empty', () => {
    const detector = createMaxTokensDetector();
    detector.push({ type: 'function-call', candidate: 0, name: 'f', args: {}, offset: 0 });
    detector.push(finish('MAX_TOKENS'));
    expect(detector.end()[0]?.data).toMatchObject({ onlyThoughts: false, empty: false });
  });

  it('gives its finding within the chunk that carried the finish and the usage', () => {
    const inspector = createInspector({ only: ['max-tokens'] });
    inspector.pushChunk({
      candidates: [{ content: { parts: [{ text: 'Partial' }] } }],
      usageMetadata: { candidatesTokenCount: 5 },
    });
    const found = inspector.pushChunk({
      candidates: [{ content: { parts: [{ text: ' answer' }] }, finishReason: 'MAX_TOKENS' }],
      usageMetadata: { candidatesTokenCount: 20, thoughtsTokenCount: 45 },
    });
    expect(found.map((finding) => finding.data?.textLength)).toEqual([14]);
    expect(inspector.end()).toEqual([]);
  });

  it('ignores other finish reasons and reports once', () => {
    const detector = createMaxTokensDetector();
    for (const reason of ['STOP', 'SAFETY', 'OTHER', 'CONTINUATION']) detector.push(finish(reason));
    expect(detector.end()).toEqual([]);
    detector.push(finish('MAX_TOKENS', 3));
    expect(detector.end()).toHaveLength(1);
    detector.push(finish('MAX_TOKENS', 3));
    expect(detector.end()).toEqual([]);
  });

  it('rejects options, since it has none', () => {
    try {
      createMaxTokensDetector({ budget: 10 } as never);
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('never throws on arbitrary finish, usage and call sequences', () => {
    const event = fc.oneof(
      fc
        .record({ reason: fc.constantFrom('MAX_TOKENS', 'STOP', 'x'), text: fc.nat(), thought: fc.nat() })
        .map(({ reason, text, thought }) => finish(reason, text, thought) as GuardEvent),
      fc
        .record({ thoughtsTokenCount: fc.nat(), candidatesTokenCount: fc.nat() }, { requiredKeys: [] })
        .map(usage),
      fc.constant({ type: 'function-call', candidate: 0, name: 'f', args: {}, offset: 0 } as GuardEvent),
    );
    fc.assert(
      fc.property(fc.array(event), (events) => {
        const detector = createMaxTokensDetector();
        const findings = [...events.flatMap((item) => detector.push(item)), ...detector.end()];
        expect(findings.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
