import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { planRemediation } from '../../src/remediation/plan-remediation.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { deepFreeze, finding } from './support.js';

const REQUEST = deepFreeze({
  model: 'gemini-2.5-flash',
  contents: 'Make a table of planets.',
  config: { temperature: 0.3 },
}) as GenerateContentParameters;

describe('planRemediation', () => {
  it('maps a runaway table to the table-format snippet and the 0.8 temperature floor, each traced to the finding', () => {
    const plan = planRemediation([finding('table-hyphens', ['table-format', 'raise-temperature'])], REQUEST);
    expect(plan.action).toBe('reask');
    expect(plan.snippets.map((snippet) => snippet.id)).toEqual(['table-format']);
    expect(plan.snippets[0]?.text).toBe(DEFAULT_SNIPPETS['table-format']);
    expect(plan.snippets[0]?.findings[0]?.detector).toBe('table-hyphens');
    expect(plan.temperature).toMatchObject({ from: 0.3, to: 0.8 });
    expect(plan.temperature?.findings[0]?.detector).toBe('table-hyphens');
  });

  it('deduplicates snippets, keeps a stable order and always puts thought-recap last', () => {
    const plan = planRemediation(
      [
        finding('tool-call-loop', ['thought-recap', 'raise-temperature']),
        finding('text-loop', ['no-repetition']),
        finding('table-padding', ['table-heading-pipe', 'table-format']),
        finding('table-hyphens', ['table-format']),
      ],
      REQUEST,
    );
    expect(plan.snippets.map((snippet) => snippet.id)).toEqual([
      'table-format',
      'table-heading-pipe',
      'no-repetition',
      'thought-recap',
    ]);
    expect(plan.snippets[0]?.findings.map((ref) => ref.detector)).toEqual(['table-padding', 'table-hyphens']);
  });

  it('keeps a Gemini 3 model at its temperature instead of raising or lowering it', () => {
    const plan = planRemediation([finding('text-loop', ['no-repetition', 'raise-temperature'])], {
      model: 'gemini-3-flash-preview',
      contents: 'x',
      config: { temperature: 1 },
    });
    expect(plan.temperature?.to).toBeUndefined();
    expect(plan.temperature?.reason).toMatch(/Gemini 3/);
  });

  it('steps the temperature up after RECITATION', () => {
    const recitation = finding('recitation', [
      'recitation-originality',
      'make-prompt-unique',
      'raise-temperature',
    ]);
    const plan = planRemediation([recitation], { ...REQUEST, config: { temperature: 1 } });
    expect(plan.temperature?.to).toBe(1.2);
    expect(plan.snippets.map((snippet) => snippet.id)).toEqual(['recitation-originality']);
    expect(plan.advice.map((advice) => advice.id)).toEqual(['make-prompt-unique']);
  });

  it('never re-asks a prompt blocked with OTHER, whatever the safety policy', () => {
    const blocked = finding('prompt-blocked', ['do-not-retry'], 'abort', { data: { terminal: true } });
    const plan = planRemediation([blocked], REQUEST, {
      safetyPolicy: { settings: [{ category: 'X' as never }] },
    });
    expect(plan.action).toBe('terminal');
  });

  it('does not relax safety settings without an explicit policy', () => {
    const plan = planRemediation([finding('safety', ['review-safety'])], REQUEST);
    expect(plan.action).toBe('needs-safety-policy');
    expect(plan.safety).toBeUndefined();
    expect(plan.advice[0]?.id).toBe('review-safety');
  });

  it("uses the caller's policy, given as settings or as a function that sees the findings", () => {
    const settings = [
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' },
    ] as never[];
    const fixed = planRemediation([finding('safety', ['review-safety'])], REQUEST, {
      safetyPolicy: { settings },
    });
    expect(fixed).toMatchObject({ action: 'reask', safety: { settings } });
    const seen: string[] = [];
    const decided = planRemediation([finding('safety', ['review-safety'])], REQUEST, {
      safetyPolicy: ({ findings }) => {
        seen.push(...findings.map((each) => each.detector));
        return undefined;
      },
    });
    expect(decided.action).toBe('needs-safety-policy');
    expect(seen).toEqual(['safety']);
  });

  it('plans schema changes only for the schemas the request has, and flags a dictated field order', () => {
    const request = {
      model: 'gemini-2.5-flash',
      contents: 'Return JSON. Put the fields in this order: b, a.',
      config: { responseSchema: { type: 'OBJECT', properties: { a: {}, b: {} } } },
    } as GenerateContentParameters;
    const plan = planRemediation(
      [
        finding('schema-order', [
          'set-property-ordering',
          'require-all-fields',
          'drop-field-order-instruction',
        ]),
      ],
      request,
    );
    expect(plan.schema.map((change) => `${change.id}:${change.target}`)).toEqual([
      'require-all-fields:responseSchema',
      'set-property-ordering:responseSchema',
    ]);
    expect(plan.flags).toMatchObject([{ id: 'drop-field-order-instruction', path: ['contents'] }]);
  });

  it('plans the escape rewrite only when the request has escapes to rewrite', () => {
    const flood = finding('newline-flood', ['escape-policy', 'rewrite-escapes']);
    expect(planRemediation([flood], REQUEST).rewrites).toEqual([]);
    const withEscapes = planRemediation([flood], { ...REQUEST, contents: 'like {"a": "\\u00e9"}' });
    expect(withEscapes.rewrites).toMatchObject([{ id: 'rewrite-escapes', escapes: 1 }]);
    expect(withEscapes.snippets.map((snippet) => snippet.id)).toEqual(['escape-policy']);
  });

  it('flags thinking instructions only when the model thinks', () => {
    const loop = finding('text-loop', ['no-repetition', 'drop-thinking-instructions']);
    const request = { model: 'gemini-2.5-flash', contents: 'Think step by step, then answer.' };
    expect(planRemediation([loop], request).flags).toHaveLength(1);
    const off = { ...request, config: { thinkingConfig: { thinkingBudget: 0 } } };
    expect(planRemediation([loop], off).flags).toHaveLength(0);
  });

  it('ignores info findings and does not ask for a re-ask on warnings alone', () => {
    expect(planRemediation([finding('table-hyphens', ['table-format'], 'info')], REQUEST).snippets).toEqual(
      [],
    );
    const warned = planRemediation([finding('table-hyphens', ['table-format'], 'warn')], REQUEST);
    expect(warned.action).toBe('nothing');
    expect(warned.snippets).toHaveLength(1);
  });

  it('merges with a previous plan so one plan carries every fix made so far', () => {
    const first = planRemediation([finding('table-hyphens', ['table-format', 'raise-temperature'])], REQUEST);
    const sent = { ...REQUEST, config: { temperature: 0.8 } };
    const second = planRemediation(
      [finding('tool-call-loop', ['thought-recap', 'raise-temperature'])],
      sent,
      {
        previous: first,
      },
    );
    expect(second.snippets.map((snippet) => snippet.id)).toEqual(['table-format', 'thought-recap']);
    expect(second.temperature?.to).toBe(0.8);
  });

  it('uses replacement snippet texts when given', () => {
    const texts = { ...DEFAULT_SNIPPETS, 'table-format': 'My own table rules.' };
    const plan = planRemediation([finding('table-hyphens', ['table-format'])], REQUEST, { snippets: texts });
    expect(plan.snippets[0]?.text).toBe('My own table rules.');
  });
});
