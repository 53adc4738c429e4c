import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { parseOptions } from '../options.js';
import { attemptParams } from './attempt-params.js';
import type { AttemptRecord } from './attempt-record.js';
import { replay } from './replay-first.js';
import {
  type CallSetup,
  type ResilientCallInfo,
  type ResilientOptions,
  resilientStreamOptionsSchema,
  setUpCall,
} from './resilient-call.js';

import type { RetractHandler, RetractionEvent } from './retraction.js';
import type { AttemptPlan } from './retry-engine.js';

/** The part of `ai.models` that {@link resilientGenerateContentStream} calls. */
export interface StreamGeneratingModels {
  generateContentStream(params: GenerateContentParameters): Promise<AsyncGenerator<GenerateContentResponse>>;
}

/** Options of {@link resilientGenerateContentStream}. */
export interface ResilientStreamOptions extends ResilientOptions {
  /**
   * What to do when a stream fails after it delivered output. `fail` (default): reject with
   * `ApiCallError` (reason `output-delivered`); nothing is replayed. `retract`: call `onRetract`
   * (required), then restart the call; the caller must discard the text already shown.
   */
  readonly afterOutput?: 'fail' | 'retract';
  /** Told, before the replacement attempt starts, that the output shown so far is void. */
  readonly onRetract?: RetractHandler;
}

/** The return value of a finished {@link ResilientStream}. */
export interface ResilientStreamSummary extends ResilientCallInfo {
  /** True when some delivered output was retracted (see `retractions`). */
  readonly retracted: boolean;
  readonly retractions: readonly RetractionEvent[];
  /** Chunks the successful attempt delivered. */
  readonly chunks: number;
}

/** The chunks of the answer, plus what happened so far. Its final `next()` value is the summary. */
export interface ResilientStream
  extends AsyncGenerator<GenerateContentResponse, ResilientStreamSummary, undefined> {
  readonly attempts: readonly AttemptRecord[];
  /** The model of the current (or answering) attempt. */
  readonly model: string | undefined;
  readonly retracted: boolean;
  readonly retractions: readonly RetractionEvent[];
  readonly notes: readonly string[];
}

/** How one attempt ended (a consumer that leaves early ends it through `return()` instead). */
type AttemptOutcome =
  | { readonly ok: true; readonly delivered: number }
  | { readonly ok: false; readonly error: unknown; readonly delivered: number; readonly textLength: number };

/**
 * `ai.models.generateContentStream` with the retry policy of `resilientGenerateContent`.
 *
 * Retry rule: a failure before the first chunk reaches the caller (an HTTP error, a 429, a
 * socket dropped or an error event before any chunk) is retried like a unary call, invisibly.
 * A failure after chunks were delivered is never replayed silently: by default the stream
 * rejects with `ApiCallError` (reason `output-delivered`, or `not-retryable`); with
 * `afterOutput: 'retract'` the `onRetract` handler is awaited first (the caller removes the
 * text it showed), then the call restarts and the new attempt's chunks follow, and the summary
 * reports `retracted: true`.
 *
 * The promise resolves once the first chunk has arrived (or the stream ended empty), so errors
 * that occur before any output reject it, as the SDK's own promise does for HTTP errors.
 * Iterate to the end, or leave early with `break`/`return()`, which closes the request.
 *
 * @example
 * const stream = await resilientGenerateContentStream(ai.models, { model, contents }, {
 *   afterOutput: 'retract', onRetract: () => screen.clear(),
 * });
 * for await (const chunk of stream) screen.write(chunk.text ?? '');
 */
export async function resilientGenerateContentStream(
  models: StreamGeneratingModels,
  params: GenerateContentParameters,
  options?: ResilientStreamOptions,
): Promise<ResilientStream> {
  const resolved = parseOptions(
    resilientStreamOptionsSchema,
    options ?? {},
    'resilientGenerateContentStream options',
  );
  const { afterOutput, onRetract, ...callOptions } = resolved;
  const setup = setUpCall(models, params, callOptions, true);
  const retractions: RetractionEvent[] = [];
  const inner = runAttempts(
    models,
    params,
    setup,
    retractions,
    afterOutput === 'retract' ? onRetract : undefined,
  );
  const first = await inner.next();
  const { engine } = setup;
  return Object.defineProperties(replay(first, inner), {
    attempts: { get: () => [...engine.attempts] },
    model: { get: () => engine.model },
    retracted: { get: () => retractions.length > 0 },
    retractions: { get: () => [...retractions] },
    notes: { get: () => [...engine.notes] },
  }) as ResilientStream;
}

