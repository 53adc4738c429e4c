import type { GenerateContentParameters } from '@google/genai';
import type { UsageInfo } from '../events.js';
import { modelFamily } from '../remediation/model-family.js';
import type { AttemptTokens, GuardAttempt, GuardTotals } from './guard-types.js';

/** Google's rule of thumb for Gemini: a token is about four characters. Used only when usage is missing. */
export const CHARS_PER_TOKEN = 4;

/** Tokens for `characters` characters by {@link CHARS_PER_TOKEN}, rounded up. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / CHARS_PER_TOKEN);
}

/** What {@link attemptTokens} reads. */
export interface TokenInputs {
  readonly usage: UsageInfo | undefined;
  /** Characters of answer and thought text received (the estimate when usage is missing). */
  readonly characters: number;
  readonly request: GenerateContentParameters;
  /** Whether the attempt was cut off early. */
  readonly aborted: boolean;
}

/**
 * The token figures of one attempt: output tokens from the last usage report (running totals in
 * a stream), else estimated from the text; and, for an attempt cut off early, the output tokens
 * saved, estimated against the request's `maxOutputTokens` (else the model's output limit).
 */
export function attemptTokens(inputs: TokenInputs): AttemptTokens {
  const { usage } = inputs;
  const reported = usage?.candidatesTokenCount !== undefined || usage?.thoughtsTokenCount !== undefined;
  const output = reported
    ? (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0)
    : estimateTokens(inputs.characters);
  const cap = inputs.request.config?.maxOutputTokens ?? modelFamily(inputs.request.model).outputTokenLimit;
  return {
    output,
    prompt: usage?.promptTokenCount ?? 0,
    estimated: !reported,
    saved: inputs.aborted ? Math.max(0, cap - output) : 0,
  };
}

/** Totals over the attempts of a call; the attempt the result uses (`chosen`) is not counted as wasted. */
export function totalsOf(attempts: readonly GuardAttempt[], chosen: number | undefined): GuardTotals {
  let outputTokens = 0;
  let promptTokens = 0;
  let wastedTokens = 0;
  let savedByAbort = 0;
  let savedByContinuation = 0;
  let requests = 0;
  for (const attempt of attempts) {
    outputTokens += attempt.tokens.output;
    promptTokens += attempt.tokens.prompt;
    savedByAbort += attempt.tokens.saved;
    savedByContinuation += attempt.continuation?.tokensSaved ?? 0;
    requests += Math.max(1, attempt.transport.length);
    // A continued attempt's prefix lives on in the answer, so only its discarded tail is waste.
    const kept = keptTokens(attempt, attempts);
    if (attempt.attempt !== chosen) wastedTokens += Math.max(0, attempt.tokens.output - kept);
  }
  return {
    attempts: attempts.length,
    requests,
    outputTokens,
    promptTokens,
    wastedTokens,
    savedByAbort,
    savedByContinuation,
  };
}

/** Output tokens of `attempt` that a later continuation kept as its prefix. */
function keptTokens(attempt: GuardAttempt, attempts: readonly GuardAttempt[]): number {
  const next = attempts.find((other) => other.attempt === attempt.attempt + 1);
  return next?.kind === 'continuation' ? (next.continuation?.tokensSaved ?? 0) : 0;
}
