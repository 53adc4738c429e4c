import type {
  CallableTool,
  Content,
  FunctionCall,
  FunctionDeclaration,
  GenerateContentParameters,
  Part,
} from '@google/genai';
import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guard/guard.js';
import { inspectResponse } from '../../src/inspect.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { type GenaiWireRecording, replayScenario } from '../../src/testing/replay.js';
import { chunksReply, textReply } from '../../src/testing/reply-builders.js';
import { systemEndsWith } from '../../src/testing/scenarios/index.js';
import type { Scenario } from '../../src/testing/types.js';
import { readCorpusJson, reportMissingCorpus } from '../support/corpus.js';
import { watch, withFake } from './support.js';

const CALL = { name: 'get_weather', args: { city: 'Paris' } };
const ANSWER = 'It is 21 degrees in Paris.';

/** A CallableTool (what `mcpToTool` returns) that records every batch of calls it runs. */
function weatherTool(ran: FunctionCall[][]): CallableTool {
  return {
    tool: async () => ({ functionDeclarations: [{ name: 'get_weather', description: 'Current weather' }] }),
    callTool: async (calls: FunctionCall[]): Promise<Part[]> => {
      ran.push(calls);
      return calls.map((call) => ({
        functionResponse: { name: call.name ?? '', response: { celsius: 21 } },
      }));
    },
  };
}

/** The request every test sends: one question, the weather tool run by the SDK. */
function weatherRequest(tool: CallableTool): GenerateContentParameters {
  return { model: 'gemini-2.5-flash', contents: 'Weather in Paris?', config: { tools: [tool] } };
}

const callTurn = chunksReply([
  {
    candidates: [
      { content: { role: 'model', parts: [{ functionCall: CALL }] }, finishReason: 'STOP', index: 0 },
    ],
  },
]);

/** Calls the same tool with the same arguments every time, until the thought recap ends its system instruction. */
const loopingAgent: Scenario = (request) =>
  systemEndsWith(request.body, DEFAULT_SNIPPETS['thought-recap']) ? textReply({ text: ANSWER }) : callTurn;

/** Calls the tool once, then answers once it has the result. */
const politeAgent: Scenario = (request) => {
  const contents = (request.body.contents ?? []) as Content[];
  const hasResult = contents.some((content) => content.parts?.some((part) => part.functionResponse));
  return hasResult ? textReply({ text: ANSWER }) : callTurn;
};

