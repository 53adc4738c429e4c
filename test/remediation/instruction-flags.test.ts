import { describe, expect, it } from 'vitest';
import {
  findFieldOrderInstructions,
  findThinkingInstructions,
} from '../../src/remediation/instruction-flags.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';

const SCHEMA = {
  type: 'OBJECT',
  properties: { title: { type: 'STRING' }, tags: { type: 'ARRAY' } },
} as never;

describe('findFieldOrderInstructions', () => {
  it('finds prompt text that dictates a field order when a schema is set, and says where', () => {
    const flagged = findFieldOrderInstructions({
      model: 'gemini-2.5-flash',
      contents:
        'Summarise the article. Output the fields in this order: tags, summary, title. Keep it short.',
      config: { responseSchema: SCHEMA },
    });
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.path).toEqual(['contents']);
    expect(flagged[0]?.excerpt).toMatch(/in this order/);
  });

  it('reads the system instruction too, and ignores model turns', () => {
    const flagged = findFieldOrderInstructions({
      model: 'gemini-2.5-flash',
      contents: [
        { role: 'model', parts: [{ text: 'I will write the fields in this order.' }] },
        { role: 'user', parts: [{ text: 'Thanks.' }] },
      ],
      config: { responseSchema: SCHEMA, systemInstruction: 'Respect the order of the keys given below.' },
    });
    expect(flagged.map((item) => item.path)).toEqual([['config', 'systemInstruction']]);
  });

  it('flags nothing without structured output, or in a prompt that does not talk about field order', () => {
    expect(
      findFieldOrderInstructions({ model: 'gemini-2.5-flash', contents: 'List them in this order.' }),
    ).toEqual([]);
    const planets = {
      model: 'gemini-2.5-flash',
      contents: 'Describe the order of planets.',
      config: { responseSchema: SCHEMA },
    };
    expect(findFieldOrderInstructions(planets)).toEqual([]);
  });

  it('never flags a text it is told to ignore', () => {
    const request = {
      model: 'gemini-2.5-flash',
      contents: 'Keep the keys in this order.',
      config: { responseSchema: SCHEMA },
    };
    expect(findFieldOrderInstructions(request, ['Keep the keys in this order.'])).toEqual([]);
  });
});

describe('findThinkingInstructions', () => {
  it('finds an instruction about how to think when the model thinks', () => {
    const flagged = findThinkingInstructions({
      model: 'gemini-2.5-flash',
      contents: 'Think step by step about caching. Then answer.',
    });
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.excerpt).toMatch(/step by step/i);
  });

  it('stays quiet when thinking is off, and for ordinary uses of the word think', () => {
    const off = { thinkingConfig: { thinkingBudget: 0 } };
    expect(
      findThinkingInstructions({ model: 'gemini-2.5-flash', contents: 'Think step by step.', config: off }),
    ).toEqual([]);
    expect(
      findThinkingInstructions({ model: 'gemini-2.5-flash', contents: 'What do you think of this poem?' }),
    ).toEqual([]);
  });

  it("does not flag the guard's own thought-recap snippet when told to ignore it", () => {
    const recap = DEFAULT_SNIPPETS['thought-recap'];
    const request = { model: 'gemini-2.5-flash', contents: 'Hi', config: { systemInstruction: recap } };
    expect(findThinkingInstructions(request, [recap])).toEqual([]);
  });
});
