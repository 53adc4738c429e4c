import type { GenerateContentParameters } from '@google/genai';
import type { AttemptContext } from './attempt-record.js';

/** What the wrapper learned about a request and its client before the first attempt. */
export interface PreparedCall {
  /** Changes and warnings to report (for example the removed `retryOptions`). */
  readonly notes: string[];
  /** The timeout the first attempt uses: the request's own, else the client's. */
  readonly timeoutMs: number | undefined;
  /** The caller's abort signal from `config.abortSignal`, if the request had one. */
  readonly requestSignal: AbortSignal | undefined;
}

/** Note added when the request's own `retryOptions` is removed. */
export const RETRY_OPTIONS_REMOVED_NOTE =
  "Removed config.httpOptions.retryOptions from the request: this wrapper does the retrying, and the SDK's own retry would repeat every attempt up to 5 times.";
/** Note added when the client itself was built with `retryOptions` (which a request cannot switch off). */
export const CLIENT_RETRY_NOTE =
  'The GoogleGenAI client was created with httpOptions.retryOptions, so the SDK also retries inside each attempt. Create the client without retryOptions to leave retrying to this wrapper.';

/** Inspect a request and its client once, before the first attempt. */
export function prepareCall(models: unknown, params: GenerateContentParameters): PreparedCall {
  const notes: string[] = [];
  const httpOptions = params.config?.httpOptions;
  if (httpOptions?.retryOptions !== undefined) notes.push(RETRY_OPTIONS_REMOVED_NOTE);
  const clientHttp = clientHttpOptions(models);
  if (clientHttp?.retryOptions !== undefined && clientHttp.retryOptions !== null)
    notes.push(CLIENT_RETRY_NOTE);
  const clientTimeout = typeof clientHttp?.timeout === 'number' ? clientHttp.timeout : undefined;
  return {
    notes,
    timeoutMs: httpOptions?.timeout ?? clientTimeout,
    requestSignal: params.config?.abortSignal,
  };
}

function clientHttpOptions(models: unknown): { retryOptions?: unknown; timeout?: unknown } | undefined {
  try {
    // `Models.apiClient.clientOptions` is private in the SDK's types but present at runtime.
    const client = (models as { apiClient?: { clientOptions?: { httpOptions?: unknown } } } | undefined)
      ?.apiClient;
    const http = client?.clientOptions?.httpOptions;
    return typeof http === 'object' && http !== null
      ? (http as { retryOptions?: unknown; timeout?: unknown })
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request one attempt sends: the attempt's model, its abort signal and timeout, and never
 * `retryOptions` (so the SDK does not retry on top of this wrapper). The caller's request is
 * not mutated; everything else in it is passed through unchanged.
 */
export function attemptParams(
  params: GenerateContentParameters,
  attempt: AttemptContext,
): GenerateContentParameters {
  const { httpOptions, abortSignal: _callerSignal, ...config } = params.config ?? {};
  const { retryOptions: _removed, ...keptHttp } = httpOptions ?? {};
  const http = attempt.timeoutMs === undefined ? keptHttp : { ...keptHttp, timeout: attempt.timeoutMs };
  return {
    ...params,
    model: attempt.model ?? params.model,
    config: {
      ...config,
      ...(Object.keys(http).length > 0 ? { httpOptions: http } : {}),
      abortSignal: attempt.signal,
    },
  };
}
