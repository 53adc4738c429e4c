import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecitationDetector } from '../../detectors/recitation.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { CitationInfo, FinishEvent } from '../../src/events.js';
import { inspectChunks, inspectResponse } from '../../src/inspect.js';
import { createInspector } from '../../src/inspector.js';
import { feedTextThen } from '../support/response-dumps.js';

const finish = (reason: string, textLength = 0, citations: CitationInfo[] = []): FinishEvent => ({
  type: 'finish',
  candidate: 0,
  reason,
  safetyRatings: [],
  citations,
  textLength,
  thoughtLength: 0,
});

const citations: CitationInfo[] = [
  { startIndex: 10, endIndex: 120, uri: 'https://example.org/book', title: 'A Book' },
  { startIndex: 130, endIndex: 200 },
];

describe('recitation', () => {
  it('aborts on RECITATION with the documented fixes and the cited sources', () => {
    const [finding] = createRecitationDetector().push(finish('RECITATION', 0, citations));
    expect(finding).toMatchObject({
      detector: 'recitation',
      severity: 'abort',
      evidence: 'RECITATION',
      remediations: ['recitation-originality', 'make-prompt-unique', 'raise-temperature'],
      data: {
        reason: 'RECITATION',
        citations: [
          { uri: 'https://example.org/book', start: 10, end: 120 },
          { start: 130, end: 200 },
        ],
        retract: false,
      },
    });
    expect(finding?.message).toContain('https://example.org/book');
  });

  it('aborts on IMAGE_RECITATION too, and on nothing else', () => {
    expect(createRecitationDetector().push(finish('IMAGE_RECITATION'))).toHaveLength(1);
    for (const reason of ['STOP', 'SAFETY', 'MAX_TOKENS', 'OTHER']) {
      expect(createRecitationDetector().push(finish(reason))).toEqual([]);
    }
  });

  it('marks text already streamed for withdrawal at the same offset however it was split', () => {
    const text = 'In the beginning the text went on, word for word, as a known book does.';
    const ways = feedTextThen(createRecitationDetector, text, (length) => [
      finish('RECITATION', length, citations),
    ]);
    const whole = ways.whole ?? [];
    expect(whole[0]).toMatchObject({ start: text.length, data: { retract: true } });
    for (const findings of Object.values(ways)) expect(findings).toEqual(whole);
  });

  it('reads citations from the wire name (citationSources) and the SDK name (citations)', () => {
    const source = { startIndex: 1, endIndex: 5, uri: 'https://example.com/a' };
    const wire = {
      candidates: [{ finishReason: 'RECITATION', citationMetadata: { citationSources: [source] } }],
    };
    const sdk = { candidates: [{ finishReason: 'RECITATION', citationMetadata: { citations: [source] } }] };
    for (const response of [wire, sdk]) {
      const result = inspectResponse(response, { only: ['recitation'] });
      expect(result.findings[0]?.data?.citations).toEqual([
        { uri: 'https://example.com/a', start: 1, end: 5 },
      ]);
      expect(result.verdict).toBe('blocked');
    }
  });

  it('keeps at most twenty citations', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({ uri: `https://example.com/${index}` }));
    const [finding] = createRecitationDetector().push(finish('RECITATION', 0, many));
    expect(finding?.data?.citations).toHaveLength(20);
  });

  it('reports once per candidate and once for each candidate of a response', () => {
    const chunks = [
      {
        candidates: [
          { index: 0, finishReason: 'RECITATION' },
          { index: 1, finishReason: 'RECITATION' },
        ],
      },
      { candidates: [{ index: 0, finishReason: 'RECITATION' }] },
    ];
    const findings = inspectChunks(chunks, { only: ['recitation'] }).findings;
    expect(findings.map((finding) => finding.candidate)).toEqual([0, 1]);
  });

  it('rejects options, since it has none', () => {
    try {
      createInspector({ detectors: { recitation: { strict: true } }, only: ['recitation'] });
      expect.unreachable();
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues[0]?.path).toEqual(['detectors', 'recitation']);
      expect(error.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('never throws on arbitrary citations', () => {
    const citation = fc.record(
      { startIndex: fc.integer(), endIndex: fc.integer(), uri: fc.string(), title: fc.string() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(citation), (list) => {
        expect(createRecitationDetector().push(finish('RECITATION', 3, list))).toHaveLength(1);
      }),
    );
  });
});
