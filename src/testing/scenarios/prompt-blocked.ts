import { blockedPromptReply, textReply } from '../reply-builders.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';

/**
 * `prompt-blocked`: the prompt itself is blocked with `BlockedReason.OTHER` (no candidate at all).
 * The guide: the query may violate the terms of service or be unsupported; retrying the same
 * prompt does not help. No remedy exists, so the scenario blocks every request.
 */
export const promptBlockedScenario: FailureScenario = {
  id: 'prompt-blocked',
  title: 'The prompt is blocked with OTHER',
  remedy: 'none: terminal, never re-asked',
  remediable: false,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'Summarise this unsupported document.',
    config: { maxOutputTokens: 8192 },
  }),
  isRemedied: () => false,
  create: (options) =>
    buildScenario(
      {
        isRemedied: promptBlockedScenario.isRemedied,
        misbehave: () => blockedPromptReply('OTHER'),
        behave: () => textReply({ text: 'A short summary.' }),
      },
      options,
    ),
};
