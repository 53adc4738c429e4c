import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { collectRequestTexts, setAtPath } from '../../src/request/request-texts.js';

const paths = (params: unknown) =>
  collectRequestTexts(params as GenerateContentParameters).map((entry) => [
    entry.path.join('.'),
    entry.text,
    entry.source,
  ]);

describe('collectRequestTexts', () => {
  it.each([
    ['a string', 'Hi', [['contents', 'Hi', 'contents']]],
    ['a Part', { text: 'Hi' }, [['contents.text', 'Hi', 'contents']]],
    [
      'a Part[] with strings',
      ['a', { text: 'b' }, { inlineData: {} }],
      [
        ['contents.0', 'a', 'contents'],
        ['contents.1.text', 'b', 'contents'],
      ],
    ],
    [
      'a Content',
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      [
        ['contents.parts.0.text', 'a', 'contents'],
        ['contents.parts.1.text', 'b', 'contents'],
      ],
    ],
    [
      'a Content[]',
      [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [{ text: 'thought', thought: true }, { text: 'a' }] },
      ],
      [
        ['contents.0.parts.0.text', 'q', 'contents'],
        ['contents.1.parts.1.text', 'a', 'contents'],
      ],
    ],
  ])('reads contents given as %s', (_name, contents, expected) => {
    expect(paths({ model: 'm', contents })).toEqual(expected);
  });

  it.each([
    ['a string', 'Be brief.', [['config.systemInstruction', 'Be brief.', 'systemInstruction']]],
    ['a Part', { text: 'Be brief.' }, [['config.systemInstruction.text', 'Be brief.', 'systemInstruction']]],
    [
      'a Part[]',
      [{ text: 'a' }, 'b'],
      [
        ['config.systemInstruction.0.text', 'a', 'systemInstruction'],
        ['config.systemInstruction.1', 'b', 'systemInstruction'],
      ],
    ],
    [
      'a Content',
      { parts: [{ text: 'a' }] },
      [['config.systemInstruction.parts.0.text', 'a', 'systemInstruction']],
    ],
  ])('reads a system instruction given as %s', (_name, systemInstruction, expected) => {
    expect(paths({ model: 'm', contents: [], config: { systemInstruction } })).toEqual(expected);
  });

  it('reads descriptions and examples from a response schema', () => {
    const responseSchema = {
      type: 'OBJECT',
      description: 'A person',
      properties: {
        name: { type: 'STRING', example: 'Zoë' },
        tags: { type: 'ARRAY', items: { type: 'STRING' } },
      },
      example: { name: 'Ann', tags: ['x'] },
    };
    expect(paths({ model: 'm', contents: 'x', config: { responseSchema } }).slice(1)).toEqual([
      ['config.responseSchema.description', 'A person', 'schema'],
      ['config.responseSchema.properties.name.example', 'Zoë', 'schema'],
      ['config.responseSchema.example.name', 'Ann', 'schema'],
      ['config.responseSchema.example.tags.0', 'x', 'schema'],
    ]);
  });

  it.each([
    null,
    undefined,
    7,
    { model: 'm' },
    { model: 'm', contents: [null, 3, { parts: 'x' }] },
    { model: 'm', contents: 'x', config: 4 },
  ])('skips odd shapes without throwing: %j', (params) => {
    expect(() => collectRequestTexts(params as never)).not.toThrow();
  });
});

describe('setAtPath', () => {
  it('copies only the objects along the path and never mutates the input', () => {
    const signal = new AbortController().signal;
    const input = { contents: [{ parts: [{ text: 'a' }, { text: 'b' }] }], config: { abortSignal: signal } };
    const frozen = structuredClone({ contents: input.contents });
    const output = setAtPath(input, ['contents', 0, 'parts', 1, 'text'], 'B');
    expect(output.contents[0]?.parts[1]?.text).toBe('B');
    expect(input.contents).toEqual(frozen.contents);
    expect(output.config).toBe(input.config);
    expect(output.contents[0]?.parts[0]).toBe(input.contents[0]?.parts[0]);
  });

  it('leaves the value alone when the path does not exist', () => {
    const input = { a: [1] };
    expect(setAtPath(input, ['a', 5], 2)).toEqual({ a: [1] });
    expect(setAtPath(input, ['b', 'c'], 2)).toEqual({ a: [1] });
  });
});