async function* runAttempts(
  models: StreamGeneratingModels,
  params: GenerateContentParameters,
  setup: CallSetup,
  retractions: RetractionEvent[],
  onRetract: RetractHandler | undefined,
): AsyncGenerator<GenerateContentResponse, ResilientStreamSummary, undefined> {
  const { engine } = setup;
  while (true) {
    const plan = engine.begin();
    const outcome = yield* runAttempt(models, params, plan, setup);
    if (outcome.ok) {
      setup.logEnd(engine.succeed(plan));
      const { attempts, notes } = engine;
      const summary = { model: plan.model, attempts: [...attempts], notes: [...notes] };
      return {
        ...summary,
        retracted: retractions.length > 0,
        retractions: [...retractions],
        chunks: outcome.delivered,
      };
    }
    const { delivered, textLength } = outcome;
    const retract = delivered > 0 && onRetract !== undefined;
    await engine.fail(plan, outcome.error, {
      retryAllowed: delivered === 0 || retract,
      stopReason: 'output-delivered',
      ...(retract ? { beforeRetry: retractionHook(delivered, textLength, retractions, onRetract) } : {}),
    });
  }
}

/** Before a restart after output: record the retraction and await the caller's handler. */
function retractionHook(
  delivered: number,
  textLength: number,
  retractions: RetractionEvent[],
  onRetract: RetractHandler,
): (failed: AttemptRecord) => Promise<boolean> {
  return async (failed) => {
    const event: RetractionEvent = {
      reason: 'transport-error',
      attempt: failed.attempt,
      model: failed.model,
      deliveredChunks: delivered,
      deliveredTextLength: textLength,
      classification: failed.classification,
    };
    retractions.push(event);
    await onRetract(event);
    return true;
  };
}

/** One attempt: yields its chunks; returns how it ended. A consumer leaving early abandons it. */
async function* runAttempt(
  models: StreamGeneratingModels,
  params: GenerateContentParameters,
  plan: AttemptPlan,
  setup: CallSetup,
): AsyncGenerator<GenerateContentResponse, AttemptOutcome, undefined> {
  let iterator: AsyncIterator<GenerateContentResponse> | undefined;
  let delivered = 0;
  let textLength = 0;
  let settled = false;
  const failed = (error: unknown): AttemptOutcome => {
    settled = true;
    return { ok: false, error, delivered, textLength };
  };
  try {
    try {
      iterator = (await models.generateContentStream(attemptParams(params, plan)))[Symbol.asyncIterator]();
    } catch (error) {
      return failed(error);
    }
    while (true) {
      let next: IteratorResult<GenerateContentResponse>;
      try {
        next = await iterator.next();
      } catch (error) {
        return failed(error);
      }
      if (next.done === true) {
        settled = true;
        return { ok: true, delivered };
      }
      delivered += 1;
      textLength += textLengthOf(next.value);
      setup.noteResponse(plan.attempt, next.value);
      yield next.value;
    }
  } finally {
    if (!settled) await abandon(plan, iterator, setup);
  }
}

async function abandon(
  plan: AttemptPlan,
  iterator: AsyncIterator<GenerateContentResponse> | undefined,
  setup: CallSetup,
): Promise<void> {
  setup.logEnd(setup.engine.abandon(plan));
  try {
    await iterator?.return?.(undefined);
  } catch {
    // The SDK's iterator rejects once its request is aborted; that is the expected outcome.
  }
}

function textLengthOf(chunk: GenerateContentResponse): number {
  let length = 0;
  for (const candidate of chunk.candidates ?? []) {
    for (const part of candidate.content?.parts ?? []) {
      if (part.thought !== true && typeof part.text === 'string') length += part.text.length;
    }
  }
  return length;
}
