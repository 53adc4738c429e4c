import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPromptBlockedDetector } from '../../detectors/prompt-blocked.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { PromptFeedbackEvent, SafetyRatingInfo } from '../../src/events.js';
import { inspectResponse } from '../../src/inspect.js';

const feedback = (
  blockReason: string | undefined,
  safetyRatings: SafetyRatingInfo[] = [],
): PromptFeedbackEvent => ({
  type: 'prompt-feedback',
  candidate: 0,
  safetyRatings,
  ...(blockReason === undefined ? {} : { blockReason }),
});

describe('prompt-blocked', () => {
  it('treats OTHER as terms of service or unsupported: do not retry, nothing else', () => {
    const [finding] = createPromptBlockedDetector().push(feedback('OTHER'));
    expect(finding).toMatchObject({
      detector: 'prompt-blocked',
      severity: 'abort',
      start: 0,
      end: 0,
      evidence: 'OTHER',
      remediations: ['do-not-retry'],
      data: { reason: 'OTHER', retryable: false, terminal: true },
    });
    expect(finding?.message).toContain('terms of service');
  });

  it('treats JAILBREAK, MODEL_ARMOR and unknown reasons the same way', () => {
    for (const reason of ['JAILBREAK', 'MODEL_ARMOR', 'BRAND_NEW_REASON']) {
      const [finding] = createPromptBlockedDetector().push(feedback(reason));
      expect(finding?.remediations).toEqual(['do-not-retry']);
      expect(finding?.data).toMatchObject({ reason, retryable: false });
    }
  });

  it('asks for a safety review of the prompt for safety reasons, naming the categories', () => {
    const ratings = [
      { category: 'HARM_CATEGORY_HARASSMENT', probability: 'MEDIUM' },
      { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'LOW' },
    ];
    for (const reason of ['SAFETY', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY']) {
      const [finding] = createPromptBlockedDetector().push(feedback(reason, ratings));
      expect(finding).toMatchObject({
        remediations: ['review-safety'],
        evidence: `${reason}: HARM_CATEGORY_HARASSMENT`,
        data: { reason, categories: ['HARM_CATEGORY_HARASSMENT'], retryable: false, terminal: false },
      });
    }
  });

  it('ignores feedback without a real block reason', () => {
    for (const reason of [undefined, '', 'BLOCKED_REASON_UNSPECIFIED', 'BLOCK_REASON_UNSPECIFIED']) {
      expect(createPromptBlockedDetector().push(feedback(reason))).toEqual([]);
    }
  });

  it('reports once, again after reset', () => {
    const detector = createPromptBlockedDetector();
    expect(detector.push(feedback('SAFETY'))).toHaveLength(1);
    expect(detector.push(feedback('OTHER'))).toEqual([]);
    detector.reset();
    expect(detector.push(feedback('OTHER'))).toHaveLength(1);
  });

  it('classifies a blocked wire response with no candidates', () => {
    const response = {
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 8 },
    };
    const result = inspectResponse(response, { only: ['prompt-blocked'] });
    expect(result.verdict).toBe('blocked');
    expect(result.abortedBy?.data?.reason).toBe('PROHIBITED_CONTENT');
  });

  it('rejects bad options with their path', () => {
    try {
      createPromptBlockedDetector({ nameProbabilityAtLeast: 'low' } as never);
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues[0]?.path).toEqual(['nameProbabilityAtLeast']);
    }
  });

  it('never throws on arbitrary block reasons and ratings', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.record({ category: fc.string(), blocked: fc.boolean() })),
        (reason, ratings) => {
          for (const finding of createPromptBlockedDetector().push(feedback(reason, ratings))) {
            expect(finding.data?.retryable).toBe(false);
          }
        },
      ),
    );
  });
});
