import { describe, expect, it } from 'vitest';
import { parseBenchConfig } from '../../../src/bench/bench-config.js';
import { defaultBaseRate } from '../../../src/bench/simulation/failure-model.js';
import { inferMode, simulatedCase } from '../../../src/bench/simulation/infer-mode.js';

function caseOf(entry: Record<string, unknown>) {
  return parseBenchConfig({
    models: ['gemini-2.5-flash'],
    cases: [{ id: 'c', ...entry }],
    variants: [{ id: 'v' }],
  }).cases[0]!;
}

describe('inferMode', () => {
  it('picks the failure mode a case is most exposed to from its prompt, schema and tools', () => {
    expect(inferMode(caseOf({ prompt: 'Hi', tools: [{ functionDeclarations: [] }] }))).toBe('tool-call-loop');
    expect(inferMode(caseOf({ prompt: 'Use {"a": "\\u00e9"}', schema: { type: 'object' } }))).toBe(
      'newline-flood',
    );
    expect(inferMode(caseOf({ prompt: 'Summarise as JSON', schema: { type: 'object' } }))).toBe(
      'schema-order',
    );
    expect(inferMode(caseOf({ prompt: 'Compare them in a table' }))).toBe('table-hyphens');
    expect(
      inferMode(caseOf({ contents: [{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }] })),
    ).toBe('text-loop');
  });

  it('lets the config name the mode and its base rate', () => {
    expect(simulatedCase(caseOf({ prompt: 'x', simulate: { mode: 'recitation', baseRate: 0.9 } }))).toEqual({
      mode: 'recitation',
      baseRate: 0.9,
    });
    expect(simulatedCase(caseOf({ prompt: 'a table please' }))).toEqual({
      mode: 'table-hyphens',
      baseRate: defaultBaseRate('table-hyphens'),
    });
  });
});
