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
  return new MaxTokensDetector();
}

/** Holds a MAX_TOKENS finish until the usage totals that describe it arrive (or the text ends). */
class MaxTokensDetector implements Detector {
  readonly id = ID;
  readonly accepts = ['finish', 'function-call', 'usage'] as const;
  private pending: FinishEvent | undefined;
  private reported = false;
  private sawCall = false;
  private thoughtsTokens: number | undefined;
  private candidatesTokens: number | undefined;

  push(event: GuardEvent): Finding[] {
    switch (event.type) {
      case 'function-call':
        this.sawCall = true;
        return [];
      case 'usage':
        this.thoughtsTokens = event.usage.thoughtsTokenCount ?? this.thoughtsTokens;
        this.candidatesTokens = event.usage.candidatesTokenCount ?? this.candidatesTokens;
        return this.flush();
      case 'finish':
        if (!this.reported && !this.pending && classifyFinishReason(event.reason).class === 'max-tokens')
          this.pending = event;
        return [];
      default:
        return [];
    }
  }

  end(): Finding[] {
    return this.flush();
  }

  reset(): void {
    this.pending = undefined;
    this.reported = false;
    this.sawCall = false;
    this.thoughtsTokens = undefined;
    this.candidatesTokens = undefined;
  }

  private flush(): Finding[] {
    const event = this.pending;
    if (!event) return [];
    this.pending = undefined;
    this.reported = true;
    return [describe(event, this.sawCall, this.thoughtsTokens, this.candidatesTokens)];
  }
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
