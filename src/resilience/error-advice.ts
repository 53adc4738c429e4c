/**
 * What to do about each failure, from the Gemini troubleshooting guide's error table
 * (GUIDE.md §3), in plain words. One place, so the classifier and the docs agree.
 */

/** A machine-readable name for the next step the guide recommends. */
export type ErrorAction =
  | 'fix-request'
  | 'enable-billing'
  | 'fix-credentials'
  | 'replace-leaked-key'
  | 'check-model-id'
  | 'retry-later'
  | 'retry-or-switch-model'
  | 'raise-timeout'
  | 'retry'
  | 'check-connection'
  | 'none'
  | 'investigate';

/** One row of the advice table. */
export interface Advice {
  readonly action: ErrorAction;
  readonly retryable: boolean;
  readonly advice: string;
}

/** The canonical API status the guide pairs with each HTTP status (used when the body lacks one). */
export const API_STATUS_BY_HTTP: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const INVALID_ARGUMENT: Advice = {
  action: 'fix-request',
  retryable: false,
  advice:
    'The request is invalid (a malformed body, a typo, a missing field, or a feature this API version does not have). Fix the request; sending it again fails the same way.',
};

const BY_API_STATUS: Readonly<Record<string, Advice>> = {
  INVALID_ARGUMENT,
  FAILED_PRECONDITION: {
    action: 'enable-billing',
    retryable: false,
    advice:
      'The free tier is not available in your region, or billing is not enabled. Enable billing for the project in Google AI Studio; do not retry.',
  },
  UNAUTHENTICATED: {
    action: 'fix-credentials',
    retryable: false,
    advice: 'The request carried no valid credentials. Check the API key given to the client; do not retry.',
  },
  PERMISSION_DENIED: {
    action: 'fix-credentials',
    retryable: false,
    advice:
      'The API key is not allowed to do this (a wrong key, or a tuned model used without the right authentication). Check the credentials; do not retry.',
  },
  NOT_FOUND: {
    action: 'check-model-id',
    retryable: false,
    advice:
      'The model or a file the request refers to was not found. Check the model id (for example gemini-2.5-flash) and the resources the request names; do not retry.',
  },
  RESOURCE_EXHAUSTED: {
    action: 'retry-later',
    retryable: true,
    advice:
      "Rate limit or quota reached. Retry after the server's delay, with backoff; if it keeps happening, send fewer requests or ask for more quota.",
  },
  INTERNAL: {
    action: 'retry-or-switch-model',
    retryable: true,
    advice:
      'The server failed unexpectedly, often because the input context is too long. Retry; if it persists, shorten the context or switch for a while to another model (for example from Pro to Flash).',
  },
  UNAVAILABLE: {
    action: 'retry-or-switch-model',
    retryable: true,
    advice: 'The model is overloaded or down. Retry after a wait, or switch for a while to another model.',
  },
  DEADLINE_EXCEEDED: {
    action: 'raise-timeout',
    retryable: true,
    advice:
      'The server could not finish in time, usually because the prompt or context is large. Raise the client timeout (httpOptions.timeout) or shorten the context.',
  },
};

/** Advice for a leaked key, whatever status carried it. */
export const LEAKED_KEY_ADVICE: Advice = {
  action: 'replace-leaked-key',
  retryable: false,
  advice:
    'Google reported this API key as leaked and blocked it. Create a new key in Google AI Studio, replace the old one everywhere it is used, delete the old one, and keep keys out of source code and logs; do not retry.',
};

/** Advice for a key the server called invalid (a 400 INVALID_ARGUMENT in practice). */
export const INVALID_KEY_ADVICE: Advice = {
  action: 'fix-credentials',
  retryable: false,
  advice:
    'The API key is not valid. Check the key given to the client (and that it is not empty); do not retry.',
};

/**
 * Advice for an HTTP failure. The API status decides when it is one the guide names (so a 400
 * FAILED_PRECONDITION gets the billing advice); otherwise the HTTP status does. Only 429, 500,
 * 503 and 504 are retryable: the guide calls those transient and no others.
 */
export function adviceForHttp(httpStatus: number, apiStatus: string | undefined): Advice {
  const byStatus = apiStatus === undefined ? undefined : BY_API_STATUS[apiStatus];
  const byHttp = BY_API_STATUS[API_STATUS_BY_HTTP[httpStatus] ?? ''];
  // The HTTP status wins for retryability: a 503 with an odd body is still worth a retry.
  const chosen =
    byStatus !== undefined && (byHttp === undefined || byHttp.retryable === byStatus.retryable)
      ? byStatus
      : byHttp;
  if (chosen !== undefined) return chosen;
  if (httpStatus >= 500) {
    return {
      action: 'investigate',
      retryable: false,
      advice: `The server failed with HTTP ${httpStatus}, which the troubleshooting guide does not list as temporary, so it is not retried. Try again later by hand if it looks temporary.`,
    };
  }
  return {
    action: 'fix-request',
    retryable: false,
    advice: `The request was refused with HTTP ${httpStatus}. Fix the request; sending it again fails the same way.`,
  };
}

/** Advice for the failures that are not HTTP statuses. */
export const TRANSPORT_ADVICE = {
  dropped: {
    action: 'retry',
    retryable: true,
    advice: 'The connection dropped before the response was complete. Retry.',
  },
  unreachable: {
    action: 'check-connection',
    retryable: true,
    advice:
      'The server could not be reached (connection refused or reset). Check the network and the base URL; a retry may work.',
  },
  noSuchHost: {
    action: 'check-connection',
    retryable: false,
    advice: 'The server name could not be resolved. Check the base URL and the DNS settings; do not retry.',
  },
  timeout: {
    action: 'raise-timeout',
    retryable: true,
    advice:
      'The request took longer than the client timeout. Raise httpOptions.timeout or shorten the prompt and context.',
  },
  aborted: {
    action: 'none',
    retryable: false,
    advice: 'The call was cancelled through its AbortSignal; nothing more is sent.',
  },
  malformed: {
    action: 'retry',
    retryable: true,
    advice: 'The response stream was cut off or garbled (not valid server-sent events). Retry.',
  },
  unknown: {
    action: 'investigate',
    retryable: false,
    advice:
      'An unexpected error that is neither an API error nor a network failure; see its cause. It is not retried.',
  },
} as const satisfies Record<string, Advice>;
