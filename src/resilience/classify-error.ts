import { parseApiErrorMessage, retryDelayFromDetails } from './api-error-body.js';
import {
  type Advice,
  API_STATUS_BY_HTTP,
  adviceForHttp,
  type ErrorAction,
  INVALID_KEY_ADVICE,
  LEAKED_KEY_ADVICE,
  TRANSPORT_ADVICE,
} from './error-advice.js';
import { createScrubber, type Scrubber } from './scrub.js';

/** Where a failure came from. */
export type ErrorKind =
  /** The server answered with an HTTP error status (`ApiError` from the call). */
  | 'http'
  /** An error event inside a stream that had started (`ApiError` from the iterator). */
  | 'stream-error'
  /** The connection dropped, was refused or reset (`TypeError: terminated`, `fetch failed`). */
  | 'connection'
  /** The client timeout (`httpOptions.timeout`) fired. */
  | 'timeout'
  /** The caller cancelled through an `AbortSignal`. */
  | 'aborted'
  /** The stream body was not valid server-sent events (bad JSON, an unterminated event). */
  | 'malformed-stream'
  /** Anything else: a bug, a bad argument caught by the SDK, an unknown error type. */
  | 'unknown';

/** What a failure was and what to do about it. Plain data; free of API keys. */
export interface ErrorClassification {
  readonly kind: ErrorKind;
  /** The HTTP status (from the response or from a stream error event), if there was one. */
  readonly httpStatus: number | undefined;
  /** The API status (`RESOURCE_EXHAUSTED`, `FAILED_PRECONDITION`, …): from the body, else implied by the HTTP status. */
  readonly apiStatus: string | undefined;
  /** True when the guide calls this failure transient (429, 500, 503, 504, dropped connections, timeouts). */
  readonly retryable: boolean;
  /** The delay a `google.rpc.RetryInfo` detail asked for, in milliseconds. */
  readonly retryDelayMs: number | undefined;
  /** The next step, as a stable id. */
  readonly action: ErrorAction;
  /** The next step, in plain words. */
  readonly advice: string;
  /** The server's (or runtime's) own message, scrubbed of secrets. */
  readonly message: string;
  /** True when the server said the API key was reported as leaked. */
  readonly keyLeaked: boolean;
}

/** Extra knowledge that sharpens the classification. */
export interface ClassifyContext {
  /**
   * The caller's signal. When given and not aborted, an `AbortError` can only have come from the
   * SDK's own timeout (which aborts without a reason), so it is classified as a timeout.
   */
  readonly signal?: AbortSignal | undefined;
  /** Secrets (API keys) to scrub from the message, on top of the patterns always scrubbed. */
  readonly secrets?: readonly string[] | undefined;
  /** A ready scrubber; wins over `secrets`. */
  readonly scrub?: Scrubber | undefined;
}

/** The phrase Google uses when it has blocked a key found in public (GUIDE.md §3). */
const LEAKED_KEY_PATTERN = /reported as leaked/i;
/** The phrase of a 400 for a bad key ("API key not valid. Please pass a valid API key."). */
const INVALID_KEY_PATTERN = /api key not valid|invalid api key/i;
/** Network error codes that mean the connection failed or dropped, and may work on a retry. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** Codes for a host that does not exist: a configuration error, not a transient one. */
const NO_SUCH_HOST_CODES = new Set(['ENOTFOUND']);
/** Messages the SDK throws for a stream body it cannot parse (SDK-NOTES §3, probed). */
const MALFORMED_STREAM_PATTERN =
  /^(?:Incomplete JSON segment at the end|exception parsing stream chunk|Response body is empty)/;
/** How many `cause` links are searched for a network code. */
const MAX_CAUSE_DEPTH = 5;

/**
 * Classify any failure of a Gemini call: the `ApiError` of `generateContent` or of
 * `generateContentStream` (double-encoded JSON), a mid-stream error event, a dropped socket,
 * a timeout, an abort, a malformed stream, or anything else. Never throws.
 *
 * @example
 * catch (error) {
 *   const c = classifyError(error);
 *   if (!c.retryable) console.error(`${c.httpStatus} ${c.apiStatus}: ${c.advice}`);
 * }
 */
