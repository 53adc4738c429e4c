import type { GenerateContentConfig, GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { isInvalidRequestError } from '../../src/errors/invalid-request-error.js';
import { safeValidateRequest, validateRequest } from '../../src/request/validate-request.js';
import { RULE_CASES } from './validate-request.cases.js';

const request = (model: string, config: Record<string, unknown> = {}): GenerateContentParameters => ({
  model,
  contents: 'Hello',
  config: config as GenerateContentConfig,
});

describe('safeValidateRequest', () => {
  it.each(RULE_CASES)('flags %s', (_name, model, config, severity, code, path) => {
    const result = safeValidateRequest(request(model, config));
    const found = result.issues.find((issue) => issue.code === code);
    expect(found, JSON.stringify(result.issues)).toBeDefined();
    expect(found?.severity).toBe(severity);
    expect(found?.path.join('.')).toBe(path);
    expect(found?.message.length).toBeGreaterThan(10);
    expect(result.success).toBe(!result.issues.some((issue) => issue.severity === 'error'));
  });

  it.each([
    ['gemini-2.5-flash', { candidateCount: 8, temperature: 2, topP: 1, topK: 64, maxOutputTokens: 65_536 }],
    ['gemini-2.5-flash', { thinkingConfig: { thinkingBudget: 0 } }],
    ['gemini-2.5-flash', { thinkingConfig: { thinkingBudget: -1, includeThoughts: true } }],
    ['gemini-2.5-flash-lite', { thinkingConfig: { thinkingBudget: 512 } }],
    ['gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 128 }, presencePenalty: 0 }],
    ['gemini-3-pro-preview', { temperature: 1, thinkingConfig: { thinkingLevel: 'HIGH' } }],
    ['gemini-3-flash-preview', { thinkingConfig: { thinkingLevel: 'MINIMAL' } }],
    ['gemini-2.0-flash', { presencePenalty: 1.5, frequencyPenalty: -2, temperature: 1.8 }],
    ['gemini-1.5-pro-002', { temperature: 1, maxOutputTokens: 8192 }],
    ['models/gemini-2.5-flash', { responseMimeType: 'application/json', seed: 7 }],
  ])('accepts a valid request for %s with %j and no issues', (model, config) => {
    expect(safeValidateRequest(request(model, config))).toMatchObject({ success: true, issues: [] });
  });

  it('lets an unknown model pass with a note', () => {
    const result = safeValidateRequest(request('gemini-9-ultra', { maxOutputTokens: 500_000 }));
    expect(result.success).toBe(true);
    expect(result.issues.map((issue) => [issue.severity, issue.code])).toEqual([
      ['warning', 'unknown-model'],
    ]);
  });

  it.each([
    [{ contents: 'x' }, 'model-missing', 'model'],
    [{ model: '', contents: 'x' }, 'model-missing', 'model'],
    [{ model: 'gemini-2.5-flash' }, 'contents-missing', 'contents'],
    [null, 'invalid-value', ''],
  ])('reports a malformed request %j as %s', (params, code, path) => {
    const result = safeValidateRequest(params as never);
    expect(result.success).toBe(false);
    expect(result.issues.map((issue) => [issue.code, issue.path.join('.')])).toContainEqual([code, path]);
  });
});

describe('validateRequest', () => {
  it('throws InvalidRequestError listing the errors', () => {
    let thrown: unknown;
    try {
      validateRequest(
        request('gemini-2.5-pro', { candidateCount: 12, thinkingConfig: { thinkingBudget: 0 } }),
      );
    } catch (error) {
      thrown = error;
    }
    expect(isInvalidRequestError(thrown)).toBe(true);
    if (!isInvalidRequestError(thrown)) return;
    expect(thrown.code).toBe('INVALID_REQUEST');
    expect(thrown.issues.map((issue) => issue.code)).toEqual(['candidate-count-range']);
    expect(thrown.message).toContain('config.candidateCount');
  });

  it('reports rule errors after the shape passes', () => {
    expect(() =>
      validateRequest(request('gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 0 } })),
    ).toThrow(/cannot turn thinking off/);
  });

  it('returns the warnings of a request the API accepts', () => {
    const warnings = validateRequest(request('gemini-3-pro-preview', { temperature: 0.3 }));
    expect(warnings.map((issue) => issue.code)).toEqual(['gemini3-low-temperature']);
  });
});