describe('tools the SDK runs itself (automatic function calling)', () => {
  it('without the guard, the SDK runs a looping call ten times and returns a call it already ran', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const response = await ai.models.generateContent(weatherRequest(weatherTool(ran)));
      expect(ran).toHaveLength(10);
      expect(fake.requests).toHaveLength(10);
      expect(response.functionCalls).toEqual([CALL]);
      // Inspected afterwards, the response shows the loop through the tool turns it carries.
      expect(inspectResponse(response).abortedBy?.detector).toBe('tool-call-loop');
      expect(inspectResponse(JSON.parse(JSON.stringify(response))).verdict).toBe('degenerate');
      // Three rounds instead of ten (the question, then three call and result turns): a warning.
      const turns = response.automaticFunctionCallingHistory ?? [];
      expect(
        inspectResponse({ ...response, automaticFunctionCallingHistory: turns.slice(0, 7) }).verdict,
      ).toBe('warn');
    });
  });

  it('the guard sees every call, stops the loop before the fifth identical call runs, and re-asks', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const result = await guard(ai).generate(weatherRequest(weatherTool(ran)));
      expect(result.attempts.map((attempt) => attempt.verdict)).toEqual(['degenerate', 'clean']);
      const first = result.attempts[0];
      expect(first?.findings.find((each) => each.severity === 'abort')?.detector).toBe('tool-call-loop');
      expect(result.notes.join(' ')).toMatch(
        /Stopped the SDK's automatic function calling before it ran get_weather again, after 4 rounds/,
      );
      expect(result.attempts[1]?.plan?.snippets.map((snippet) => snippet.id)).toContain('thought-recap');
      // Four calls ran in the first attempt; the fifth was stopped, and no sixth request was sent.
      expect(ran).toHaveLength(4);
      expect(fake.requests).toHaveLength(6);
      expect(result.response.text).toBe(ANSWER);
    });
  });

  it("only watches with onDegenerate: 'report': the SDK's loop runs on, and the loop is reported", async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const result = await guard(ai, { onDegenerate: 'report' }).generate(weatherRequest(weatherTool(ran)));
      expect(result.attempts.map((attempt) => attempt.verdict)).toEqual(['degenerate']);
      expect(result.attempts[0]?.findings.find((each) => each.severity === 'abort')?.detector).toBe(
        'tool-call-loop',
      );
      expect(result.notes.join(' ')).not.toMatch(/Stopped/);
      expect(ran).toHaveLength(10);
      expect(fake.requests).toHaveLength(10);
    });
  });

  it('leaves a tool loop that ends on its own alone, and counts its calls once', async () => {
    await withFake({ scenario: politeAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const result = await guard(ai).generate(weatherRequest(weatherTool(ran)));
      expect(result.attempts.map((attempt) => attempt.verdict)).toEqual(['clean']);
      expect(result.attempts[0]?.findings).toEqual([]);
      expect(ran).toEqual([[CALL]]);
      expect(fake.requests).toHaveLength(2);
      expect(result.response.text).toBe(ANSWER);
    });
  });

  it('a guarded chat keeps the calls and results the SDK exchanged, as the SDK chat does', async () => {
    await withFake({ scenario: politeAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const chat = guard(ai).chats.create({
        model: 'gemini-2.5-flash',
        config: { tools: [weatherTool(ran)] },
      });
      expect((await chat.sendMessage({ message: 'Weather in Paris?' })).text).toBe(ANSWER);
      expect(chat.getHistory().map((turn) => Object.keys(turn.parts?.[0] ?? {})[0])).toEqual([
        'text',
        'functionCall',
        'functionResponse',
        'text',
      ]);
      await chat.sendMessage({ message: 'Thanks!' });
      const sent = fake.requests.at(-1)?.body.contents as Content[];
      expect(sent.map((turn) => turn.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
      expect(sent[2]?.parts?.[0]?.functionResponse?.response).toEqual({ celsius: 21 });
      expect(ran).toHaveLength(1);
    });
  });

  it('a guarded chat streaming a turn keeps the tool turns apart from its answer', async () => {
    await withFake({ scenario: politeAgent }, async (_fake, ai) => {
      const ran: FunctionCall[][] = [];
      const chat = guard(ai).chats.create({
        model: 'gemini-2.5-flash',
        config: { tools: [weatherTool(ran)] },
      });
      const stream = await chat.sendMessageStream({ message: 'Weather in Paris?' });
      for await (const _chunk of stream) {
        // Read to the end: the history is updated when the stream ends.
      }
      await stream.result;
      expect(chat.getHistory().map((turn) => [turn.role, Object.keys(turn.parts?.[0] ?? {})[0]])).toEqual([
        ['user', 'text'],
        ['model', 'functionCall'],
        ['user', 'functionResponse'],
        ['model', 'text'],
      ]);
      expect(chat.lastResult?.response.text).toBe(ANSWER);
      expect(ran).toHaveLength(1);
    });
  });

  it('a guarded stream closes at the fifth identical call, before the SDK runs it', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const ran: FunctionCall[][] = [];
      const watched = await watch(guard(ai, { maxAttempts: 1 }).stream(weatherRequest(weatherTool(ran))));
      expect(watched.result.attempts[0]?.findings.find((each) => each.severity === 'abort')?.detector).toBe(
        'tool-call-loop',
      );
      expect(ran).toHaveLength(4);
      expect(fake.requests).toHaveLength(5);
    });
  });

  it('keeps the wrapped tool working as itself: methods run on the tool, not on a copy', async () => {
    class Counter implements CallableTool {
      #runs = 0;
      async tool() {
        return { functionDeclarations: [{ name: 'get_weather' }] };
      }
      async callTool(calls: FunctionCall[]): Promise<Part[]> {
        this.#runs += 1;
        return calls.map((call) => ({
          functionResponse: { name: call.name ?? '', response: { runs: this.#runs } },
        }));
      }
      get runs() {
        return this.#runs;
      }
    }
    await withFake({ scenario: politeAgent }, async (_fake, ai) => {
      const counter = new Counter();
      const result = await guard(ai).generate(weatherRequest(counter));
      expect(result.ok).toBe(true);
      expect(counter.runs).toBe(1);
    });
  });
});

const AFC_RECORDING = 'genai-wire/non-streaming_Tests_generateContent_afc_enabled_Google_AI_AFC_enabled.json';

describe.runIf(reportMissingCorpus('the recorded automatic-function-calling exchange'))(
  'a recorded exchange of the SDK running a tool itself',
  () => {
    it('puts the same turns on the wire through the watched tool, and ends clean with the recorded answer', async () => {
      const recording = readCorpusJson<GenaiWireRecording>(AFC_RECORDING);
      const [first, second] = recording.interactions.map(
        (each) => each.request.bodySegments?.[0] as GenerateContentParameters & { tools: unknown[] },
      );
      if (first === undefined || second === undefined) throw new Error(`${AFC_RECORDING} holds two requests`);
      const declarations = (first.tools[0] as { functionDeclarations: FunctionDeclaration[] })
        .functionDeclarations;
      const ran: FunctionCall[][] = [];
      const divide: CallableTool = {
        tool: async () => ({ functionDeclarations: declarations }),
        callTool: async (calls) => {
          ran.push(calls);
          return calls.map((call) => ({
            functionResponse: { name: call.name ?? '', response: { output: 42 } },
          }));
        },
      };
      await withFake({ scenario: replayScenario(recording) }, async (fake, ai) => {
        const result = await guard(ai).generate({
          model: 'gemini-2.0-flash',
          contents: 'Divide 10 by 2 using the customDivide function',
          config: { tools: [divide] },
        });
        expect(fake.requests.map((request) => request.body.contents)).toEqual([
          first?.contents,
          second?.contents,
        ]);
        expect(ran).toEqual([[{ name: 'customDivide', args: { denominator: 2, numerator: 10 } }]]);
        expect(result.attempts.map((attempt) => attempt.verdict)).toEqual(['clean']);
        expect(result.response.text).toBe(
          "I've divided 10 by 2 using the customDivide function, and the result is 42.\n",
        );
      });
    });
  },
);
