import { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { defineDetector } from '../src/registry.js';
import { classifyFinishReason } from './finish-reasons.js';
import { makeFinding } from './support.js';

const ID = 'finish-other';

/** Options of the `finish-other` detector. */
export const FinishOtherOptionsSchema = z
  .object({
    /** Finish reasons you expect and do not want reported (compared without regard to case). */
    ignore: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** Options of the `finish-other` detector, before defaults. */
export type FinishOtherOptions = z.input<typeof FinishOtherOptionsSchema>;

/**
 * Create the `finish-other` detector: a `warn` finding for every abnormal finish reason the other
 * classifiers do not own (MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS,
 * LANGUAGE, OTHER, MALFORMED_RESPONSE, NO_IMAGE, IMAGE_OTHER and unknown reasons, kept raw),
 * saying in plain words what happened and what to do.
 */
export function createFinishOtherDetector(options: FinishOtherOptions = {}): Detector {
  const settings = parseOptions(FinishOtherOptionsSchema, options, `options of detector "${ID}"`);
  const ignored = new Set(settings.ignore.map((reason) => reason.toUpperCase()));
  let reported = false;
  return {
    id: ID,
    accepts: ['finish'],
    push(event: GuardEvent): Finding[] {
      if (reported || event.type !== 'finish' || ignored.has(event.reason.toUpperCase())) return [];
      const info = classifyFinishReason(event.reason);
      if (info.class !== 'other') return [];
      reported = true;
      return [
        makeFinding({
          detector: ID,
          severity: 'warn',
          message: `The model stopped early: ${info.what} (${event.reason}); ${info.todo}.`,
          candidate: event.candidate,
          start: event.textLength,
          end: event.textLength,
          evidence: event.reason,
          remediations: info.remediations,
          data: { reason: event.reason },
        }),
      ];
    },
    end: () => [],
    reset() {
      reported = false;
    },
  };
}

/** The `finish-other` detector's definition for the default set. */
export const FinishOtherDefinition = defineDetector({
  id: ID,
  summary: 'Any other abnormal finish reason (malformed or unexpected tool calls, LANGUAGE, OTHER...).',
  optionsSchema: FinishOtherOptionsSchema,
  create: (options) => createFinishOtherDetector(options),
});
