import type { GuardAttempt, GuardStopReason } from '../guard/guard-types.js';
import { GuardError } from './guard-error.js';

const MARK = Symbol.for('gemini-output-guard.GuardExhaustedError');

/** The reasons a guarded call gives up with this error. */
export type ExhaustedReason = Exclude<GuardStopReason, 'accepted' | 'repaired' | 'reported'> | 'degenerate';

const NEXT_STEP: Readonly<Record<ExhaustedReason, string>> = {
  'max-attempts':
    "Read error.attempts for the findings and the fixes tried; raise maxAttempts, or pass onExhausted: 'degraded' to get the best attempt instead.",
  'token-budget':
    "Raise tokenBudget, or pass onExhausted: 'degraded' to get the best attempt instead; error.attempts shows where the tokens went.",
  terminal:
    'Retrying the same prompt does not help: change the prompt (error.attempts holds the block reason).',
  'needs-safety-policy':
    'Review the prompt against the safety settings of the call; relaxing them is your decision: pass a safetyPolicy to let the guard re-ask with your settings.',
  degenerate:
    "onDegenerate is 'throw'; read error.attempts for the findings, or use 'reask' to let the guard fix them.",
};

const WHAT: Readonly<Record<ExhaustedReason, string>> = {
  'max-attempts': 'was still degenerate when the attempts ran out',
  'token-budget': 'was still degenerate when the output-token budget ran out',
  terminal: 'was blocked for a reason no re-ask can change',
  'needs-safety-policy': 'was blocked by the safety filters',
  degenerate: 'was degenerate',
};

/**
 * A guarded call gave up without a clean answer. `attempts` holds every attempt (request as sent,
 * findings, usage, plan); `best` is the attempt a degraded result would have returned. Nothing in
 * it carries an API key.
 */
export class GuardExhaustedError extends GuardError {
  readonly reason: ExhaustedReason;
  readonly attempts: readonly GuardAttempt[];
  readonly best: GuardAttempt | undefined;
  readonly [MARK] = true;

  constructor(reason: ExhaustedReason, attempts: readonly GuardAttempt[], best?: GuardAttempt) {
    const count = attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`;
    const last = attempts[attempts.length - 1];
    const detectors = [
      ...new Set((last?.findings ?? []).filter((f) => f.severity === 'abort').map((f) => f.detector)),
    ];
    const found = detectors.length > 0 ? ` (${detectors.join(', ')})` : '';
    super(
      'GUARD_EXHAUSTED',
      `The Gemini output ${WHAT[reason]}${found} after ${count}. ${NEXT_STEP[reason]}`,
    );
    this.name = 'GuardExhaustedError';
    this.reason = reason;
    this.attempts = attempts;
    this.best = best;
  }
}

/** True for a {@link GuardExhaustedError}, across realms. */
export function isGuardExhaustedError(value: unknown): value is GuardExhaustedError {
  return typeof value === 'object' && value !== null && MARK in value;
}
