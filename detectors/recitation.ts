import { z } from 'zod';
import type { CitationInfo, GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { defineDetector } from '../src/registry.js';
import { classifyFinishReason, sentenceStart } from './finish-reasons.js';
import { makeFinding } from './support.js';

const ID = 'recitation';
/** Citations kept in a finding; real recitation stops cite a handful of sources (031 cites 4). */
const MAX_CITATIONS = 20;
/** Sources named in the message; the rest are in `data.citations`. */
const MESSAGE_SOURCES = 3;

/** Options of the `recitation` detector (none yet). */
export const RecitationOptionsSchema = z.object({}).strict();

/** Options of the `recitation` detector, before defaults. */
export type RecitationOptions = z.input<typeof RecitationOptionsSchema>;

/** A cited source as a finding reports it. */
export interface RecitedSource {
  readonly uri?: string;
  readonly start?: number;
  readonly end?: number;
}

/**
 * Create the `recitation` detector: an `abort` finding when a candidate finishes with RECITATION
 * or IMAGE_RECITATION. `data.citations` lists the cited sources (uri, start, end) and
 * `data.retract` says whether text already streamed must be withdrawn.
 */
export function createRecitationDetector(options: RecitationOptions = {}): Detector {
  parseOptions(RecitationOptionsSchema, options, `options of detector "${ID}"`);
  let reported = false;
  return {
    id: ID,
    accepts: ['finish'],
    push(event: GuardEvent): Finding[] {
      if (reported || event.type !== 'finish') return [];
      const info = classifyFinishReason(event.reason);
      if (info.class !== 'recitation') return [];
      reported = true;
      const citations = event.citations.slice(0, MAX_CITATIONS).map(sourceOf);
      const uris = [...new Set(citations.flatMap((citation) => (citation.uri ? [citation.uri] : [])))];
      const cited = uris.length > 0 ? `; cited: ${uris.slice(0, MESSAGE_SOURCES).join(', ')}` : '';
      const retract = event.textLength > 0;
      const withdraw = retract ? ' The text already streamed should be withdrawn.' : '';
      return [
        makeFinding({
          detector: ID,
          severity: 'abort',
          message: `${sentenceStart(info.what)} (${event.reason}${cited}); ${info.todo}.${withdraw}`,
          candidate: event.candidate,
          start: event.textLength,
          end: event.textLength,
          evidence: event.reason,
          remediations: info.remediations,
          data: { reason: event.reason, citations, retract },
        }),
      ];
    },
    end: () => [],
    reset() {
      reported = false;
    },
  };
}

function sourceOf(citation: CitationInfo): RecitedSource {
  return {
    ...(citation.uri === undefined ? {} : { uri: citation.uri }),
    ...(citation.startIndex === undefined ? {} : { start: citation.startIndex }),
    ...(citation.endIndex === undefined ? {} : { end: citation.endIndex }),
  };
}

/** The `recitation` detector's definition for the default set. */
export const RecitationDefinition = defineDetector({
  id: ID,
  summary: 'A candidate stopped for RECITATION: the output resembled existing material.',
  optionsSchema: RecitationOptionsSchema,
  create: (options) => createRecitationDetector(options),
});