export function classifyError(error: unknown, context: ClassifyContext = {}): ErrorClassification {
  const scrub = context.scrub ?? createScrubber(context.secrets);
  const embedded = embeddedClassification(error);
  if (embedded !== undefined) return embedded;
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const name = typeof record.name === 'string' ? record.name : '';
  const message = typeof record.message === 'string' ? record.message : String(error);
  if (name === 'ApiError' && typeof record.status === 'number')
    return classifyApiError(record.status, message, scrub);
  if (name === 'TimeoutError') return transport('timeout', TRANSPORT_ADVICE.timeout, message, scrub);
  if (name === 'AbortError') {
    const timedOut = context.signal !== undefined && !context.signal.aborted;
    return timedOut
      ? transport('timeout', TRANSPORT_ADVICE.timeout, message, scrub)
      : transport('aborted', TRANSPORT_ADVICE.aborted, message, scrub);
  }
  if (name === 'SyntaxError' || MALFORMED_STREAM_PATTERN.test(message)) {
    return transport('malformed-stream', TRANSPORT_ADVICE.malformed, message, scrub);
  }
  const network = networkAdvice(error, name, message);
  if (network !== undefined) return transport('connection', network, describeNetwork(error, message), scrub);
  return transport('unknown', TRANSPORT_ADVICE.unknown, message, scrub);
}

function classifyApiError(httpStatus: number, rawMessage: string, scrub: Scrubber): ErrorClassification {
  const body = parseApiErrorMessage(rawMessage);
  const status = body?.status !== undefined && /^[A-Z_]+$/.test(body.status) ? body.status : undefined;
  const apiStatus = status ?? API_STATUS_BY_HTTP[httpStatus];
  const serverMessage = body?.message ?? rawMessage;
  const keyLeaked = LEAKED_KEY_PATTERN.test(serverMessage);
  let advice: Advice = adviceForHttp(httpStatus, apiStatus);
  if (keyLeaked) advice = LEAKED_KEY_ADVICE;
  else if (!advice.retryable && INVALID_KEY_PATTERN.test(serverMessage)) advice = INVALID_KEY_ADVICE;
  return {
    kind: body?.midStream === true ? 'stream-error' : 'http',
    httpStatus,
    apiStatus,
    retryable: advice.retryable,
    retryDelayMs: body === undefined ? undefined : retryDelayFromDetails(body.details),
    action: advice.action,
    advice: advice.advice,
    message: scrub(serverMessage),
    keyLeaked,
  };
}

function transport(kind: ErrorKind, advice: Advice, message: string, scrub: Scrubber): ErrorClassification {
  return {
    kind,
    httpStatus: undefined,
    apiStatus: undefined,
    retryable: advice.retryable,
    retryDelayMs: undefined,
    action: advice.action,
    advice: advice.advice,
    message: scrub(message),
    keyLeaked: false,
  };
}

function networkAdvice(error: unknown, name: string, message: string): Advice | undefined {
  const code = networkCode(error);
  if (code !== undefined && NO_SUCH_HOST_CODES.has(code)) return TRANSPORT_ADVICE.noSuchHost;
  if (code === 'ECONNREFUSED') return TRANSPORT_ADVICE.unreachable;
  if (code !== undefined && RETRYABLE_NETWORK_CODES.has(code)) return TRANSPORT_ADVICE.dropped;
  // undici: `TypeError: terminated` (socket closed mid-body) and `TypeError: fetch failed`.
  if (name === 'TypeError' && (message === 'terminated' || message === 'fetch failed'))
    return TRANSPORT_ADVICE.dropped;
  return undefined;
}

/** The first string `code` along the `cause` chain (undici puts it on the cause). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (
    let depth = 0;
    depth <= MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null;
    depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeNetwork(error: unknown, message: string): string {
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const causeMessage =
    typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined;
  const code = networkCode(error);
  const parts = [message];
  if (typeof causeMessage === 'string' && causeMessage.length > 0) parts.push(causeMessage);
  if (code !== undefined) parts.push(`(${code})`);
  return parts.join(': ').replace(': (', ' (');
}

/** Errors this library threw already carry their classification; reuse it. */
function embeddedClassification(error: unknown): ErrorClassification | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const embedded = (error as { classification?: unknown }).classification;
  const code = (error as { code?: unknown }).code;
  if (code !== 'API_CALL_FAILED' || typeof embedded !== 'object' || embedded === null) return undefined;
  return embedded as ErrorClassification;
}
