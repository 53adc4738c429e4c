import {
  dropConnection,
  JSON_CONTENT_TYPE,
  type Playback,
  SSE_CONTENT_TYPE,
  sendWhole,
  sleep,
  write,
} from './playback.js';
import type { ReplyFaults, ScenarioReply, TerminalFault } from './types.js';
import { mergeChunks } from './wire.js';

type WireChunk = Readonly<Record<string, unknown>>;

/** Stand-in for the next chunk when a malformed event comes after the last scripted one. */
const MALFORMED_FALLBACK = { candidates: [{ content: { parts: [{ text: 'cut off' }], role: 'model' } }] };

/** One SSE event as the real API frames it: a compact JSON `data:` line and a CRLF blank line. */
export function sseEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\r\n\r\n`;
}

/** The first half of a JSON text: something no JSON parser accepts. */
function firstHalf(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}

/**
 * Play `reply` onto the response. `chunkDelayMs` is the server default, used when the reply sets
 * none. Resolves when the scripted reply has been written (or the client went away).
 */
export async function playReply(
  playback: Playback,
  reply: ScenarioReply,
  stream: boolean,
  chunkDelayMs: number,
): Promise<void> {
  if (reply.kind === 'chunks') {
    const faults: ReplyFaults = { chunkDelayMs, ...reply.faults };
    if (stream) await playStream(playback, reply.chunks, faults);
    else await playBody(playback, reply.chunks, faults);
    return;
  }
  if (!(await sleep(reply.headersDelayMs ?? 0, playback.signal))) return;
  playback.record.chunksPlanned = 0;
  if (reply.kind === 'error') {
    // The stream endpoint reports errors with its own content type; the SDK then wraps the text.
    sendWhole(
      playback,
      reply.httpStatus,
      stream ? SSE_CONTENT_TYPE : JSON_CONTENT_TYPE,
      JSON.stringify(reply.body),
    );
  } else {
    sendWhole(playback, reply.httpStatus, reply.contentType, reply.body);
  }
}

/** Chunks sent before the terminal fault (all of them without one). */
function plannedCount(chunks: readonly WireChunk[], fault: TerminalFault | undefined): number {
  return fault ? Math.min(fault.afterChunks, chunks.length) : chunks.length;
}

async function playStream(
  playback: Playback,
  chunks: readonly WireChunk[],
  faults: ReplyFaults,
): Promise<void> {
  const { response, signal, record } = playback;
  const count = plannedCount(chunks, faults.fault);
  record.chunksPlanned = count;
  if (!(await sleep(faults.headersDelayMs ?? 0, signal)) || response.destroyed) return;
  response.writeHead(200, { 'content-type': SSE_CONTENT_TYPE, 'content-disposition': 'attachment' });
  // Send the headers now: the SDK's call resolves on them, before the first chunk arrives.
  response.flushHeaders();
  for (let position = 0; position < count; position += 1) {
    if (!(await sleep(faults.chunkDelayMs ?? 0, signal))) return;
    if (!(await write(playback, sseEvent(chunks[position])))) return;
    record.chunksSent += 1;
  }
  const fault = faults.fault;
  if (fault?.kind === 'drop') {
    dropConnection(playback);
    return;
  }
  if (fault?.kind === 'error-event') {
    if (!(await write(playback, sseEvent(fault.error)))) return;
  } else if (fault?.kind === 'malformed') {
    const next = chunks[count] ?? MALFORMED_FALLBACK;
    if (!(await write(playback, `data: ${firstHalf(JSON.stringify(next))}\r\n\r\n`))) return;
  }
  if (!signal.aborted) response.end();
}

/**
 * The non-stream endpoint: the planned chunks merged into one body after the time streaming them
 * would have taken. A mid-stream error becomes the HTTP error; a drop cuts the body in half; a
 * malformed reply sends half of the JSON with status 200.
 */
async function playBody(
  playback: Playback,
  chunks: readonly WireChunk[],
  faults: ReplyFaults,
): Promise<void> {
  const { response, signal, record } = playback;
  const fault = faults.fault;
  const count = plannedCount(chunks, fault);
  record.chunksPlanned = fault?.kind === 'error-event' ? 0 : 1;
  const wait = (faults.headersDelayMs ?? 0) + (faults.chunkDelayMs ?? 0) * count;
  if (!(await sleep(wait, signal))) return;
  if (fault?.kind === 'error-event') {
    sendWhole(playback, fault.error.error.code, JSON_CONTENT_TYPE, JSON.stringify(fault.error));
    return;
  }
  const body = JSON.stringify(mergeChunks(chunks.slice(0, count)));
  if (fault?.kind === 'malformed') {
    sendWhole(playback, 200, JSON_CONTENT_TYPE, firstHalf(body));
    return;
  }
  if (fault?.kind === 'drop') {
    response.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
    if (await write(playback, firstHalf(body))) dropConnection(playback);
    return;
  }
  sendWhole(playback, 200, JSON_CONTENT_TYPE, body);
  record.chunksSent = 1;
}
