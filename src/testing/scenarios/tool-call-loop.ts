import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { chunksReply } from '../reply-builders.js';
import { estimateTokens } from '../text-chunks.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';
import { systemEndsWith, temperatureRemedied } from './wire-checks.js';

/** Identical calls streamed by the looping model: eight times the detector's abort bar of 5. */
const RUNAWAY_CALLS = 40;
/** A stand-in for the opaque signature Gemini 3 puts on the first function-call part of a turn. */
export const SCENARIO_THOUGHT_SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1maXJzdC1jYWxs';

const CALL = { name: 'get_weather', args: { city: 'Paris' } };

/** One streamed chunk holding one call; the first carries the thought signature. */
function callChunk(index: number, last: boolean): Record<string, unknown> {
  const part = {
    functionCall: CALL,
    ...(index === 0 ? { thoughtSignature: SCENARIO_THOUGHT_SIGNATURE } : {}),
  };
  const candidatesTokenCount = (index + 1) * estimateTokens(JSON.stringify(CALL).length);
  return {
    candidates: [
      { content: { role: 'model', parts: [part] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) },
    ],
    usageMetadata: { candidatesTokenCount, totalTokenCount: candidatesTokenCount },
  };
}

/**
 * `tool-call-loop`: the model calls the same tool with the same arguments again and again.
 * Remedy (GUIDE §1): the thought-recap snippet at the END of the system instruction (and the
 * temperature rule: Gemini 3 kept at 1.0).
 */
export const toolCallLoopScenario: FailureScenario = {
  id: 'tool-call-loop',
  title: 'The model repeats the same tool call',
  remedy: 'thought-recap snippet at the END of the system instruction',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'What is the weather in Paris?',
    config: {
      systemInstruction: 'You are a weather assistant.',
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather for a city' }] }],
      maxOutputTokens: 8192,
    },
  }),
  isRemedied: (body, model, snippets = DEFAULT_SNIPPETS) =>
    systemEndsWith(body, snippets['thought-recap']) && temperatureRemedied(model, body),
  create: (options) =>
    buildScenario(
      {
        isRemedied: toolCallLoopScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          chunksReply(
            Array.from({ length: RUNAWAY_CALLS }, (_, index) =>
              callChunk(index, index === RUNAWAY_CALLS - 1),
            ),
            { chunkDelayMs },
          ),
        behave: () => chunksReply([callChunk(0, true)]),
      },
      options,
    ),
};
