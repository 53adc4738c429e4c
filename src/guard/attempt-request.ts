import type { GenerateContentParameters } from '@google/genai';
import { CallAbortedError } from '../errors/call-aborted-error.js';
import { abortReason } from '../resilience/clock.js';
import type { GuardAttempt } from './guard-types.js';

/**
 * The request an attempt sends: the SDK's automatic continuation switched off (each attempt is
 * one request, counted honestly; SDK-NOTES §3) and, under a token budget, `maxOutputTokens`
 * capped to what is left of it. Never mutates `request`.
 */
export function attemptGuardConfig(
  request: GenerateContentParameters,
  budget: number | undefined,
  used: number,
): GenerateContentParameters {
  const config = { ...(request.config ?? {}), automaticContinuation: false };
  if (budget !== undefined) {
    const left = Math.max(1, budget - used);
    config.maxOutputTokens = Math.min(config.maxOutputTokens ?? left, left);
  }
  return { ...request, config };
}

/** Throw `CallAbortedError` when the guard's signal or the request's own `abortSignal` has fired. */
export function checkSignal(
  signal: AbortSignal | undefined,
  request: GenerateContentParameters,
  attempts: readonly GuardAttempt[],
): void {
  for (const each of [signal, request.config?.abortSignal]) {
    if (each?.aborted) {
      throw new CallAbortedError(
        attempts.flatMap((attempt) => attempt.transport),
        abortReason(each),
      );
    }
  }
}
