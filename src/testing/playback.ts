import type { ServerResponse } from 'node:http';

/**
 * The live side of one request: the node response to write to, a signal that fires when the
 * client goes away or the server closes, and the mutable request record.
 */
export interface Playback {
  readonly response: ServerResponse;
  readonly signal: AbortSignal;
  readonly record: LiveCounters;
}

/** The fields of a request record that change while its reply plays. */
export interface LiveCounters {
  chunksPlanned: number;
  chunksSent: number;
  clientDisconnected: boolean;
  completed: boolean;
}

/** Content type of successful and failed non-stream replies, as the real API sends it. */
export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

/** Content type of the stream endpoint, for data and for errors alike (SDK-NOTES §5). */
export const SSE_CONTENT_TYPE = 'text/event-stream';

/**
 * Wait `ms` milliseconds. Resolves `true` when the time passed and `false` at once when `signal`
 * fires, clearing the timer so nothing keeps the process alive after a disconnect or `close()`.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Write `text` and wait until it is handed to the socket, so a following `destroy()` cannot
 * discard it. Resolves `false` when the client has gone.
 */
export function write(playback: Playback, text: string): Promise<boolean> {
  const { response, signal } = playback;
  if (signal.aborted || response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    response.write(text, (error) => {
      signal.removeEventListener('abort', onAbort);
      resolve(!error && !signal.aborted);
    });
  });
}

/** Send a whole response (status, content type, body) unless the client has gone. */
export function sendWhole(playback: Playback, status: number, contentType: string, body: string): void {
  const { response, signal } = playback;
  if (signal.aborted || response.destroyed) return;
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Cut the connection on purpose (a scripted drop). The record is marked completed first, so the
 * resulting close is not mistaken for the client leaving.
 */
export function dropConnection(playback: Playback): void {
  playback.record.completed = true;
  const socket = playback.response.socket;
  if (socket) socket.destroy();
  else playback.response.destroy();
}
