// Builds ApiError values exactly as @google/genai 3.x does (SDK-NOTES §5), for tests that need
// them without a server.
import { ApiError } from '@google/genai';

/** A Google API error body. */
export function googleErrorBody(
  code: number,
  status: string,
  message: string,
  details: readonly Record<string, unknown>[] = [],
): { error: Record<string, unknown> } {
  return { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } };
}

/** A RetryInfo detail asking for `delay` (`"2s"`). */
export function retryInfo(delay: string): Record<string, unknown> {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay };
}

/** `generateContent`: the JSON body is the message. */
export function unaryApiError(body: { error: Record<string, unknown> }): ApiError {
  return new ApiError({ message: JSON.stringify(body), status: Number(body.error.code) });
}

/** `generateContentStream`: the body arrives as text/event-stream, so the SDK wraps the raw text. */
export function streamApiError(body: { error: Record<string, unknown> }, reasonPhrase: string): ApiError {
  const status = Number(body.error.code);
  const wrapped = { error: { message: JSON.stringify(body), code: status, status: reasonPhrase } };
  return new ApiError({ message: JSON.stringify(wrapped), status });
}

/** A stream whose non-JSON body text was wrapped (e.g. an HTML 404 page from a proxy). */
export function streamTextApiError(status: number, reasonPhrase: string, text: string): ApiError {
  return new ApiError({
    message: JSON.stringify({ error: { message: text, code: status, status: reasonPhrase } }),
    status,
  });
}

/** An error event in the middle of a stream (3.x iterator). */
export function midStreamApiError(body: { error: Record<string, unknown> }): ApiError {
  return new ApiError({
    message: `got status: ${String(body.error.status)}. ${JSON.stringify(body)}`,
    status: Number(body.error.code),
  });
}

/** undici's dropped-socket error: `TypeError: terminated` caused by `SocketError: other side closed`. */
export function droppedSocketError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), {
    name: 'SocketError',
    code: 'UND_ERR_SOCKET',
  });
  return new TypeError('terminated', { cause });
}

/** undici's connection failure: `TypeError: fetch failed` with a network code on the cause. */
export function fetchFailedError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  return new TypeError('fetch failed', { cause });
}
