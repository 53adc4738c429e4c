import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { textReply } from '../reply-builders.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';
import { systemHas, wireTemperature } from './wire-checks.js';

/**
 * The temperature the scenario's model needs to word the answer its own way: above the 1.0
 * default, so only a re-ask that RAISES the temperature (one recitation step) gets through.
 */
export const RECITATION_SCENARIO_TEMPERATURE = 1.1;
const CHUNK_SIZE = 64;
const RECITED =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ';

/**
 * `recitation`: the answer starts quoting a known text and the candidate finishes with
 * RECITATION. Remedy (GUIDE §2): a more original prompt (the recitation-originality snippet) and
 * a higher temperature.
 */
export const recitationScenario: FailureScenario = {
  id: 'recitation',
  title: 'The answer is stopped for reciting a source',
  remedy: 'recitation-originality snippet; temperature raised above the default',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'Write the opening of a novel about two cities in revolution.',
    config: { maxOutputTokens: 8192 },
  }),
  isRemedied: (body, _model, snippets = DEFAULT_SNIPPETS) =>
    systemHas(body, snippets['recitation-originality']) &&
    (wireTemperature(body) ?? 0) >= RECITATION_SCENARIO_TEMPERATURE,
  create: (options) =>
    buildScenario(
      {
        isRemedied: recitationScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: RECITED,
            chunkSize: 16,
            chunkDelayMs,
            finishReason: 'RECITATION',
            citations: [{ startIndex: 0, endIndex: RECITED.length, uri: 'https://example.org/two-cities' }],
          }),
        behave: () =>
          textReply({
            text: 'Smoke hung over both rivers the morning the bells stopped ringing.',
            chunkSize: CHUNK_SIZE,
          }),
      },
      options,
    ),
};
