import type { GenerateContentConfig, GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { rewriteEscapes } from '../../src/remediation/escape-rewrite.js';
import { findEscapeSequences, fixEscapeSequences } from '../../src/request/lint-escape-sequences.js';
import { lintRequest } from '../../src/request/lint-request.js';

const SCHEMA = {
  type: 'OBJECT',
  properties: { title: { type: 'STRING' }, summary: { type: 'STRING' }, rating: { type: 'NUMBER' } },
};

const req = (
  contents: unknown,
  config: Record<string, unknown> = {},
  model = 'gemini-2.5-flash',
): GenerateContentParameters => ({
  model,
  contents: contents as GenerateContentParameters['contents'],
  config: config as GenerateContentConfig,
});

/** [what, request, lint id, path] — requests that must raise exactly this lint. */
const positives: [string, GenerateContentParameters, string, string][] = [
  ['a \\u escape in the prompt', req('Return {"name": "Zo\\u00eb"}'), 'escape-sequences', 'contents'],
  [
    'a \\t escape in the system instruction',
    req('x', { systemInstruction: 'Columns:\\tname\\tage' }),
    'escape-sequences',
    'config.systemInstruction',
  ],
  [
    'an escape in a few-shot model turn',
    req([
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ text: '{"a":"\\u2013"}' }] },
    ]),
    'escape-sequences',
    'contents.1.parts.0.text',
  ],
  [
    'an escape in a schema example',
    req('x', { responseSchema: { type: 'STRING', example: 'caf\\u00e9' } }),
    'escape-sequences',
    'config.responseSchema.example',
  ],
  [
    '"in the following order" with a schema',
    req('Fill in the fields in the following order: title, summary.', { responseSchema: SCHEMA }),
    'field-order-instruction',
    'contents',
  ],
  [
    '"order of the keys" with a JSON schema',
    req({ text: 'Keep the order of the keys as listed.' }, { responseJsonSchema: { type: 'object' } }),
    'field-order-instruction',
    'contents.text',
  ],
  [
    '"fields must appear in"',
    req('x', { responseSchema: SCHEMA, systemInstruction: 'The fields must appear in alphabetical order.' }),
    'field-order-instruction',
    'config.systemInstruction',
  ],
  [
    'two property names in sequence',
    req('Write the title first, then the summary.', { responseSchema: SCHEMA }),
    'field-order-instruction',
    'contents',
  ],
  [
    '"think step by step" on 2.5 Flash',
    req('Think step by step and answer.'),
    'thinking-instruction',
    'contents',
  ],
  [
    '"chain of thought" on Gemini 3',
    req('x', { systemInstruction: 'Use chain-of-thought reasoning.' }, 'gemini-3-pro-preview'),
    'thinking-instruction',
    'config.systemInstruction',
  ],
  [
    '"in your thinking" with a budget',
    req(
      'In your thinking, list every option.',
      { thinkingConfig: { thinkingBudget: 1024 } },
      'gemini-2.5-flash-lite',
    ),
    'thinking-instruction',
    'contents',
  ],
  [
    '"before answering, think"',
    req('Before answering, think about edge cases.'),
    'thinking-instruction',
    'contents',
  ],
  ['a Markdown table', req('Compare the plans in a markdown table.'), 'table-without-guidelines', 'contents'],
  [
    '"as a comparison table"',
    req([{ text: 'List them as a comparison table.' }]),
    'table-without-guidelines',
    'contents.0.text',
  ],
  ['"create a table"', req('Create a table of prices by region.'), 'table-without-guidelines', 'contents'],
  ['"tabulate"', req('Tabulate the results.'), 'table-without-guidelines', 'contents'],
];

/** [what, request, lint id] — requests that must not raise this lint. */
const negatives: [string, GenerateContentParameters, string][] = [
  ['escaped backslashes', req('A path: C:\\\\temp and \\\\u0041'), 'escape-sequences'],
  ['\\n and \\" escapes', req('Use \\n for newlines and \\" for quotes.'), 'escape-sequences'],
  ['a short \\u', req('\\u12 is not an escape'), 'escape-sequences'],
  ['real tab characters', req('a\tb é'), 'escape-sequences'],
  [
    'an order phrase with no schema',
    req('List the steps in the following order.'),
    'field-order-instruction',
  ],
  [
    '"in order to" with a schema',
    req('In order to help, summarise the text.', { responseSchema: SCHEMA }),
    'field-order-instruction',
  ],
  [
    'one property name in a sentence',
    req('Write a short summary first.', { responseSchema: SCHEMA }),
    'field-order-instruction',
  ],
  [
    '"think step by step" with thinking off',
    req('Think step by step.', { thinkingConfig: { thinkingBudget: 0 } }),
    'thinking-instruction',
  ],
  [
    '"think step by step" on 2.0 Flash',
    req('Think step by step.', {}, 'gemini-2.0-flash'),
    'thinking-instruction',
  ],
  [
    "the guide's own recap instruction",
    req('x', {
      systemInstruction:
        'When thinking silently, open each thought with a one-sentence recap of progress so far.',
    }),
    'thinking-instruction',
  ],
  [
    'a table with guidelines',
    req('Answer in a markdown table.', {
      systemInstruction: 'Tables: one separator row, |---|---|, never pad cells.',
    }),
    'table-without-guidelines',
  ],
  ['a table of contents', req('Write a table of contents for the report.'), 'table-without-guidelines'],
  ['the periodic table', req('Explain the periodic table.'), 'table-without-guidelines'],
  [
    'a table mentioned in a model turn',
    req([{ role: 'model', parts: [{ text: 'Here is a markdown table.' }] }]),
    'table-without-guidelines',
  ],
];

