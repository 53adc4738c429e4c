import { describe, expect, it } from 'vitest';
import {
  maxTemperatureOf,
  parseModelId,
  refusesPenalties,
  thinksWith,
} from '../../src/request/model-table.js';

describe('parseModelId', () => {
  it.each([
    ['gemini-2.5-flash', 'gemini-2.5', 'flash', undefined, '2.5-flash'],
    ['models/gemini-3-pro-preview', 'gemini-3', 'pro', 'preview', '3-pro'],
    ['gemini-1.5-pro-002', 'gemini-1', 'pro', '002', '1.5-pro'],
    ['gemini-1.5-flash-8b', 'gemini-1', 'flash-8b', undefined, '1.5-flash-8b'],
    ['gemini-2.0-flash-lite-001', 'gemini-2.0', 'flash-lite', '001', '2.0-flash-lite'],
    ['gemini-2.5-flash-lite-preview-06-17', 'gemini-2.5', 'flash-lite', 'preview-06-17', '2.5-flash-lite'],
    ['gemini-2.5-pro-exp-03-25', 'gemini-2.5', 'pro', 'exp-03-25', '2.5-pro'],
    ['gemini-3.1-pro-preview-customtools', 'gemini-3', 'pro', 'preview-customtools', '3.1-pro'],
    ['gemini-3.5-flash', 'gemini-3', 'flash', undefined, '3.5-flash'],
    ['GEMINI-2.5-FLASH', 'gemini-2.5', 'flash', undefined, '2.5-flash'],
  ])('reads %s as family %s, tier %s, suffix %s, known as %s', (id, family, tier, suffix, key) => {
    const info = parseModelId(id);
    expect(info).toMatchObject({ id, family, tier, suffix, tuned: false });
    expect(info.spec?.key).toBe(key);
  });

  it.each([
    ['gemini-2.5-flash-image', 'gemini-2.5'],
    ['gemini-2.5-flash-preview-tts', 'gemini-2.5'],
    ['gemini-3.8-flash', 'gemini-3'],
    ['gemini-4-pro', 'gemini-3'],
    ['gemini-2.0-flash-thinking-exp', 'gemini-2.0'],
  ])('gives %s its family rules (%s) but no table row', (id, family) => {
    const info = parseModelId(id);
    expect(info.family).toBe(family);
    expect(info.spec).toBeUndefined();
  });

  it.each([
    'tunedModels/my-model-abc123',
    'models/tunedModels/x',
    'gemini-flash-latest',
    'gemma-3-27b-it',
    '',
    'gpt-4o',
  ])('knows nothing about %j', (id) => {
    const info = parseModelId(id);
    expect(info.family).toBe('unknown');
    expect(info.spec).toBeUndefined();
    expect(info.tuned).toBe(id.includes('tunedModels/'));
  });

  it('gives the documented output limits', () => {
    expect(parseModelId('gemini-2.0-flash').spec?.maxOutputTokens).toBe(8192);
    expect(parseModelId('gemini-2.5-pro').spec?.maxOutputTokens).toBe(65_536);
    expect(parseModelId('gemini-1.0-pro').spec?.maxOutputTokens).toBe(2048);
  });
});

describe('family rules', () => {
  it('caps temperature at 1 for Gemini 1.x and 2 from 2.0 on', () => {
    expect(maxTemperatureOf('gemini-1')).toBe(1);
    expect(maxTemperatureOf('gemini-2.0')).toBe(2);
    expect(maxTemperatureOf('gemini-3')).toBe(2);
  });

  it('refuses penalties on 2.5 and newer only', () => {
    expect([
      refusesPenalties('gemini-2.0'),
      refusesPenalties('gemini-2.5'),
      refusesPenalties('gemini-3'),
    ]).toEqual([false, true, true]);
  });

  it.each([
    ['gemini-2.5-flash', undefined, undefined, true],
    ['gemini-2.5-flash-lite', undefined, undefined, false],
    ['gemini-2.5-flash', 0, undefined, false],
    ['gemini-2.5-flash-lite', 1024, undefined, true],
    ['gemini-3-pro-preview', undefined, undefined, true],
    ['gemini-3.9-flash', undefined, undefined, true],
    ['gemini-2.0-flash', undefined, undefined, false],
    ['tunedModels/x', undefined, undefined, undefined],
    ['tunedModels/x', undefined, 'LOW', true],
  ] as const)('says whether %s thinks with budget %s and level %s: %s', (id, budget, level, expected) => {
    expect(thinksWith(parseModelId(id), budget, level)).toBe(expected);
  });
});
