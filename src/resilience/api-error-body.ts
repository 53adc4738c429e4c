/**
 * Reading the JSON inside an `ApiError` message. The SDK puts the server's error body in the
 * message in three shapes (SDK-NOTES §5):
 *
 * - `generateContent`: `{"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[…]}}`
 * - `generateContentStream`: the stream endpoint answers errors as `text/event-stream`, so the
 *   SDK wraps the raw body text: `{"error":{"message":"<the JSON above, as a string>","code":429,
 *   "status":"Too Many Requests"}}` (JSON encoded twice; `status` is the HTTP reason phrase).
 * - an error event in the middle of a stream: `got status: UNAVAILABLE. {"error":{…}}`.
 */

/** The fields of a Google API error body that the classifier uses. */
export interface ApiErrorBody {
  /** `error.code`: the HTTP status the server meant. */
  readonly code: number | undefined;
  /** `error.message`: the server's words. */
  readonly message: string | undefined;
  /** `error.status`: a canonical status such as `RESOURCE_EXHAUSTED`, or an HTTP reason phrase. */
  readonly status: string | undefined;
  /** `error.details`: RetryInfo, QuotaFailure, Help and other typed details. */
  readonly details: readonly unknown[];
  /** True when the body came from the `got status: …` form of a mid-stream error event. */
  readonly midStream: boolean;
}

/** The prefix the SDK (3.x) puts before the JSON of an error event read from a stream. */
const MID_STREAM_PREFIX = /^got status: [^.]*\.\s*/;

/** Parse an `ApiError` message in any of the SDK's shapes; `undefined` when it holds no JSON error. */
export function parseApiErrorMessage(message: string): ApiErrorBody | undefined {
  const prefix = MID_STREAM_PREFIX.exec(message);
  const outer = errorObjectOf(prefix ? message.slice(prefix[0].length) : message);
  if (outer === undefined) return undefined;
  // Double encoding: the stream endpoint's body is a string inside the wrapper's `message`.
  const inner = typeof outer.message === 'string' ? errorObjectOf(outer.message) : undefined;
  const chosen = inner ?? outer;
  return {
    code: numberOf(chosen.code) ?? numberOf(outer.code),
    message: typeof chosen.message === 'string' ? chosen.message : undefined,
    status: typeof chosen.status === 'string' ? chosen.status : undefined,
    details: Array.isArray(chosen.details) ? chosen.details : [],
    midStream: prefix !== null,
  };
}

function errorObjectOf(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const RETRY_INFO_TYPE = 'google.rpc.RetryInfo';
/** A protobuf Duration in JSON form: decimal seconds with an `s` suffix, e.g. `37s` or `0.250s`. */
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)s\s*$/;

/**
 * The delay a `google.rpc.RetryInfo` detail asks for, in milliseconds, or `undefined` when there
 * is none. Accepts the JSON form (`"37s"`) and the object form (`{seconds, nanos}`).
 */
export function retryDelayFromDetails(details: readonly unknown[]): number | undefined {
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) continue;
    const type = (detail as { '@type'?: unknown })['@type'];
    if (typeof type !== 'string' || !type.endsWith(RETRY_INFO_TYPE)) continue;
    const delay = parseDuration((detail as { retryDelay?: unknown }).retryDelay);
    if (delay !== undefined) return delay;
  }
  return undefined;
}

/** Milliseconds from a protobuf Duration (`"2s"`, `"1.5s"` or `{seconds, nanos}`). */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const match = DURATION_PATTERN.exec(value);
    return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
  }
  if (typeof value === 'object' && value !== null) {
    const seconds = Number((value as { seconds?: unknown }).seconds ?? 0);
    const nanos = Number((value as { nanos?: unknown }).nanos ?? 0);
    if (!Number.isFinite(seconds) || !Number.isFinite(nanos) || seconds < 0 || nanos < 0) return undefined;
    return Math.round(seconds * 1000 + nanos / 1_000_000);
  }
  return undefined;
}
