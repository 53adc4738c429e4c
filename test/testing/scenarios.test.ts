import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { inspectResponse } from '../../src/inspect.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import {
  FAILURE_SCENARIOS,
  type FailureMode,
  type FailureScenario,
  failureScenario,
  SAFETY_SCENARIO_CATEGORY,
  tableHyphensScenario,
  toolCallLoopScenario,
} from '../../src/testing/scenarios/index.js';
import { withFake } from './with-fake.js';

const MODEL = 'gemini-2.5-flash';

/** Each failure request with its remedy written in by hand (not by the planner), where one exists. */
const REMEDIED: Partial<
  Record<FailureMode, (request: GenerateContentParameters) => GenerateContentParameters>
> = {
  'table-hyphens': (request) =>
    withConfig(request, { systemInstruction: DEFAULT_SNIPPETS['table-format'], temperature: 0.8 }),
  'table-padding': (request) =>
    withConfig(request, { systemInstruction: DEFAULT_SNIPPETS['table-heading-pipe'], temperature: 0.9 }),
  'newline-flood': (request) => ({
    ...withConfig(request, { systemInstruction: DEFAULT_SNIPPETS['escape-policy'] }),
    contents: 'Describe the café as JSON like this example: {"name": "Café Martín", "notes": "open daily"}',
  }),
  'schema-order': (request) =>
    withConfig(request, {
      responseSchema: {
        type: 'OBJECT' as never,
        properties: {
          title: { type: 'STRING' as never },
          summary: { type: 'STRING' as never },
          tags: { type: 'ARRAY' as never, items: { type: 'STRING' as never } },
        },
        required: ['title', 'summary', 'tags'],
        propertyOrdering: ['title', 'summary', 'tags'],
      },
    }),
  'tool-call-loop': (request) =>
    withConfig(request, {
      systemInstruction: `You are a weather assistant.\n\n${DEFAULT_SNIPPETS['thought-recap']}`,
    }),
  'text-loop': (request) =>
    withConfig(request, { systemInstruction: DEFAULT_SNIPPETS['no-repetition'], temperature: 1 }),
  safety: (request) =>
    withConfig(request, {
      safetySettings: [{ category: SAFETY_SCENARIO_CATEGORY as never, threshold: 'BLOCK_NONE' as never }],
    }),
  recitation: (request) =>
    withConfig(request, { systemInstruction: DEFAULT_SNIPPETS['recitation-originality'], temperature: 1.2 }),
};

function withConfig(request: GenerateContentParameters, config: GenerateContentParameters['config']) {
  return { ...request, config: { ...request.config, ...config } };
}

describe.each(FAILURE_SCENARIOS.map((scenario) => [scenario.id, scenario] as [string, FailureScenario]))(
  'the %s scenario',
  (_id, scenario) => {
    it('misbehaves for its failure request and says so through the real SDK', async () => {
      await withFake({ scenario: scenario.create({ chunkDelayMs: 0 }) }, async (fake, ai) => {
        const response = await ai.models.generateContent(scenario.request(MODEL));
        expect(['degenerate', 'blocked']).toContain(inspectResponse(response).verdict);
        expect(scenario.isRemedied(fake.requests[0]?.body ?? {}, MODEL)).toBe(false);
      });
    });

    it(
      scenario.remediable || REMEDIED[scenario.id]
        ? 'behaves once its remedy is in the request'
        : 'never behaves: it has no remedy',
      async () => {
        const remedy = REMEDIED[scenario.id];
        await withFake({ scenario: scenario.create({ chunkDelayMs: 0 }) }, async (fake, ai) => {
          const request = remedy ? remedy(scenario.request(MODEL)) : scenario.request(MODEL);
          const response = await ai.models.generateContent(request);
          const verdict = inspectResponse(response).verdict;
          expect(scenario.isRemedied(fake.requests[0]?.body ?? {}, MODEL)).toBe(remedy !== undefined);
          expect(verdict === 'clean').toBe(remedy !== undefined);
        });
      },
    );
  },
);

describe('remedy checks', () => {
  const body = (systemText: string, temperature?: number) => ({
    systemInstruction: { parts: [{ text: systemText }] },
    generationConfig: temperature === undefined ? {} : { temperature },
  });

  it('want the thought recap at the END of the system instruction', () => {
    const recap = DEFAULT_SNIPPETS['thought-recap'];
    expect(toolCallLoopScenario.isRemedied(body(`Intro.\n\n${recap}`), MODEL)).toBe(true);
    expect(toolCallLoopScenario.isRemedied(body(`${recap}\n\nMore rules after it.`), MODEL)).toBe(false);
  });

  it('want Gemini 3 at 1.0 and older models at 0.8 or more', () => {
    const rules = DEFAULT_SNIPPETS['table-format'];
    expect(tableHyphensScenario.isRemedied(body(rules, 0.8), 'gemini-2.5-flash')).toBe(true);
    expect(tableHyphensScenario.isRemedied(body(rules, 0.5), 'gemini-2.5-flash')).toBe(false);
    expect(tableHyphensScenario.isRemedied(body(rules, 0.8), 'gemini-3-pro-preview')).toBe(false);
    expect(tableHyphensScenario.isRemedied(body(rules, 1), 'gemini-3-pro-preview')).toBe(true);
    expect(tableHyphensScenario.isRemedied(body(rules), 'gemini-3-pro-preview')).toBe(true);
  });
});

describe('simulation mode', () => {
  async function outcomes(seed: number): Promise<boolean[]> {
    const scenario = tableHyphensScenario.create({ failureRate: 0.5, chunkDelayMs: 0 });
    return withFake({ scenario, seed }, async (_fake, ai) => {
      const results: boolean[] = [];
      for (let index = 0; index < 24; index += 1) {
        const response = await ai.models.generateContent(tableHyphensScenario.request(MODEL));
        results.push(inspectResponse(response).verdict === 'degenerate');
      }
      return results;
    });
  }

  it("draws failures from the server's seeded random(): mixed, and the same for the same seed", async () => {
    const first = await outcomes(7);
    const failures = first.filter(Boolean).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(first.length);
    expect(await outcomes(7)).toEqual(first);
  });

  it('misbehaves even with the remedy at the residual rate', async () => {
    const scenario = tableHyphensScenario.create({ residualRate: 1, chunkDelayMs: 0 });
    await withFake({ scenario }, async (_fake, ai) => {
      const response = await ai.models.generateContent(
        REMEDIED['table-hyphens']!(tableHyphensScenario.request(MODEL)),
      );
      expect(inspectResponse(response).verdict).toBe('degenerate');
    });
  });
});

describe('scenario options', () => {
  it('are validated', () => {
    try {
      tableHyphensScenario.create({ failureRate: 2 });
      expect.unreachable('a rate above 1 must be refused');
    } catch (error) {
      expect(isInvalidOptionsError(error)).toBe(true);
    }
  });

  it('find each scenario by its failure mode and refuse unknown ones', () => {
    expect(failureScenario('recitation').id).toBe('recitation');
    expect(() => failureScenario('nope' as never)).toThrow(TypeError);
  });
});