describe('lintRequest', () => {
  it.each(positives)('finds %s', (_name, params, id, path) => {
    const { lints } = lintRequest(params);
    const found = lints.filter((lint) => lint.id === id);
    expect(found, JSON.stringify(lints)).toHaveLength(1);
    expect(found[0]?.path.join('.')).toBe(path);
    expect(found[0]?.message.length).toBeGreaterThan(40);
    expect(found[0]?.evidence.length).toBeGreaterThan(0);
  });

  it.each(negatives)('does not flag %s', (_name, params, id) => {
    expect(lintRequest(params).lints.filter((lint) => lint.id === id)).toEqual([]);
  });

  it('names the documented fix of each lint', () => {
    const params = req(
      'Think step by step. Put it in a markdown table. Use \\t. Fields in this order: title, summary.',
      {
        responseSchema: SCHEMA,
      },
    );
    const byId = Object.fromEntries(lintRequest(params).lints.map((lint) => [lint.id, lint.remediation]));
    expect(byId).toEqual({
      'escape-sequences': 'rewrite-escapes',
      'field-order-instruction': 'drop-field-order-instruction',
      'thinking-instruction': 'drop-thinking-instructions',
      'table-without-guidelines': 'table-format',
    });
  });

  it('returns the fixed request for escape sequences and leaves the input untouched', () => {
    const signal = new AbortController().signal;
    const params = req([{ role: 'user', parts: [{ text: 'Name: Zo\\u00eb\\tAge: 3' }, { text: 'plain' }] }], {
      systemInstruction: { text: 'caf\\u00e9' },
      abortSignal: signal,
    });
    const before = JSON.stringify(params);
    const report = lintRequest(params);
    expect(JSON.stringify(params)).toBe(before);
    const fixed = report.fixed as GenerateContentParameters;
    expect(fixed).not.toBe(params);
    const contents = fixed.contents as { parts: { text: string }[] }[];
    expect(contents[0]?.parts[0]?.text).toBe('Name: Zoë\tAge: 3');
    expect(contents[0]?.parts[1]).toBe((params.contents as { parts: unknown[] }[])[0]?.parts[1]);
    expect((fixed.config?.systemInstruction as { text: string } | undefined)?.text).toBe('café');
    expect(fixed.config?.abortSignal).toBe(signal);
    expect(lintRequest(fixed).lints).toEqual([]);
  });

  it('has no fixed request when nothing is fixable', () => {
    expect(lintRequest(req('Think step by step.')).fixed).toBeUndefined();
  });

  it.each([null, 7, { model: 'm' }, { model: 5, contents: 'x', config: 'y' }])(
    'never throws on %j',
    (params) => {
      expect(lintRequest(params as never).lints).toEqual([]);
    },
  );
});

describe('escape sequences', () => {
  it.each([
    ['\\u00e9', ['\\u00e9'], 'é'],
    ['a\\tb', ['\\t'], 'a\tb'],
    ['\\ud83d\\ude00', ['\\ud83d\\ude00'], '😀'],
    ['{"a": "x\\u000ay"}', ['\\u000a'], '{"a": "x\\ny"}'],
    ['lone \\ud83d', [], 'lone \\ud83d'],
    ['control \\u0001', [], 'control \\u0001'],
    ['never write `\\t`', [], 'never write `\\t`'],
    ['\\\\t', [], '\\\\t'],
    ['\\\\\\t', ['\\t'], '\\\\\t'],
    ['\\u00E9\\u00e9', ['\\u00E9', '\\u00e9'], 'éé'],
    ['no escapes', [], 'no escapes'],
  ])('reads %j as %j and rewrites it to %j', (text, found, rewritten) => {
    expect(findEscapeSequences(text)).toEqual(found);
    // The lint and the rewrite-escapes remediation read escapes the same way.
    expect(rewriteEscapes(text)).toEqual({ text: rewritten, count: found.length });
  });

  it('reports escapes in model turns without fixing them, as the remediation leaves those turns alone', () => {
    const params = req([
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ text: '{"a":"\\u2013"}' }] },
    ]);
    const report = lintRequest(params);
    expect(report.lints.map((lint) => [lint.id, lint.fixable])).toEqual([['escape-sequences', false]]);
    expect(report.lints[0]?.message).toMatch(/^A model turn of the contents contains a literal escape/);
    expect(report.fixed).toBeUndefined();
    expect(fixEscapeSequences(params)).toBe(params);
  });

  it('returns the same request object when there is nothing to fix', () => {
    const params = req('clean');
    expect(fixEscapeSequences(params)).toBe(params);
  });
});
