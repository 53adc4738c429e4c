import { describe, expect, it } from 'vitest';
import { parseBenchConfig } from '../../src/bench/bench-config.js';
import { buildRequest, isGeminiSchema } from '../../src/bench/build-request.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';

const config = parseBenchConfig({
  models: ['gemini-2.5-flash'],
  cases: [
    {
      id: 'json',
      prompt: 'Extract the city.',
      systemInstruction: 'Answer with JSON.',
      schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      config: { maxOutputTokens: 100, temperature: 0.5 },
      snippets: ['escape-policy'],
    },
    {
      id: 'agent',
      contents: [{ role: 'user', parts: [{ text: 'Weather?' }] }],
      schema: { type: 'OBJECT', properties: { city: { type: 'STRING' } } },
      tools: [{ functionDeclarations: [{ name: 'get_weather' }] }],
    },
  ],
  variants: [
    { id: 'plain' },
    { id: 'fixed', caseSnippets: true, snippets: ['no-repetition', 'escape-policy'], temperature: 0.8 },
    { id: 'own', systemInstruction: 'Be brief.', config: { topP: 0.5 } },
  ],
});
const [json, agent] = config.cases as [(typeof config.cases)[0], (typeof config.cases)[0]];
const [plain, fixed, own] = config.variants as [
  (typeof config.variants)[0],
  (typeof config.variants)[0],
  (typeof config.variants)[0],
];

describe('buildRequest', () => {
  it('sends the case as written when the variant changes nothing', () => {
    const request = buildRequest(json, plain, 'gemini-2.5-flash', DEFAULT_SNIPPETS);
    expect(request).toEqual({
      model: 'gemini-2.5-flash',
      contents: 'Extract the city.',
      config: {
        maxOutputTokens: 100,
        temperature: 0.5,
        systemInstruction: 'Answer with JSON.',
        responseMimeType: 'application/json',
        responseJsonSchema: json.schema,
      },
    });
  });

  it("adds the case's and the variant's snippets once each, at the end of the system instruction, and sets the temperature", () => {
    const request = buildRequest(json, fixed, 'gemini-2.5-flash', DEFAULT_SNIPPETS);
    expect(request.config?.temperature).toBe(0.8);
    expect(request.config?.systemInstruction).toBe(
      ['Answer with JSON.', DEFAULT_SNIPPETS['escape-policy'], DEFAULT_SNIPPETS['no-repetition']].join(
        '\n\n',
      ),
    );
  });

  it("replaces the case's system instruction and patches the config when the variant says so", () => {
    const request = buildRequest(json, own, 'gemini-2.5-flash', DEFAULT_SNIPPETS);
    expect(request.config?.systemInstruction).toBe('Be brief.');
    expect(request.config?.topP).toBe(0.5);
  });

  it('sends a Gemini schema as responseSchema, and passes contents and tools through', () => {
    const request = buildRequest(agent, plain, 'gemini-2.5-pro', DEFAULT_SNIPPETS);
    expect(request.model).toBe('gemini-2.5-pro');
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'Weather?' }] }]);
    expect(request.config?.responseSchema).toEqual(agent.schema);
    expect(request.config?.responseJsonSchema).toBeUndefined();
    expect(request.config?.tools).toEqual(agent.tools);
    expect(request.config?.systemInstruction).toBeUndefined();
  });

  it('never shares objects with the config, so one run cannot change another', () => {
    const request = buildRequest(agent, plain, 'gemini-2.5-flash', DEFAULT_SNIPPETS);
    const tools = (request.config?.tools ?? []) as unknown as { changed?: boolean }[];
    tools[0]!.changed = true;
    expect(agent.tools?.[0]).not.toHaveProperty('changed');
  });

  it('tells Gemini schemas from JSON Schemas by their upper-case type names', () => {
    expect(isGeminiSchema({ type: 'OBJECT' })).toBe(true);
    expect(isGeminiSchema({ type: 'object' })).toBe(false);
    expect(isGeminiSchema({ $schema: 'x', type: 'OBJECT' })).toBe(false);
  });
});
