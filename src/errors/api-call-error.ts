import type { AttemptRecord, StopReason } from '../resilience/attempt-record.js';
import type { ErrorClassification } from '../resilience/classify-error.js';
import { GuardError } from './guard-error.js';

const MARK = Symbol.for('gemini-output-guard.ApiCallError');

/** What an {@link ApiCallError} is built from. */
export interface ApiCallErrorDetails {
  readonly classification: ErrorClassification;
  readonly reason: StopReason;
  readonly attempts: readonly AttemptRecord[];
  /** The model of the last attempt. */
  readonly model: string | undefined;
  /** Things the wrapper changed or noticed about the request (for example a removed `retryOptions`). */
  readonly notes?: readonly string[];
  /** The last error, already scrubbed of secrets. */
  readonly cause?: unknown;
}

const REASON_WORDS: Readonly<Record<StopReason, string>> = {
  'not-retryable': 'not retryable',
  'retries-exhausted': 'no retries left',
  deadline: 'the overall deadline passed',
  'output-delivered': 'the stream had already delivered output, so it was not replayed',
};

/**
 * A Gemini call failed for good: the failure was not transient, the retries or the deadline
 * ran out, or a stream broke after delivering output. `classification` says what happened and
 * what to do; `attempts` lists every attempt. The message, the cause and every record are free
 * of API keys.
 */
export class ApiCallError extends GuardError {
  readonly classification: ErrorClassification;
  readonly reason: StopReason;
  readonly attempts: readonly AttemptRecord[];
  readonly model: string | undefined;
  readonly notes: readonly string[];
  readonly [MARK] = true;

  constructor(details: ApiCallErrorDetails) {
    super(
      'API_CALL_FAILED',
      describe(details),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'ApiCallError';
    this.classification = details.classification;
    this.reason = details.reason;
    this.attempts = details.attempts;
    this.model = details.model;
    this.notes = details.notes ?? [];
  }
}

function describe(details: ApiCallErrorDetails): string {
  const { classification, attempts, model, reason } = details;
  const status = [classification.httpStatus, classification.apiStatus]
    .filter((part) => part !== undefined)
    .join(' ');
  const what = status.length > 0 ? `HTTP ${status}` : classification.kind;
  const count = attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`;
  const on = model === undefined ? '' : ` on ${model}`;
  return `Gemini call failed${on} (${what}) after ${count}; ${REASON_WORDS[reason]}. ${classification.advice}`;
}

/** True for an {@link ApiCallError}, across realms. */
export function isApiCallError(value: unknown): value is ApiCallError {
  return typeof value === 'object' && value !== null && MARK in value;
}
