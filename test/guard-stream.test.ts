import type { GenerateContentResponse } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  createGuardTransform,
  type GuardStreamSummary,
  guardStream,
  streamWithGuard,
} from '../src/guard-stream.js';
import { type FakeGemini, type Scenario, textReply } from '../src/testing/index.js';
import { MARKER, MARKER_ONLY } from './testing/marker-detector.js';
import { MODEL, rejectionOf, withFake } from './testing/with-fake.js';

/**
 * Many small paced chunks: playing them all takes about two seconds, so the stream is certainly
 * still running when the guard stops it after a few, even on a loaded machine.
 */
const CHUNK_COUNT = 1_000;
const CHUNK_DELAY_MS = 2;
/** The chunk (0-based) that completes the marker; it starts in the chunk before. */
const ABORTING_CHUNK = 3;

const PIECES = Array.from({ length: CHUNK_COUNT }, (_, position) => {
  if (position === ABORTING_CHUNK - 1) return `piece ${position} ${MARKER.slice(0, 2)}`;
  if (position === ABORTING_CHUNK) return `${MARKER.slice(2)} piece ${position} `;
  return `piece ${position} `;
});
const CLEAN_PIECES = PIECES.slice(0, 8).map((piece) =>
  piece.replace(MARKER.slice(0, 2), '').replace(MARKER.slice(2), ''),
);

const scenario: Scenario = (request) =>
  textReply({ chunks: request.model === 'clean' ? CLEAN_PIECES : PIECES, chunkDelayMs: CHUNK_DELAY_MS });

/** Read an async generator to its end, keeping the yielded values and the return value. */
async function drain<T, R>(generator: AsyncGenerator<T, R>): Promise<{ values: T[]; result: R }> {
  const values: T[] = [];
  while (true) {
    const next = await generator.next();
    if (next.done) return { values, result: next.value };
    values.push(next.value);
  }
}

/** The server side of the last request, once every response has finished or lost its client. */
async function lastRequest(fake: FakeGemini) {
  await fake.settled();
  const request = fake.requests.at(-1);
  if (!request) throw new Error('no request reached the fake');
  return request;
}

/** A ReadableStream over an async iterator; cancelling it returns the iterator, as `ReadableStream.from` does. */
function readableOf<T>(source: AsyncIterable<T>): ReadableStream<T> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<T>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const reader = stream.getReader();
  const values: T[] = [];
  while (true) {
    const next = await reader.read();
    if (next.done) return values;
    values.push(next.value);
  }
}

function textsOf(chunks: readonly GenerateContentResponse[]): (string | undefined)[] {
  return chunks.map((chunk) => chunk.text);
}

describe('streamWithGuard through the real SDK', () => {
  it('yields chunks up to the aborting one unchanged, then closes the request early', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const stream = await streamWithGuard(ai.models, { model: MODEL, contents: 'q' }, MARKER_ONLY);
      const { values, result } = await drain(stream);
      expect(textsOf(values)).toEqual(PIECES.slice(0, ABORTING_CHUNK + 1));
      expect(values.map((chunk) => chunk.candidates?.[0]?.content?.parts)).toEqual(
        PIECES.slice(0, ABORTING_CHUNK + 1).map((text) => [{ text }]),
      );
      expect(result.chunks).toBe(ABORTING_CHUNK + 1);
      expect(result.abortedBy).toMatchObject({ detector: 'marker', severity: 'abort' });
      expect(stream.abortedBy).toBe(result.abortedBy);
      const request = await lastRequest(fake);
      expect(request.clientDisconnected).toBe(true);
      expect(request.completed).toBe(false);
      expect(request.chunksSent).toBeLessThan(request.chunksPlanned);
    });
  });

  it('passes a clean stream through fully and returns the end-of-input findings', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const stream = await streamWithGuard(ai.models, { model: 'clean', contents: 'q' }, MARKER_ONLY);
      const { values, result } = await drain(stream);
      expect(textsOf(values)).toEqual(CLEAN_PIECES);
      expect(result).toEqual({
        findings: [
          expect.objectContaining({ severity: 'info', data: { characters: CLEAN_PIECES.join('').length } }),
        ],
        abortedBy: undefined,
        chunks: CLEAN_PIECES.length,
      } satisfies Partial<GuardStreamSummary>);
      const request = await lastRequest(fake);
      expect(request).toMatchObject({ completed: true, clientDisconnected: false });
      expect(request.chunksSent).toBe(request.chunksPlanned);
    });
  });

  it('closes the request when the consumer breaks out of the loop', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const stream = await streamWithGuard(ai.models, { model: MODEL, contents: 'q' }, MARKER_ONLY);
      let read = 0;
      for await (const _chunk of stream) {
        read += 1;
        if (read === 2) break;
      }
      expect(stream.abortedBy).toBeUndefined();
      const request = await lastRequest(fake);
      expect(request.clientDisconnected).toBe(true);
      expect(request.chunksSent).toBeLessThan(request.chunksPlanned);
    });
  });

  it("still lets the caller's own abortSignal cancel the call", async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const caller = new AbortController();
      const params = { model: MODEL, contents: 'q', config: { abortSignal: caller.signal } };
      const stream = await streamWithGuard(ai.models, params, MARKER_ONLY);
      let read = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const _chunk of stream) {
            read += 1;
            if (read === 1) caller.abort();
          }
        })(),
      );
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(read).toBe(1);
      const request = await lastRequest(fake);
      expect(request.clientDisconnected).toBe(true);
      expect(request.chunksSent).toBeLessThan(request.chunksPlanned);
    });
  });
});

