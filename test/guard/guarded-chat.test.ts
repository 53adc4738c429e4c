import type { Content } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guard/guard.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { chunksReply, textReply } from '../../src/testing/reply-builders.js';
import { SCENARIO_THOUGHT_SIGNATURE, systemEndsWith } from '../../src/testing/scenarios/index.js';
import type { Scenario } from '../../src/testing/types.js';
import { withFake } from './support.js';

const CALL = { name: 'get_weather', args: { city: 'Paris' } };
const TOOLS = [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather' }] }];

/** An agent that calls the same tool every turn until the thought recap ends its system instruction. */
const loopingAgent: Scenario = (request) =>
  systemEndsWith(request.body, DEFAULT_SNIPPETS['thought-recap'])
    ? textReply({ text: 'It is 21 degrees in Paris.' })
    : chunksReply([
        {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [{ functionCall: CALL, thoughtSignature: SCENARIO_THOUGHT_SIGNATURE }],
              },
              finishReason: 'STOP',
              index: 0,
            },
          ],
        },
      ]);

const TOOL_RESULT = { message: [{ functionResponse: { name: 'get_weather', response: { celsius: 21 } } }] };

describe('a guarded chat', () => {
  it('catches a tool-call loop that spans turns and fixes it with the thought recap', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const chat = guard(ai).chats.create({ model: 'gemini-3-flash-preview', config: { tools: TOOLS } });
      let response = await chat.sendMessage({ message: 'What is the weather in Paris?' });
      let turns = 1;
      while (response.functionCalls && turns < 10) {
        response = await chat.sendMessage(TOOL_RESULT);
        turns += 1;
      }
      expect(response.text).toBe('It is 21 degrees in Paris.');
      expect(turns).toBe(5);
      const last = chat.lastResult;
      expect(last?.attempts.map((attempt) => attempt.verdict)).toEqual(['degenerate', 'clean']);
      expect(last?.attempts[0]?.findings.find((each) => each.severity === 'abort')?.detector).toBe(
        'tool-call-loop',
      );
      expect(last?.attempts[1]?.plan?.snippets.map((snippet) => snippet.id)).toContain('thought-recap');
      expect(fake.requests).toHaveLength(6);
    });
  });

  it('replays model turns exactly as received, thought signature included', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const chat = guard(ai).chats.create({ model: 'gemini-3-flash-preview', config: { tools: TOOLS } });
      await chat.sendMessage({ message: 'What is the weather in Paris?' });
      await chat.sendMessage(TOOL_RESULT);
      const contents = fake.requests[1]?.body.contents as Content[];
      expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
      expect(contents[1]?.parts).toEqual([
        { functionCall: CALL, thoughtSignature: SCENARIO_THOUGHT_SIGNATURE },
      ]);
      expect(chat.getHistory()[1]?.parts?.[0]?.thoughtSignature).toBe(SCENARIO_THOUGHT_SIGNATURE);
    });
  });

  it('keeps the fixes that made a turn clean for the turns after it', async () => {
    await withFake({ scenario: loopingAgent }, async (fake, ai) => {
      const chat = guard(ai).chats.create({ model: 'gemini-2.5-flash', config: { tools: TOOLS } });
      await chat.sendMessage({ message: 'Weather?' });
      for (let turn = 0; turn < 4; turn += 1) await chat.sendMessage(TOOL_RESULT);
      const before = fake.requests.length;
      const next = await chat.sendMessage({ message: 'And tomorrow?' });
      expect(next.text).toBe('It is 21 degrees in Paris.');
      expect(fake.requests.length - before).toBe(1);
      expect(chat.lastResult?.attempts[0]?.plan?.snippets.map((snippet) => snippet.id)).toContain(
        'thought-recap',
      );
    });
  });

  it('does not add a turn that ended without an accepted answer to the history', async () => {
    const blocked: Scenario = () => textReply({ text: 'Partial', finishReason: 'SAFETY' });
    await withFake({ scenario: blocked }, async (_fake, ai) => {
      const chat = guard(ai).chats.create({ model: 'gemini-2.5-flash', history: [] });
      await chat.sendMessage({ message: 'Hello' });
      expect(chat.getHistory()).toEqual([]);
      expect(chat.lastResult?.stopReason).toBe('needs-safety-policy');
    });
  });

  it('streams a turn and records it once the stream is read to its end', async () => {
    await withFake(
      { scenario: () => textReply({ text: 'Streamed reply.', chunkSize: 4 }) },
      async (_fake, ai) => {
        const chat = guard(ai).chats.create({ model: 'gemini-2.5-flash' });
        const stream = await chat.sendMessageStream({ message: 'Hi' });
        let text = '';
        for await (const chunk of stream) text += chunk.text ?? '';
        await stream.result;
        expect(text).toBe('Streamed reply.');
        const history = chat.getHistory();
        expect(history.map((content) => content.role)).toEqual(['user', 'model']);
        expect(history[1]?.parts?.map((part) => part.text).join('')).toBe('Streamed reply.');
      },
    );
  });
});
