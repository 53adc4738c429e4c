import { z } from 'zod';
import type { FinishEvent, GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { defineDetector } from '../src/registry.js';
import { classifyFinishReason } from './finish-reasons.js';
import { makeFinding } from './support.js';

const ID = 'max-tokens';

/** Options of the `max-tokens` detector (none yet). */
export const MaxTokensOptionsSchema = z.object({}).strict();

/** Options of the `max-tokens` detector, before defaults. */
export type MaxTokensOptions = z.input<typeof MaxTokensOptionsSchema>;

/**
 * Create the `max-tokens` detector: a `warn` finding when a candidate finishes with MAX_TOKENS.
 * `data.onlyThoughts` says thinking used the budget and no answer text came back (thought text,
 * or `thoughtsTokenCount` in the usage); `data.empty` says nothing at all came back. Usage totals
 * arrive after the finish in the same chunk, so the finding is given by the next `usage` event
 * (normally the same chunk) or by `end()`.
 */
export function createMaxTokensDetector(options: MaxTokensOptions = {}): Detector {
  parseOptions(MaxTokensOptionsSchema, options, `options of detector "${ID}"`);
  let pending: FinishEvent | undefined;
  let reported = false;
  let sawCall = false;
  let thoughtsTokens: number | undefined;
  let candidatesTokens: number | undefined;

  function flush(): Finding[] {
    if (!pending) return [];
    const event = pending;
    pending = undefined;
    reported = true;
    return [describe(event, sawCall, thoughtsTokens, candidatesTokens)];
  }

  return {
    id: ID,
    accepts: ['finish', 'function-call', 'usage'],
    push(event: GuardEvent): Finding[] {
      switch (event.type) {
        case 'function-call':
          sawCall = true;
          return [];
        case 'usage':
          thoughtsTokens = event.usage.thoughtsTokenCount ?? thoughtsTokens;
          candidatesTokens = event.usage.candidatesTokenCount ?? candidatesTokens;
          return flush();
        case 'finish':
          if (!reported && !pending && classifyFinishReason(event.reason).class === 'max-tokens')
            pending = event;
          return [];
        default:
          return [];
      }
    },
    end: flush,
    reset() {
      pending = undefined;
      reported = false;
      sawCall = false;
      thoughtsTokens = undefined;
      candidatesTokens = undefined;
    },
  };
}

function describe(
  event: FinishEvent,
  sawCall: boolean,
  thoughtsTokens: number | undefined,
  candidatesTokens: number | undefined,
): Finding {
  const noAnswer = event.textLength === 0 && !sawCall;
  const onlyThoughts = noAnswer && (event.thoughtLength > 0 || (thoughtsTokens ?? 0) > 0);
  const empty = noAnswer && event.thoughtLength === 0;
  const info = classifyFinishReason(event.reason);
  const thinking = thoughtsTokens === undefined ? 'thinking' : `thinking (${thoughtsTokens} thought tokens)`;
  const what = onlyThoughts
    ? `${thinking} used the whole output budget and ${empty ? 'nothing' : 'only thought text'} came back`
    : empty
      ? 'nothing came back'
      : `the answer is cut off after ${event.textLength} characters`;
  return makeFinding({
    detector: ID,
    severity: 'warn',
    message: `The response hit the output token limit (${event.reason}): ${what}; ${info.todo}.`,
    candidate: event.candidate,
    start: event.textLength,
    end: event.textLength,
    evidence: event.reason,
    remediations: info.remediations,
    data: {
      reason: event.reason,
      textLength: event.textLength,
      thoughtLength: event.thoughtLength,
      onlyThoughts,
      empty,
      ...(thoughtsTokens === undefined ? {} : { thoughtsTokenCount: thoughtsTokens }),
      ...(candidatesTokens === undefined ? {} : { candidatesTokenCount: candidatesTokens }),
    },
  });
}

/** The `max-tokens` detector's definition for the default set. */
export const MaxTokensDefinition = defineDetector({
  id: ID,
  summary: 'A candidate cut off at the output token limit (MAX_TOKENS), noting thought-only or empty output.',
  optionsSchema: MaxTokensOptionsSchema,
  create: (options) => createMaxTokensDetector(options),
});
