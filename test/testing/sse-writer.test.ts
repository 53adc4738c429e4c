import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { chunksReply, type Scenario, textReply } from '../../src/testing/index.js';
import { collect, MODEL, rejectionOf, withFake } from './with-fake.js';

const PIECES = ['one ', 'two ', 'three ', 'four ', 'five'];

/** Read a stream until it fails; returns the texts read and the error. */
async function readUntilError(stream: AsyncIterable<{ text?: string | undefined }>) {
  const texts: (string | undefined)[] = [];
  try {
    for await (const chunk of stream) texts.push(chunk.text);
  } catch (error) {
    return { texts, error };
  }
  return { texts, error: undefined };
}

describe('SSE framing', () => {
  it('frames every chunk as one compact data line ended by CRLF CRLF, with the real headers', async () => {
    const chunks = [
      { candidates: [{ content: { parts: [{ text: 'a' }] } }] },
      { usageMetadata: { totalTokenCount: 1 } },
    ];
    await withFake({ scenario: () => chunksReply(chunks) }, async (fake) => {
      const response = await fetch(`${fake.baseUrl}/v1/models/${MODEL}:streamGenerateContent?alt=sse`, {
        method: 'POST',
        body: '{"contents":[]}',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(response.headers.get('content-disposition')).toBe('attachment');
      expect(await response.text()).toBe(
        chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join(''),
      );
    });
  });

  it('refuses a stream request without alt=sse', async () => {
    await withFake({}, async (fake) => {
      const response = await fetch(`${fake.baseUrl}/v1/models/${MODEL}:streamGenerateContent`, {
        method: 'POST',
        body: '{}',
      });
      expect(response.status).toBe(400);
    });
  });
});

describe('stream faults through the real SDK', () => {
  it('throws ApiError from the iterator on a mid-stream error event, after the chunks before it', async () => {
    const scenario: Scenario = () =>
      textReply({
        chunks: PIECES,
        errorEventAfterChunks: 2,
        errorEvent: { status: 500, message: 'backend fell over' },
      });
    await withFake({ scenario }, async (fake, ai) => {
      const { texts, error } = await readUntilError(
        await ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
      );
      expect(texts).toEqual(['one ', 'two ']);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 500 });
      expect((error as ApiError).message).toContain('backend fell over');
      expect(fake.requests[0]).toMatchObject({ chunksPlanned: 2, chunksSent: 2, completed: true });
    });
  });

  it('defaults the mid-stream error to 503 UNAVAILABLE', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: PIECES, errorEventAfterChunks: 0 }) },
      async (_f, ai) => {
        const { texts, error } = await readUntilError(
          await ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
        );
        expect(texts).toEqual([]);
        expect(error).toMatchObject({ name: 'ApiError', status: 503 });
        expect((error as Error).message).toContain('UNAVAILABLE');
      },
    );
  });

  it('fails the iterator with TypeError terminated when the socket drops', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: PIECES, dropAfterChunks: 3 }) },
      async (fake, ai) => {
        const { texts, error } = await readUntilError(
          await ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
        );
        expect(texts).toEqual(['one ', 'two ', 'three ']);
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toBe('terminated');
        await fake.settled();
        // The server cut the connection itself: that is not a client disconnect.
        expect(fake.requests[0]).toMatchObject({ chunksSent: 3, completed: true, clientDisconnected: false });
      },
    );
  });

  it('rejects on a malformed SSE event instead of yielding it', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: PIECES, malformedAfterChunks: 1 }) },
      async (_f, ai) => {
        const { texts, error } = await readUntilError(
          await ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
        );
        expect(texts).toEqual(['one ']);
        expect(error).toBeInstanceOf(SyntaxError);
      },
    );
  });

  it('sends a malformed event even when it comes after the last scripted chunk', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: ['only'], malformedAfterChunks: 5 }) },
      async (_f, ai) => {
        const { texts, error } = await readUntilError(
          await ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
        );
        expect(texts).toEqual(['only']);
        expect(error).toBeInstanceOf(SyntaxError);
      },
    );
  });

  it('delays headers and chunks without changing what arrives', async () => {
    const scenario: Scenario = () => textReply({ chunks: PIECES, chunkDelayMs: 2, headersDelayMs: 2 });
    await withFake({ scenario }, async (_fake, ai) => {
      const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'q' }));
      expect(chunks.map((chunk) => chunk.text)).toEqual(PIECES);
    });
  });
});

describe('non-stream faults through the real SDK', () => {
  it('turns a mid-stream error into the HTTP error of the non-stream call', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: PIECES, errorEventAfterChunks: 2 }) },
      async (fake, ai) => {
        const error = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
        expect(error).toMatchObject({ name: 'ApiError', status: 503 });
        expect(fake.requests[0]?.chunksPlanned).toBe(0);
      },
    );
  });

  it('fails with TypeError terminated when the socket drops mid-body', async () => {
    await withFake({ scenario: () => textReply({ chunks: PIECES, dropAfterChunks: 2 }) }, async (_f, ai) => {
      const error = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('terminated');
    });
  });

  it('rejects a truncated JSON body', async () => {
    await withFake(
      { scenario: () => textReply({ chunks: PIECES, malformedAfterChunks: 2 }) },
      async (_f, ai) => {
        expect(await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }))).toBeInstanceOf(
          SyntaxError,
        );
      },
    );
  });

  it('answers only the chunks before the fault point, merged', async () => {
    await withFake({ scenario: () => textReply({ chunks: PIECES, chunkDelayMs: 1 }) }, async (fake, ai) => {
      const response = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(response.text).toBe(PIECES.join(''));
      expect(fake.requests[0]).toMatchObject({ chunksPlanned: 1, chunksSent: 1 });
    });
  });
});

describe('client disconnects', () => {
  it('records a client abort mid-stream and stops sending', async () => {
    // 500 chunks 2 ms apart: the reply is still running long after the abort, even on a loaded machine.
    const chunks = Array.from({ length: 500 }, (_, position) => `chunk ${position} `);
    await withFake({ chunkDelayMs: 2, scenario: () => textReply({ chunks }) }, async (fake, ai) => {
      const controller = new AbortController();
      const stream = await ai.models.generateContentStream({
        model: MODEL,
        contents: 'q',
        config: { abortSignal: controller.signal },
      });
      let read = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const _chunk of stream) {
            read += 1;
            if (read === 2) controller.abort();
          }
        })(),
      );
      expect(error).toMatchObject({ name: 'AbortError' });
      await fake.settled();
      const [request] = fake.requests;
      expect(request?.clientDisconnected).toBe(true);
      expect(request?.completed).toBe(false);
      expect(request?.chunksSent).toBeLessThan(request?.chunksPlanned ?? 0);
    });
  });
});
