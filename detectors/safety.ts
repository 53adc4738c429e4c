import { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { defineDetector } from '../src/registry.js';
import { classifyFinishReason, namedCategories, sentenceStart } from './finish-reasons.js';
import { makeFinding } from './support.js';

const ID = 'safety';

/** Options of the `safety` detector. */
export const SafetyOptionsSchema = z
  .object({
    /**
     * When no rating says `blocked`, name the categories rated at least this probable. MEDIUM by
     * default: below it only the strictest threshold blocks.
     */
    nameProbabilityAtLeast: z.enum(['LOW', 'MEDIUM', 'HIGH']).default('MEDIUM'),
  })
  .strict();

/** Options of the `safety` detector, before defaults. */
export type SafetyOptions = z.input<typeof SafetyOptionsSchema>;

/**
 * Create the `safety` detector: an `abort` finding when a candidate finishes with SAFETY,
 * PROHIBITED_CONTENT, BLOCKLIST, SPII, IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT or a newer reason of
 * that family. It names the categories from the safety ratings and says whether text already
 * streamed must be withdrawn (`data.retract`). Its fix is a review of the prompt, never a
 * relaxed safety setting: relaxing them is the user's decision.
 */
export function createSafetyDetector(options: SafetyOptions = {}): Detector {
  const settings = parseOptions(SafetyOptionsSchema, options, `options of detector "${ID}"`);
  let reported = false;
  return {
    id: ID,
    accepts: ['finish'],
    push(event: GuardEvent): Finding[] {
      if (reported || event.type !== 'finish') return [];
      const info = classifyFinishReason(event.reason);
      if (info.class !== 'safety') return [];
      reported = true;
      const categories = namedCategories(event.safetyRatings, settings.nameProbabilityAtLeast);
      const retract = event.textLength > 0;
      const named = categories.length > 0 ? `; ${categories.join(', ')}` : '';
      const withdraw = retract ? ' The text already streamed should be withdrawn.' : '';
      return [
        makeFinding({
          detector: ID,
          severity: 'abort',
          message: `${sentenceStart(info.what)} (${event.reason}${named}); ${info.todo}.${withdraw}`,
          candidate: event.candidate,
          start: event.textLength,
          end: event.textLength,
          evidence: categories.length > 0 ? `${event.reason}: ${categories.join(', ')}` : event.reason,
          remediations: info.remediations,
          data: { reason: event.reason, categories, retract },
        }),
      ];
    },
    end: () => [],
    reset() {
      reported = false;
    },
  };
}

/** The `safety` detector's definition for the default set. */
export const SafetyDefinition = defineDetector({
  id: ID,
  summary: 'A candidate stopped by the safety filters (SAFETY, PROHIBITED_CONTENT, BLOCKLIST, SPII...).',
  optionsSchema: SafetyOptionsSchema,
  create: (options) => createSafetyDetector(options),
});
