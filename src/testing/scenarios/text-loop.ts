import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { textReply } from '../reply-builders.js';
import {
  buildScenario,
  DEFAULT_SCENARIO_MODEL,
  type FailureScenario,
  startTemperature,
} from './scenario-kit.js';
import { systemHas, temperatureRemedied } from './wire-checks.js';

/** Copies of the looping paragraph: far past the detector's abort bar (3 copies). */
const RUNAWAY_COPIES = 80;
const CHUNK_SIZE = 64;
const LOOP = 'The key insight is that the cache must be invalidated whenever the source changes. ';

/**
 * `text-loop`: with thinking on, the answer repeats one passage until the token limit. Remedy
 * (GUIDE §1): the no-repetition snippet, a temperature of at least 0.8 (Gemini 3: kept at 1.0),
 * and no instructions that dictate how to think (flagged for the caller).
 */
export const textLoopScenario: FailureScenario = {
  id: 'text-loop',
  title: 'The answer repeats one passage over and over',
  remedy: 'no-repetition snippet in the system instruction; temperature >= 0.8 (Gemini 3 kept at 1.0)',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'Think step by step about cache invalidation, then explain when a build cache must be cleared.',
    config: {
      temperature: startTemperature(model),
      maxOutputTokens: 8192,
      thinkingConfig: { includeThoughts: true },
    },
  }),
  isRemedied: (body, model, snippets = DEFAULT_SNIPPETS) =>
    systemHas(body, snippets['no-repetition']) && temperatureRemedied(model, body),
  create: (options) =>
    buildScenario(
      {
        isRemedied: textLoopScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            thoughts: ['Thinking about when caches go stale.'],
            text: LOOP.repeat(RUNAWAY_COPIES),
            chunkSize: CHUNK_SIZE,
            chunkDelayMs,
            finishReason: 'MAX_TOKENS',
          }),
        behave: () =>
          textReply({
            thoughts: ['Thinking about when caches go stale.'],
            text: 'Clear a build cache when its inputs change in a way the cache key does not capture.',
            chunkSize: CHUNK_SIZE,
          }),
      },
      options,
    ),
};
