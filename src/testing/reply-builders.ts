import { parseOptions } from '../options.js';
import { buildErrorBody } from './error-body.js';
import { errorReplySchema, faultsSchema, textReplySchema } from './reply-schemas.js';
import { buildTextChunks } from './text-chunks.js';
import type {
  ChunksReply,
  ErrorReply,
  ErrorReplyOptions,
  ReplyFaults,
  StreamFaults,
  TerminalFault,
} from './types.js';

/** Default error of a mid-stream error event: what a dropped backend looks like (SDK-NOTES §5). */
const DEFAULT_ERROR_EVENT_STATUS = 503;

/** A function call the model makes in a {@link textReply}. */
export interface ScriptedFunctionCall {
  readonly name: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/**
 * What {@link textReply} sends. Chunks come in this order: one per thought, then the answer
 * text (one per entry of `chunks`, or `text` cut every `chunkSize` characters, or whole), then
 * one chunk with every function call. The last chunk carries the finish fields.
 */
export interface TextReplyOptions extends StreamFaults {
  readonly text?: string;
  readonly chunks?: readonly string[];
  readonly chunkSize?: number;
  /** Thought summaries, sent as `{text, thought: true}` parts before the answer. */
  readonly thoughts?: readonly string[];
  readonly functionCalls?: readonly ScriptedFunctionCall[];
  /** Raw finish reason on the last chunk (default `'STOP'`, any string; `null` for none). */
  readonly finishReason?: string | null;
  readonly finishMessage?: string;
  /** Wire safety ratings (`{category, probability, blocked?}`) on the last chunk. */
  readonly safetyRatings?: readonly Readonly<Record<string, unknown>>[];
  /** Sent as the wire's `citationMetadata.citationSources` on the last chunk. */
  readonly citations?: readonly Readonly<Record<string, unknown>>[];
  /** Sent on the first chunk, as the API does. */
  readonly promptFeedback?: Readonly<Record<string, unknown>>;
  /**
   * Final usage, sent as given on the last chunk only; `null` sends none. By default each chunk
   * carries running totals (about one token per four characters) and the server adds the
   * prompt's count.
   */
  readonly usage?: Readonly<Record<string, number>> | null;
  /** Defaults to the requested model. */
  readonly modelVersion?: string;
  readonly responseId?: string;
}

/** A successful answer built from text, thoughts and function calls. Options are checked here. */
export function textReply(options: TextReplyOptions): ChunksReply {
  parseOptions(textReplySchema, options, 'textReply options');
  return {
    kind: 'chunks',
    chunks: buildTextChunks(options),
    faults: toReplyFaults(options),
    fillFromRequest: true,
  };
}

/** Raw wire chunks (`GenerateContentResponse` JSON objects), sent exactly as given. */
export function chunksReply(
  chunks: readonly Readonly<Record<string, unknown>>[],
  faults: StreamFaults = {},
): ChunksReply {
  parseOptions(faultsSchema, faults, 'chunksReply faults');
  chunks.forEach((chunk, position) => {
    if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) {
      throw new TypeError(`chunksReply: chunk ${position} must be a JSON object`);
    }
  });
  return { kind: 'chunks', chunks: [...chunks], faults: toReplyFaults(faults), fillFromRequest: false };
}

/** Options of {@link errorReply}. */
export interface ErrorReplyBuilderOptions extends ErrorReplyOptions {
  /** Wait this long before answering. */
  readonly headersDelayMs?: number;
}

/**
 * An API error with its HTTP status, e.g. `errorReply(429, { retryDelay: 2 })` or
 * `errorReply(400, { apiStatus: 'FAILED_PRECONDITION' })`. On the stream endpoint it is sent
 * with `content-type: text/event-stream`, like the real API.
 */
export function errorReply(httpStatus: number, options: ErrorReplyBuilderOptions = {}): ErrorReply {
  parseOptions(errorReplySchema, options, 'errorReply options');
  const { headersDelayMs, ...errorOptions } = options;
  return {
    kind: 'error',
    httpStatus,
    body: buildErrorBody(httpStatus, errorOptions),
    ...(headersDelayMs === undefined ? {} : { headersDelayMs }),
  };
}

/**
 * A blocked prompt: one chunk with `promptFeedback` and prompt usage, no candidates.
 * `blockReason` is sent as given (`SAFETY`, `OTHER`, `PROHIBITED_CONTENT`, ...).
 */
export function blockedPromptReply(
  blockReason: string,
  safetyRatings?: readonly Readonly<Record<string, unknown>>[],
): ChunksReply {
  const feedback = {
    blockReason,
    ...(safetyRatings === undefined ? {} : { safetyRatings: [...safetyRatings] }),
  };
  return {
    kind: 'chunks',
    chunks: [{ promptFeedback: feedback, usageMetadata: {} }],
    faults: {},
    fillFromRequest: true,
  };
}

/** Turn the flat fault options into timing plus one terminal fault. */
export function toReplyFaults(faults: StreamFaults): ReplyFaults {
  return {
    ...(faults.chunkDelayMs === undefined ? {} : { chunkDelayMs: faults.chunkDelayMs }),
    ...(faults.headersDelayMs === undefined ? {} : { headersDelayMs: faults.headersDelayMs }),
    ...(terminalFault(faults) ?? {}),
  };
}

function terminalFault(faults: StreamFaults): { fault: TerminalFault } | undefined {
  if (faults.dropAfterChunks !== undefined) {
    return { fault: { kind: 'drop', afterChunks: faults.dropAfterChunks } };
  }
  if (faults.malformedAfterChunks !== undefined) {
    return { fault: { kind: 'malformed', afterChunks: faults.malformedAfterChunks } };
  }
  if (faults.errorEventAfterChunks !== undefined) {
    const { status = DEFAULT_ERROR_EVENT_STATUS, ...errorOptions } = faults.errorEvent ?? {};
    const error = buildErrorBody(status, errorOptions);
    return { fault: { kind: 'error-event', afterChunks: faults.errorEventAfterChunks, error } };
  }
  return undefined;
}
