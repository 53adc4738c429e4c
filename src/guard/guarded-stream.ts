import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import type { Finding } from '../finding.js';
import { replay } from '../resilience/replay-first.js';
import { isBlockFinding, type PreparedAttempt } from './attempt-output.js';
import type { GuardSettings } from './guard-options.js';
import { type Decision, GuardRun, type RunExtras } from './guard-run.js';
import type { GuardResult } from './guard-types.js';
import { Display } from './release.js';
import { type StreamAttemptResult, streamAttempt } from './stream-attempt.js';
import type { GuardStreamEvent, RetractionCause, RetractionNotice } from './stream-events.js';
import type { GuardableClient } from './unary-call.js';

/**
 * A guarded streaming call as events for a caller who shows the answer live (see
 * {@link GuardStreamEvent} for the display rule). The generator's return value is the
 * {@link GuardResult}; after the last event the display equals `result.text`.
 */
export async function* guardedStreamEvents(
  client: GuardableClient,
  params: GenerateContentParameters,
  settings: GuardSettings,
  extras: RunExtras = {},
): AsyncGenerator<GuardStreamEvent, GuardResult, undefined> {
  const run = new GuardRun(client, params, settings, extras);
  const display = new Display(settings.onRetract);
  let pending: { attempt: number; cause: RetractionCause; finding: Finding | undefined } | undefined;
  while (true) {
    let prepared: PreparedAttempt;
    let attempt: StreamAttemptResult;
    try {
      prepared = run.prepare();
      // Take back the previous attempt's text (down to the prefix this attempt keeps) before it starts.
      if (pending) yield* display.converge(prepared.prefix, pending.attempt, pending.cause, pending.finding);
      yield { type: 'attempt', attempt: prepared.attempt, kind: prepared.kind, plan: prepared.plan };
      attempt = yield* streamAttempt(client, prepared, run, display);
    } catch (error) {
      yield* display.converge('', pending?.attempt ?? run.attempts.length + 1, pending?.cause ?? 'final');
      throw error;
    }
    const { record, decision } = run.settle(prepared, attempt.output);
    await settings.onAttempt?.(record);
    const finding =
      attempt.output.aborted?.finding ?? attempt.output.findings.find((each) => each.severity === 'abort');
    const blocked = attempt.output.findings.some(isBlockFinding);
    if (decision.type === 'reask') {
      pending = { attempt: prepared.attempt, cause: blocked ? 'blocked' : 're-ask', finding };
      continue;
    }
    return yield* finish(
      display,
      prepared.attempt,
      attempt.held,
      decision,
      blocked ? 'blocked' : 'final',
      finding,
    );
  }
}

/**
 * The call is over: show the held chunks of an attempt accepted as it came, bring the display
 * to the result's text, and return the result (or retract everything and throw).
 */
async function* finish(
  display: Display,
  attempt: number,
  held: StreamAttemptResult['held'],
  decision: Exclude<Decision, { type: 'reask' }>,
  cause: RetractionCause,
  finding: Finding | undefined,
): AsyncGenerator<GuardStreamEvent, GuardResult, undefined> {
  if (decision.type === 'fail') {
    yield* display.converge('', attempt, cause, finding);
    throw decision.error;
  }
  const { result } = decision;
  if (result.chosen === attempt && (result.stopReason === 'accepted' || result.stopReason === 'reported')) {
    for (const item of held) yield display.show(attempt, item);
  }
  yield* display.converge(result.text, attempt, cause, finding);
  return result;
}

/**
 * What `guarded.models.generateContentStream` resolves to: the chunks to show, in the SDK's own
 * shape, plus what the guard knows. Chunks of an attempt that turns out degenerate are never
 * all shown (see `holdbackChars`); when text already yielded is taken back, `onRetract` (a guard
 * option) is awaited before the next chunk and the notice is added to `retractions`.
 */
export interface GuardedContentStream
  extends AsyncGenerator<GenerateContentResponse, GuardResult, undefined> {
  /**
   * Settles with the call's result once the stream has been read to its end; rejects with the
   * call's error, or with an `AbortError` when the consumer leaves before the end.
   */
  readonly result: Promise<GuardResult>;
  /** Every retraction so far. */
  readonly retractions: readonly RetractionNotice[];
}

/**
 * Adapt the event stream to the SDK's chunk stream. The promise resolves when the first chunk is
 * ready (or the call ended without one), so errors before any output reject it, as the SDK's own
 * promise does.
 */
export async function toContentStream(
  events: AsyncGenerator<GuardStreamEvent, GuardResult, undefined>,
): Promise<GuardedContentStream> {
  const retractions: RetractionNotice[] = [];
  let settle: { resolve: (result: GuardResult) => void; reject: (error: unknown) => void } | undefined;
  const result = new Promise<GuardResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // An unread result must not surface as an unhandled rejection.
  result.catch(() => {});
  const chunks = (async function* (): AsyncGenerator<GenerateContentResponse, GuardResult, undefined> {
    try {
      while (true) {
        const next = await events.next();
        if (next.done === true) {
          settle?.resolve(next.value);
          return next.value;
        }
        const event = next.value;
        if (event.type === 'chunk') yield event.chunk;
        else if (event.type === 'retract') {
          const { type: _type, ...notice } = event;
          retractions.push(notice);
        }
      }
    } catch (error) {
      settle?.reject(error);
      throw error;
    } finally {
      // A consumer that leaves early gets no result; say so rather than leave the promise hanging.
      settle?.reject(new DOMException('The stream was closed before its end', 'AbortError'));
      await events.return(undefined as never);
    }
  })();
  const first = await chunks.next();
  const primed = replay(first, chunks);
  return Object.defineProperties(primed, {
    result: { value: result },
    retractions: { get: () => [...retractions] },
  }) as GuardedContentStream;
}
