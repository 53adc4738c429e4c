import { describe, expect, it } from 'vitest';
import { modelFamily, thinkingEnabled } from '../../src/remediation/model-family.js';

describe('modelFamily', () => {
  it('reads the generation from model ids with and without a models/ prefix', () => {
    expect(modelFamily('gemini-2.5-flash')).toMatchObject({
      name: 'gemini-2',
      major: 2,
      minor: 5,
      maxTemperature: 2,
    });
    expect(modelFamily('models/gemini-3-pro-preview')).toMatchObject({ name: 'gemini-3', major: 3 });
    expect(modelFamily('gemini-1.5-pro')).toMatchObject({ name: 'gemini-1', maxTemperature: 1 });
    expect(modelFamily('gemini-2.0-flash')).toMatchObject({
      name: 'gemini-2',
      maxTemperature: 2,
      defaultTemperature: 1,
    });
    expect(modelFamily('gemini-1.0-pro')).toMatchObject({ name: 'gemini-1', maxTemperature: 1 });
  });

  it('treats unknown names with the guide conservative 0-1 range and no assumed default', () => {
    expect(modelFamily('gemma-3-27b')).toMatchObject({
      name: 'unknown',
      maxTemperature: 1,
      defaultTemperature: undefined,
    });
  });

  it('knows the output limit of thinking models is 65,536 tokens and of older ones 8,192', () => {
    expect(modelFamily('gemini-2.5-pro').outputTokenLimit).toBe(65_536);
    expect(modelFamily('gemini-2.0-flash').outputTokenLimit).toBe(8_192);
  });
});

describe('thinkingEnabled', () => {
  it('follows the model default unless the request says otherwise', () => {
    expect(thinkingEnabled('gemini-2.5-flash', undefined)).toBe(true);
    expect(thinkingEnabled('gemini-2.0-flash', undefined)).toBe(false);
    expect(thinkingEnabled('gemini-2.5-flash', { thinkingConfig: { thinkingBudget: 0 } })).toBe(false);
    expect(thinkingEnabled('gemini-2.0-flash', { thinkingConfig: { thinkingBudget: 512 } })).toBe(true);
  });
});
