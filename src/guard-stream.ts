import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import type { Finding } from './finding.js';
import { createInspector, type Inspector, type InspectorOptions } from './inspector.js';

/** Options of {@link guardStream} and {@link createGuardTransform}. */
export interface GuardStreamOptions extends InspectorOptions {
  /**
   * The controller whose `signal` was passed as the call's `config.abortSignal`. When an
   * abort-level finding arrives it is aborted, which closes the HTTP request so no more output
   * tokens are generated for this client. Without one, the stream is only abandoned.
   */
  readonly abortController?: AbortController;
  /** Stop at abort-level findings (default true). With false, findings are collected and the stream runs to its end. */
  readonly stopOnAbort?: boolean;
}

/** What a guarded stream knows when it ends. */
export interface GuardStreamSummary {
  /** Every finding, in the order found (the end-of-input ones included). */
  readonly findings: readonly Finding[];
  /** The abort-level finding that stopped the stream, if one did. */
  readonly abortedBy: Finding | undefined;
  /** Chunks read from the underlying stream. */
  readonly chunks: number;
}

/**
 * An async generator of the original chunks that also exposes what was found so far.
 * Its return value (the `value` of the final `next()`) is the {@link GuardStreamSummary}.
 */
export interface GuardedStream
  extends AsyncGenerator<GenerateContentResponse, GuardStreamSummary, undefined> {
  /** Findings so far. */
  readonly findings: readonly Finding[];
  /** The abort-level finding that stopped the stream, once there is one. */
  readonly abortedBy: Finding | undefined;
}

const ABORT_REASON = 'gemini-output-guard: degenerate output detected';

/**
 * Pass a `generateContentStream` result through unchanged while inspecting every chunk. The
 * chunk that completes an abort-level finding is still yielded (nothing is hidden), then the
 * stream ends: the HTTP request is aborted through `abortController` and the underlying iterator
 * is closed.
 */
export function guardStream(
  stream: AsyncIterable<GenerateContentResponse>,
  options: GuardStreamOptions = {},
): GuardedStream {
  const { abortController, stopOnAbort = true, ...inspectorOptions } = options;
  const inspector = createInspector(inspectorOptions);
  const generator = run(stream, inspector, stopOnAbort, abortController);
  return Object.defineProperties(generator, {
    findings: { get: () => inspector.findings },
    abortedBy: { get: () => inspector.abortedBy },
  }) as GuardedStream;
}

async function* run(
  stream: AsyncIterable<GenerateContentResponse>,
  inspector: Inspector,
  stopOnAbort: boolean,
  abortController: AbortController | undefined,
): AsyncGenerator<GenerateContentResponse, GuardStreamSummary, undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  let chunks = 0;
  let finished = false;
  try {
    while (true) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        break;
      }
      chunks += 1;
      inspector.pushChunk(next.value);
      yield next.value;
      if (stopOnAbort && inspector.abortedBy) break;
    }
  } finally {
    if (!finished) {
      // Stopped early (abort-level finding, consumer break, or an error): close the request.
      abortController?.abort(ABORT_REASON);
      try {
        await iterator.return?.();
      } catch {
        // The SDK's iterator rejects once its request is aborted; that is the expected outcome.
      }
    }
  }
  inspector.end();
  return { findings: inspector.findings, abortedBy: inspector.abortedBy, chunks };
}

/**
 * The same guard as a WHATWG `TransformStream`: chunks pass through unchanged; after an
 * abort-level finding the readable side closes and `abortController` (if given) is aborted.
 * Read `findings` and `abortedBy` from the returned object.
 */
export function createGuardTransform(options: GuardStreamOptions = {}): TransformStream<
  GenerateContentResponse,
  GenerateContentResponse
> & {
  readonly findings: readonly Finding[];
  readonly abortedBy: Finding | undefined;
} {
  const { abortController, stopOnAbort = true, ...inspectorOptions } = options;
  const inspector = createInspector(inspectorOptions);
  let stopped = false;
  const transform = new TransformStream<GenerateContentResponse, GenerateContentResponse>({
    transform(chunk, controller) {
      if (stopped) return;
      inspector.pushChunk(chunk);
      controller.enqueue(chunk);
      if (stopOnAbort && inspector.abortedBy) {
        stopped = true;
        inspector.end();
        abortController?.abort(ABORT_REASON);
        controller.terminate();
      }
    },
    flush() {
      if (!stopped) inspector.end();
    },
  });
  return Object.defineProperties(transform, {
    findings: { get: () => inspector.findings },
    abortedBy: { get: () => inspector.abortedBy },
  }) as TransformStream<GenerateContentResponse, GenerateContentResponse> & {
    readonly findings: readonly Finding[];
    readonly abortedBy: Finding | undefined;
  };
}

/** The part of `ai.models` that {@link streamWithGuard} calls. */
export interface StreamingModels {
  generateContentStream(params: GenerateContentParameters): Promise<AsyncGenerator<GenerateContentResponse>>;
}

/**
 * Start a streamed call with an abort signal wired in, and guard it. The caller's own
 * `config.abortSignal`, if any, still cancels the call.
 *
 * @example
 * const stream = await streamWithGuard(ai.models, { model, contents });
 * for await (const chunk of stream) process.stdout.write(chunk.text ?? '');
 * if (stream.abortedBy) console.warn(stream.abortedBy.message);
 */
export async function streamWithGuard(
  models: StreamingModels,
  params: GenerateContentParameters,
  options: Omit<GuardStreamOptions, 'abortController'> = {},
): Promise<GuardedStream> {
  const controller = new AbortController();
  const callerSignal = params.config?.abortSignal;
  const signal = callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal;
  const stream = await models.generateContentStream({
    ...params,
    config: { ...params.config, abortSignal: signal },
  });
  return guardStream(stream, { ...options, abortController: controller });
}
