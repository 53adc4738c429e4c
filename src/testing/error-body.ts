import type { ErrorReplyOptions, GoogleErrorBody } from './types.js';

/** The `@type` of the detail that carries a server-given retry delay. */
export const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * Canonical status and a default message per HTTP status, as in the Gemini troubleshooting
 * table (400 also comes as FAILED_PRECONDITION: pass `apiStatus` for that one).
 */
const STATUS_DEFAULTS: Readonly<Record<number, { status: string; message: string }>> = {
  400: { status: 'INVALID_ARGUMENT', message: 'The request has an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'The request has no valid credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller may not use this resource.' },
  404: { status: 'NOT_FOUND', message: 'The requested entity does not exist.' },
  409: { status: 'ABORTED', message: 'The operation was aborted.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded; retry later.' },
  499: { status: 'CANCELLED', message: 'The operation was cancelled.' },
  500: { status: 'INTERNAL', message: 'An internal error occurred; retry the request.' },
  501: { status: 'NOT_IMPLEMENTED', message: 'The method is not implemented.' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded; try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The deadline passed before the operation finished.' },
};

/** The canonical status for an HTTP status without an entry above. */
function fallbackStatus(httpStatus: number): string {
  return httpStatus >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION';
}

/** Whether `value` is an HTTP error status the fake can send (an integer from 400 to 599). */
export function isErrorStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;
}

/**
 * Build the Google error envelope for `httpStatus`. Throws `RangeError` for a status outside
 * 400-599, so a typo in a scenario fails loudly instead of sending a success.
 */
export function buildErrorBody(httpStatus: number, options: ErrorReplyOptions = {}): GoogleErrorBody {
  if (!isErrorStatus(httpStatus)) {
    throw new RangeError(`error status must be an integer from 400 to 599, got ${String(httpStatus)}`);
  }
  const defaults = STATUS_DEFAULTS[httpStatus];
  const details = [...(options.details ?? [])];
  if (options.retryDelay !== undefined) {
    details.push({ '@type': RETRY_INFO_TYPE, retryDelay: retryDelayText(options.retryDelay) });
  }
  return {
    error: {
      code: httpStatus,
      message: options.message ?? defaults?.message ?? `HTTP ${httpStatus}`,
      status: options.apiStatus ?? defaults?.status ?? fallbackStatus(httpStatus),
      ...(details.length > 0 ? { details } : {}),
    },
  };
}

/** `2` → `"2s"`, `0.5` → `"0.5s"`; strings pass unchanged (`"37s"`). */
function retryDelayText(delay: string | number): string {
  if (typeof delay === 'string') return delay;
  if (!Number.isFinite(delay) || delay < 0) {
    throw new RangeError(`retryDelay must be a non-negative number of seconds, got ${String(delay)}`);
  }
  return `${delay}s`;
}