describe('guardStream', () => {
  it('aborts the given controller when a finding stops the stream', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const controller = new AbortController();
      const sdkStream = await ai.models.generateContentStream({
        model: MODEL,
        contents: 'q',
        config: { abortSignal: controller.signal },
      });
      const { values, result } = await drain(
        guardStream(sdkStream, { ...MARKER_ONLY, abortController: controller }),
      );
      expect(values).toHaveLength(ABORTING_CHUNK + 1);
      expect(result.abortedBy).toBeDefined();
      expect(controller.signal.aborted).toBe(true);
      expect((await lastRequest(fake)).clientDisconnected).toBe(true);
    });
  });

  it('yields the very objects it reads and runs to the end with stopOnAbort false', async () => {
    const chunks = PIECES.slice(0, 6).map((text) => ({ candidates: [{ content: { parts: [{ text }] } }] }));
    async function* source() {
      yield* chunks as unknown as GenerateContentResponse[];
    }
    const { values, result } = await drain(guardStream(source(), { ...MARKER_ONLY, stopOnAbort: false }));
    expect(values).toHaveLength(chunks.length);
    for (const [position, value] of values.entries()) expect(value).toBe(chunks[position]);
    expect(result.abortedBy).toMatchObject({ start: expect.any(Number) });
    expect(result.chunks).toBe(chunks.length);
  });
});

describe('createGuardTransform', () => {
  it('passes chunks up to the aborting one, then closes its readable side and the request', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const controller = new AbortController();
      const sdkStream = await ai.models.generateContentStream({
        model: MODEL,
        contents: 'q',
        config: { abortSignal: controller.signal },
      });
      const transform = createGuardTransform({ ...MARKER_ONLY, abortController: controller });
      const passed = await readAll(readableOf(sdkStream).pipeThrough(transform));
      expect(textsOf(passed)).toEqual(PIECES.slice(0, ABORTING_CHUNK + 1));
      expect(transform.abortedBy).toMatchObject({ detector: 'marker' });
      expect(transform.findings.at(-1)).toMatchObject({ severity: 'info' });
      expect(controller.signal.aborted).toBe(true);
      const request = await lastRequest(fake);
      expect(request.clientDisconnected).toBe(true);
      expect(request.chunksSent).toBeLessThan(request.chunksPlanned);
    });
  });

  it('passes a clean stream through unchanged and flushes the detectors at its end', async () => {
    await withFake({ scenario }, async (fake, ai) => {
      const sdkStream = await ai.models.generateContentStream({ model: 'clean', contents: 'q' });
      const transform = createGuardTransform(MARKER_ONLY);
      const passed = await readAll(readableOf(sdkStream).pipeThrough(transform));
      expect(textsOf(passed)).toEqual(CLEAN_PIECES);
      expect(transform.abortedBy).toBeUndefined();
      expect(transform.findings).toEqual([expect.objectContaining({ severity: 'info' })]);
      expect((await lastRequest(fake)).completed).toBe(true);
    });
  });
});
