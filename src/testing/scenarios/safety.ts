import { textReply } from '../reply-builders.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';
import { safetyRelaxed } from './wire-checks.js';

/** The category the scenario's filter trips on. */
export const SAFETY_SCENARIO_CATEGORY = 'HARM_CATEGORY_DANGEROUS_CONTENT';
const CHUNK_SIZE = 64;
const PARTIAL = 'To clear the blocked drain, first mix the two cleaners together so that they ';

/**
 * `safety`: the answer starts streaming, then the candidate finishes with SAFETY (its content
 * filtered). Only the caller may relax safety settings (GUIDE §2): the scenario answers once the
 * request lets MEDIUM-rated dangerous content through, which only a `safetyPolicy` does.
 */
export const safetyScenario: FailureScenario = {
  id: 'safety',
  title: 'The answer is stopped by the safety filters',
  remedy: "none by default (review the prompt); a re-ask only with the caller's explicit safetyPolicy",
  remediable: false,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'How do I clear a blocked drain with household cleaners?',
    config: { maxOutputTokens: 8192 },
  }),
  isRemedied: (body) => safetyRelaxed(body, SAFETY_SCENARIO_CATEGORY),
  create: (options) =>
    buildScenario(
      {
        isRemedied: safetyScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: PARTIAL,
            chunkSize: 16,
            chunkDelayMs,
            finishReason: 'SAFETY',
            safetyRatings: [
              { category: SAFETY_SCENARIO_CATEGORY, probability: 'MEDIUM', blocked: true },
              { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
            ],
          }),
        behave: () =>
          textReply({
            text: 'Use a plunger or a drain snake; never mix cleaners, as some combinations release toxic gas.',
            chunkSize: CHUNK_SIZE,
          }),
      },
      options,
    ),
};
