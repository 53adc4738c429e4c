import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSafetyDetector } from '../../detectors/safety.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { FinishEvent, GuardEvent, SafetyRatingInfo } from '../../src/events.js';
import { inspectChunks, inspectResponse } from '../../src/inspect.js';
import { createInspector } from '../../src/inspector.js';
import { feedTextThen } from '../support/response-dumps.js';

const finish = (reason: string, textLength = 0, safetyRatings: SafetyRatingInfo[] = []): FinishEvent => ({
  type: 'finish',
  candidate: 0,
  reason,
  safetyRatings,
  citations: [],
  textLength,
  thoughtLength: 0,
});

const ratings: SafetyRatingInfo[] = [
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'MEDIUM' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'HIGH', blocked: true },
];

describe('safety', () => {
  it('aborts on a SAFETY finish and names the blocked category', () => {
    const [finding, ...rest] = createSafetyDetector().push(finish('SAFETY', 0, ratings));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      detector: 'safety',
      severity: 'abort',
      start: 0,
      end: 0,
      evidence: 'SAFETY: HARM_CATEGORY_SEXUALLY_EXPLICIT',
      remediations: ['review-safety'],
      data: { reason: 'SAFETY', categories: ['HARM_CATEGORY_SEXUALLY_EXPLICIT'], retract: false },
    });
    expect(finding?.message).toContain('relaxing them is your decision');
  });

  it('aborts on every reason of the safety family and on unknown kin', () => {
    for (const reason of [
      'PROHIBITED_CONTENT',
      'BLOCKLIST',
      'SPII',
      'IMAGE_SAFETY',
      'IMAGE_PROHIBITED_CONTENT',
      'VIDEO_SAFETY',
    ]) {
      const found = createSafetyDetector().push(finish(reason));
      expect(found.map((finding) => [finding.severity, finding.data?.reason])).toEqual([['abort', reason]]);
    }
  });

  it('ignores finish reasons that belong to other detectors, and other events', () => {
    const detector = createSafetyDetector();
    for (const reason of ['STOP', 'RECITATION', 'MAX_TOKENS', 'OTHER', 'CONTINUATION']) {
      expect(detector.push(finish(reason))).toEqual([]);
    }
    expect(
      detector.push({ type: 'prompt-feedback', candidate: 0, blockReason: 'SAFETY', safetyRatings: [] }),
    ).toEqual([]);
  });

  it('says the streamed text must be withdrawn, at the same offset however the text was split', () => {
    const text = 'Here is the start of an answer that the filters stopped half way, with ünïcödé and 😀.';
    const ways = feedTextThen(createSafetyDetector, text, (length) => [finish('SAFETY', length, ratings)]);
    const whole = ways.whole ?? [];
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ start: text.length, end: text.length, data: { retract: true } });
    expect(whole[0]?.message).toContain('withdrawn');
    for (const findings of Object.values(ways)) expect(findings).toEqual(whole);
  });

  it('falls back to ratings of MEDIUM or more, or to the floor asked for', () => {
    const unblocked: SafetyRatingInfo[] = ratings.map(({ blocked: _blocked, ...rest }) => rest);
    expect(createSafetyDetector().push(finish('SAFETY', 0, unblocked))[0]?.data?.categories).toEqual([
      'HARM_CATEGORY_HARASSMENT',
      'HARM_CATEGORY_SEXUALLY_EXPLICIT',
    ]);
    const high = createSafetyDetector({ nameProbabilityAtLeast: 'HIGH' });
    expect(high.push(finish('SAFETY', 0, unblocked))[0]?.data?.categories).toEqual([
      'HARM_CATEGORY_SEXUALLY_EXPLICIT',
    ]);
    const bare = createSafetyDetector().push(finish('SAFETY'));
    expect(bare[0]).toMatchObject({ evidence: 'SAFETY', data: { categories: [] } });
  });

  it('reports once per candidate, again after reset', () => {
    const detector = createSafetyDetector();
    expect(detector.push(finish('SAFETY'))).toHaveLength(1);
    expect(detector.push(finish('SAFETY'))).toEqual([]);
    detector.reset();
    expect(detector.push(finish('SAFETY'))).toHaveLength(1);
  });

  it('classifies a wire response and a stream whose last chunk is blocked', () => {
    const response = { candidates: [{ finishReason: 'SAFETY', safetyRatings: ratings }] };
    expect(inspectResponse(response, { only: ['safety'] }).abortedBy?.detector).toBe('safety');
    const chunks = [
      { candidates: [{ content: { parts: [{ text: 'Once upon' }] } }] },
      {
        candidates: [
          { content: { parts: [{ text: ' a time' }] }, finishReason: 'SAFETY', safetyRatings: ratings },
        ],
      },
    ];
    const result = inspectChunks(chunks, { only: ['safety'] });
    expect(result.verdict).toBe('blocked');
    expect(result.findings[0]).toMatchObject({ start: 16, data: { retract: true } });
  });

  it('rejects bad options with their path', () => {
    try {
      createInspector({ detectors: { safety: { nameProbabilityAtLeast: 'SOMETIMES' } }, only: ['safety'] });
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues.map((issue) => issue.path)).toEqual([
        ['detectors', 'safety', 'nameProbabilityAtLeast'],
      ]);
    }
    expect(() => createSafetyDetector({ extra: 1 } as never)).toThrow(/extra/);
  });

  it('never throws on arbitrary finish events', () => {
    const rating = fc.record(
      { category: fc.string(), probability: fc.string(), blocked: fc.boolean() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.string(), fc.array(rating), fc.nat(), (reason, list, textLength) => {
        const event: GuardEvent = finish(reason, textLength, list);
        for (const finding of createSafetyDetector().push(event)) expect(finding.severity).toBe('abort');
      }),
    );
  });
});
