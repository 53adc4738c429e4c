import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/remediation/apply-plan.js';
import { planRemediation } from '../../src/remediation/plan-remediation.js';
import { EMPTY_PLAN } from '../../src/remediation/plan-types.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { systemInstructionText } from '../../src/remediation/system-instruction.js';
import { deepFreeze, finding } from './support.js';

const signal = new AbortController().signal;

function request(systemInstruction?: unknown): GenerateContentParameters {
  return deepFreeze({
    model: 'gemini-2.5-flash',
    contents: [{ role: 'user', parts: [{ text: 'Example {"a": "Caf\\u00e9"}' }] }],
    config: {
      temperature: 0.2,
      ...(systemInstruction === undefined ? {} : { systemInstruction }),
      responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'STRING' } } },
      safetySettings: [
        { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' },
        { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_LOW_AND_ABOVE' },
      ],
    },
  }) as GenerateContentParameters;
}

const EVERYTHING = [
  finding('tool-call-loop', ['thought-recap', 'raise-temperature']),
  finding('table-hyphens', ['table-format']),
  finding('newline-flood', ['escape-policy', 'rewrite-escapes']),
  finding('schema-order', ['require-all-fields', 'set-property-ordering']),
  finding('safety', ['review-safety']),
];

describe('applyPlan', () => {
  it('applies every planned change without mutating the frozen input', () => {
    const input = request('Be brief.');
    const plan = planRemediation(EVERYTHING, input, {
      safetyPolicy: {
        settings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' }] as never,
      },
    });
    const output = applyPlan(input, plan);
    expect(output).not.toBe(input);
    expect(output.config?.temperature).toBe(0.8);
    expect((output.contents as { parts: { text: string }[] }[])[0]?.parts[0]?.text).toBe(
      'Example {"a": "Café"}',
    );
    expect(output.config?.responseSchema).toMatchObject({
      required: ['a', 'b'],
      propertyOrdering: ['a', 'b'],
    });
    expect(output.config?.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' },
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
  });

  it('places thought-recap at the END of the system instruction in every form the SDK accepts', () => {
    const plan = planRemediation(EVERYTHING.slice(0, 3), request());
    const forms = [
      undefined,
      'Be brief.',
      { text: 'Be brief.' },
      { role: 'user', parts: [{ text: 'Be brief.' }] },
      ['Be', { text: 'brief.' }],
    ];
    for (const form of forms) {
      const text = systemInstructionText(applyPlan(request(form), plan).config?.systemInstruction);
      expect(text.endsWith(DEFAULT_SNIPPETS['thought-recap'])).toBe(true);
      expect(text).toContain(DEFAULT_SNIPPETS['table-format']);
      if (form !== undefined) expect(text.startsWith('Be')).toBe(true);
    }
  });

  it('shares objects the plan does not touch, such as the abort signal and tools', () => {
    const tools = [{ functionDeclarations: [{ name: 'f' }] }];
    const input = { model: 'gemini-2.5-flash', contents: 'x', config: { abortSignal: signal, tools } };
    const output = applyPlan(input, planRemediation([finding('table-hyphens', ['table-format'])], input));
    expect(output.config?.abortSignal).toBe(signal);
    expect(output.config?.tools).toBe(tools);
  });

  it('returns the request itself for an empty plan', () => {
    const input = request();
    expect(applyPlan(input, EMPTY_PLAN)).toBe(input);
  });

  it('is idempotent: applying the same plan twice adds nothing more', () => {
    const plan = planRemediation(EVERYTHING.slice(0, 3), request('Be brief.'));
    const once = applyPlan(request('Be brief.'), plan);
    expect(applyPlan(once, plan)).toEqual(once);
  });
});
