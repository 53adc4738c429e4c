import { BlockedReason, FinishReason } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_REASONS,
  classifyBlockReason,
  classifyFinishReason,
  FINISH_REASONS,
  namedCategories,
} from '../../detectors/finish-reasons.js';
import { isRemediationId } from '../../src/remediation-ids.js';

describe('finish reason table', () => {
  it('knows every finish reason of the installed SDK', () => {
    for (const reason of Object.values(FinishReason)) expect(Object.keys(FINISH_REASONS)).toContain(reason);
  });

  it('knows every block reason of the installed SDK and the wire spelling of the zero value', () => {
    for (const reason of Object.values(BlockedReason)) expect(Object.keys(BLOCK_REASONS)).toContain(reason);
    expect(classifyBlockReason('BLOCK_REASON_UNSPECIFIED').class).toBe('none');
  });

  it('names only known remediation ids', () => {
    for (const info of [...Object.values(FINISH_REASONS), ...Object.values(BLOCK_REASONS)]) {
      for (const id of info.remediations) expect(isRemediationId(id)).toBe(true);
    }
  });

  it('puts each reason with the detector the issue assigns it to', () => {
    const classes = (reasons: string[]) => reasons.map((reason) => classifyFinishReason(reason).class);
    expect(classes(['STOP', 'FINISH_REASON_UNSPECIFIED', 'CONTINUATION'])).toEqual([
      'normal',
      'normal',
      'normal',
    ]);
    expect(
      classes([
        'SAFETY',
        'PROHIBITED_CONTENT',
        'BLOCKLIST',
        'SPII',
        'IMAGE_SAFETY',
        'IMAGE_PROHIBITED_CONTENT',
      ]),
    ).toEqual(Array(6).fill('safety'));
    expect(classes(['RECITATION', 'IMAGE_RECITATION'])).toEqual(['recitation', 'recitation']);
    expect(classes(['MAX_TOKENS'])).toEqual(['max-tokens']);
    const others = [
      'MALFORMED_FUNCTION_CALL',
      'UNEXPECTED_TOOL_CALL',
      'TOO_MANY_TOOL_CALLS',
      'LANGUAGE',
      'OTHER',
    ];
    expect(classes([...others, 'MALFORMED_RESPONSE', 'NO_IMAGE', 'IMAGE_OTHER'])).toEqual(
      Array(8).fill('other'),
    );
  });

  it('sends unknown reasons to the family their name carries, else to other, keeping them raw', () => {
    expect(classifyFinishReason('VIDEO_SAFETY').class).toBe('safety');
    expect(classifyFinishReason('AUDIO_RECITATION').class).toBe('recitation');
    const unknown = classifyFinishReason('SOMETHING_NEW');
    expect(unknown.class).toBe('other');
    expect(unknown.what).toContain('SOMETHING_NEW');
    expect(classifyFinishReason('stop').class).toBe('normal');
    expect(classifyFinishReason('__proto__').class).toBe('other');
  });

  it('treats OTHER, JAILBREAK, MODEL_ARMOR and unknown block reasons as terminal', () => {
    for (const reason of ['OTHER', 'JAILBREAK', 'MODEL_ARMOR', 'NEW_REASON']) {
      expect(classifyBlockReason(reason)).toMatchObject({
        class: 'terminal',
        remediations: ['do-not-retry'],
      });
    }
    for (const reason of ['SAFETY', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY']) {
      expect(classifyBlockReason(reason)).toMatchObject({ class: 'safety', remediations: ['review-safety'] });
    }
    expect(classifyBlockReason('  ').class).toBe('none');
  });
});

describe('namedCategories', () => {
  const ratings = [
    { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'LOW' },
    { category: 'HARM_CATEGORY_HARASSMENT', probability: 'MEDIUM' },
    { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' },
  ];

  it('names the blocked categories when a rating says blocked', () => {
    const withBlocked = [
      ...ratings,
      { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'LOW', blocked: true },
    ];
    expect(namedCategories(withBlocked)).toEqual(['HARM_CATEGORY_SEXUALLY_EXPLICIT']);
  });

  it('falls back to MEDIUM and HIGH ratings, or the floor asked for', () => {
    expect(namedCategories(ratings)).toEqual(['HARM_CATEGORY_HARASSMENT', 'HARM_CATEGORY_DANGEROUS_CONTENT']);
    expect(namedCategories(ratings, 'HIGH')).toEqual(['HARM_CATEGORY_DANGEROUS_CONTENT']);
    expect(namedCategories(ratings, 'LOW')).toHaveLength(3);
    expect(namedCategories([{ probability: 'HIGH' }])).toEqual(['HARM_CATEGORY_UNSPECIFIED']);
  });

  it('caps and deduplicates what it names', () => {
    const many = Array.from({ length: 100 }, (_, index) => ({ category: `C${index % 40}`, blocked: true }));
    expect(namedCategories(many)).toHaveLength(16);
    expect(
      namedCategories([
        { category: 'A', blocked: true },
        { category: 'A', blocked: true },
      ]),
    ).toEqual(['A']);
  });
});
