import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFinishOtherDetector } from '../../detectors/finish-other.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { FinishEvent } from '../../src/events.js';
import { inspectResponse } from '../../src/inspect.js';
import { feedTextThen } from '../support/response-dumps.js';

const finish = (reason: string, textLength = 0): FinishEvent => ({
  type: 'finish',
  candidate: 0,
  reason,
  safetyRatings: [],
  citations: [],
  textLength,
  thoughtLength: 0,
});

describe('finish-other', () => {
  it('warns on each abnormal reason with a plain message and the fix chosen for it', () => {
    const expected: Record<string, string[]> = {
      MALFORMED_FUNCTION_CALL: ['raise-temperature'],
      UNEXPECTED_TOOL_CALL: [],
      TOO_MANY_TOOL_CALLS: ['thought-recap'],
      LANGUAGE: [],
      OTHER: [],
      MALFORMED_RESPONSE: [],
      NO_IMAGE: [],
      IMAGE_OTHER: [],
    };
    for (const [reason, remediations] of Object.entries(expected)) {
      const [finding, ...rest] = createFinishOtherDetector().push(finish(reason));
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ severity: 'warn', evidence: reason, remediations, data: { reason } });
      expect(finding?.message).toMatch(/^The model stopped early: .+; .+\.$/);
    }
  });

  it('keeps unknown reasons raw', () => {
    const [finding] = createFinishOtherDetector().push(finish('Weird_New_Reason'));
    expect(finding?.data?.reason).toBe('Weird_New_Reason');
    expect(finding?.message).toContain('Weird_New_Reason');
  });

  it('stays quiet on normal endings and on reasons the other classifiers own', () => {
    for (const reason of [
      'STOP',
      'FINISH_REASON_UNSPECIFIED',
      'CONTINUATION',
      'SAFETY',
      'SPII',
      'RECITATION',
      'MAX_TOKENS',
    ]) {
      expect(createFinishOtherDetector().push(finish(reason))).toEqual([]);
    }
  });

  it('skips the reasons it is told to ignore, in any case', () => {
    const detector = createFinishOtherDetector({ ignore: ['no_image'] });
    expect(detector.push(finish('NO_IMAGE'))).toEqual([]);
    expect(detector.push(finish('LANGUAGE'))).toHaveLength(1);
  });

  it('places the finding at the end of the text however it was split', () => {
    const text = 'Calling the tool now: ';
    const ways = feedTextThen(createFinishOtherDetector, text, (length) => [
      finish('MALFORMED_FUNCTION_CALL', length),
    ]);
    const whole = ways.whole ?? [];
    expect(whole[0]).toMatchObject({ start: text.length, end: text.length });
    for (const findings of Object.values(ways)) expect(findings).toEqual(whole);
  });

  it('is not a block: a response that stopped for OTHER is a warning', () => {
    const result = inspectResponse({ candidates: [{ finishReason: 'OTHER' }] }, { only: ['finish-other'] });
    expect(result.verdict).toBe('warn');
  });

  it('rejects bad options with their path', () => {
    try {
      createFinishOtherDetector({ ignore: ['OK', ''] });
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues[0]?.path).toEqual(['ignore', 1]);
    }
  });

  it('never throws on arbitrary reasons', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (reason, length) => {
        for (const finding of createFinishOtherDetector().push(finish(reason, length))) {
          expect(finding.severity).toBe('warn');
        }
      }),
    );
  });
});
