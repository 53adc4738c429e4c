import { describe, expect, it } from 'vitest';
import {
  REWRITE_FACTOR,
  SNIPPET_FACTOR,
  simulatedFailureRate,
  temperatureFactor,
} from '../../../src/bench/simulation/failure-model.js';
import { DEFAULT_SNIPPETS } from '../../../src/remediation/snippets.js';

/** A request body as the server receives it (wire JSON). */
function body(options: { system?: string; temperature?: number; prompt?: string }) {
  return {
    contents: [{ role: 'user', parts: [{ text: options.prompt ?? 'Compare the planets in a table.' }] }],
    ...(options.system === undefined ? {} : { systemInstruction: { parts: [{ text: options.system }] } }),
    generationConfig: options.temperature === undefined ? {} : { temperature: options.temperature },
  };
}

const rate = (
  mode: Parameters<typeof simulatedFailureRate>[0],
  request: ReturnType<typeof body>,
  model = 'gemini-2.5-flash',
) => simulatedFailureRate(mode, 0.5, request, model, DEFAULT_SNIPPETS);

describe('simulatedFailureRate', () => {
  it('falls with the snippet and falls again with the temperature for runaway tables', () => {
    const none = rate('table-hyphens', body({ temperature: 0.2 }));
    const snippet = rate(
      'table-hyphens',
      body({ system: DEFAULT_SNIPPETS['table-format'], temperature: 0.2 }),
    );
    const both = rate('table-hyphens', body({ system: DEFAULT_SNIPPETS['table-format'], temperature: 0.8 }));
    expect(none).toBe(0.5);
    expect(snippet).toBeCloseTo(0.5 * SNIPPET_FACTOR, 10);
    expect(both).toBeLessThan(snippet);
  });

  it('ignores a snippet that belongs to another failure mode', () => {
    expect(rate('table-hyphens', body({ system: DEFAULT_SNIPPETS['escape-policy'], temperature: 0.2 }))).toBe(
      0.5,
    );
  });

  it('counts the thought recap only when it closes the system instruction, as the guide places it', () => {
    const recap = DEFAULT_SNIPPETS['thought-recap'];
    const atEnd = rate('tool-call-loop', body({ system: `You are an agent.\n\n${recap}`, temperature: 0.2 }));
    const inMiddle = rate(
      'tool-call-loop',
      body({ system: `${recap}\n\nYou are an agent.`, temperature: 0.2 }),
    );
    expect(atEnd).toBeCloseTo(0.5 * SNIPPET_FACTOR, 10);
    expect(inMiddle).toBe(0.5);
  });

  it('leaves newline floods to the escape rules: temperature does not help, rewriting the escapes does', () => {
    const escaped = 'Answer like {"name": "Caf\\u00e9"}';
    const cold = rate('newline-flood', body({ prompt: escaped, temperature: 0.2 }));
    const warm = rate('newline-flood', body({ prompt: escaped, temperature: 1.5 }));
    const rewritten = rate(
      'newline-flood',
      body({ prompt: 'Answer like {"name": "Café"}', temperature: 0.2 }),
    );
    expect(warm).toBe(cold);
    expect(rewritten).toBeCloseTo(cold * REWRITE_FACTOR, 10);
  });

  it('punishes a lowered temperature on Gemini 3 instead of rewarding it', () => {
    const lowered = rate('text-loop', body({ temperature: 0.2 }), 'gemini-3-pro-preview');
    const kept = rate('text-loop', body({}), 'gemini-3-pro-preview');
    expect(lowered).toBeGreaterThan(0.5);
    expect(kept).toBeLessThan(0.5);
  });

  it('stays a probability whatever the base rate', () => {
    for (const base of [0, 1]) {
      const value = simulatedFailureRate(
        'text-loop',
        base,
        body({ temperature: 0 }),
        'gemini-3-flash',
        DEFAULT_SNIPPETS,
      );
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});

describe('temperatureFactor', () => {
  it('ramps from no benefit at 0.2 to the full effect at the 0.8 floor on Gemini 2.x', () => {
    expect(temperatureFactor('gemini-2.5-flash', 0.2, 0.6)).toBe(1);
    expect(temperatureFactor('gemini-2.5-flash', 0.5, 0.6)).toBeCloseTo(0.7, 10);
    expect(temperatureFactor('gemini-2.5-flash', 0.8, 0.6)).toBeCloseTo(0.4, 10);
    expect(temperatureFactor('gemini-2.5-flash', undefined, 0.6)).toBeCloseTo(0.4, 10);
  });
});
