import { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { defineDetector } from '../src/registry.js';
import { classifyBlockReason, namedCategories, sentenceStart } from './finish-reasons.js';
import { makeFinding } from './support.js';

const ID = 'prompt-blocked';

/** Options of the `prompt-blocked` detector. */
export const PromptBlockedOptionsSchema = z
  .object({
    /** When no rating says `blocked`, name the categories rated at least this probable. */
    nameProbabilityAtLeast: z.enum(['LOW', 'MEDIUM', 'HIGH']).default('MEDIUM'),
  })
  .strict();

/** Options of the `prompt-blocked` detector, before defaults. */
export type PromptBlockedOptions = z.input<typeof PromptBlockedOptionsSchema>;

/**
 * Create the `prompt-blocked` detector: an `abort` finding when the prompt itself was blocked
 * (`promptFeedback.blockReason` set to anything but the unspecified value). OTHER, JAILBREAK,
 * MODEL_ARMOR and unknown reasons are terminal: the only fix is `do-not-retry`. Safety reasons
 * ask for a review of the prompt. Re-sending the same prompt never helps, so `data.retryable` is
 * always false.
 */
export function createPromptBlockedDetector(options: PromptBlockedOptions = {}): Detector {
  const settings = parseOptions(PromptBlockedOptionsSchema, options, `options of detector "${ID}"`);
  let reported = false;
  return {
    id: ID,
    accepts: ['prompt-feedback'],
    push(event: GuardEvent): Finding[] {
      if (reported || event.type !== 'prompt-feedback' || event.blockReason === undefined) return [];
      const info = classifyBlockReason(event.blockReason);
      if (info.class === 'none') return [];
      reported = true;
      const categories = namedCategories(event.safetyRatings, settings.nameProbabilityAtLeast);
      const named = categories.length > 0 ? `; ${categories.join(', ')}` : '';
      return [
        makeFinding({
          detector: ID,
          severity: 'abort',
          message: `${sentenceStart(info.what)} (${event.blockReason}${named}); ${info.todo}.`,
          candidate: event.candidate,
          start: 0,
          end: 0,
          evidence:
            categories.length > 0 ? `${event.blockReason}: ${categories.join(', ')}` : event.blockReason,
          remediations: info.remediations,
          data: {
            reason: event.blockReason,
            categories,
            retryable: false,
            terminal: info.class === 'terminal',
          },
        }),
      ];
    },
    end: () => [],
    reset() {
      reported = false;
    },
  };
}

/** The `prompt-blocked` detector's definition for the default set. */
export const PromptBlockedDefinition = defineDetector({
  id: ID,
  summary: 'The prompt itself was blocked (promptFeedback.blockReason); OTHER must never be retried.',
  optionsSchema: PromptBlockedOptionsSchema,
  create: (options) => createPromptBlockedDetector(options),
});
