import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSecrets, createScrubber, REDACTED, scrubError } from '../../src/resilience/scrub.js';

const SECRET = 'canary-9f8e7d6c5b4a';

describe('createScrubber', () => {
  const scrub = createScrubber([SECRET]);

  it.each([
    ['the key itself', `key was ${SECRET}.`],
    ['the key URL-encoded', `q=${encodeURIComponent(`${SECRET}/+`)}`],
    ['an x-goog-api-key header line', 'x-goog-api-key: some-other-value-1234'],
    ['an x-goog-api-key header in JSON', '{"x-goog-api-key":"some-other-value-1234"}'],
    ['a bearer token', 'Authorization: Bearer ya29.abcdefgh'],
    ['a key= query parameter', 'GET /v1/models?alt=sse&key=zzzzzzzz123 HTTP/1.1'],
    ['an api_key= parameter', 'api_key=zzzzzzzz123&x=1'],
    ['a Google-format key', `AIza${'Q'.repeat(35)}`],
  ])('redacts %s', (_name, text) => {
    const result = scrub(text);
    expect(result).toContain(REDACTED);
    expect(result).not.toMatch(/some-other-value|ya29|zzzzzzzz123|Q{35}/);
    expect(result).not.toContain(SECRET);
  });

  it('leaves ordinary text alone', () => {
    const text = 'The monkey=3 keyword is fine; keys and values: none.';
    expect(scrub(text)).toBe(text);
  });

  it('ignores secrets too short to be keys', () => {
    expect(createScrubber(['abc'])(`abc abc`)).toBe('abc abc');
  });

  it('redacts a secret that contains another secret whole', () => {
    const both = createScrubber([SECRET, `${SECRET}-longer`]);
    expect(both(`x ${SECRET}-longer y`)).toBe(`x ${REDACTED} y`);
  });
});

describe('scrubError', () => {
  const scrub = createScrubber([SECRET]);

  it('keeps an ApiError an ApiError with its status', () => {
    const copy = scrubError(new ApiError({ message: `bad ${SECRET}`, status: 400 }), scrub);
    expect(copy).toBeInstanceOf(ApiError);
    expect((copy as ApiError).status).toBe(400);
    expect((copy as ApiError).message).toBe(`bad ${REDACTED}`);
    expect((copy as ApiError).stack).not.toContain(SECRET);
  });

  it('scrubs the whole cause chain and keeps network codes', () => {
    const root = Object.assign(new Error(`socket to ${SECRET}`), { code: 'ECONNRESET', name: 'SocketError' });
    const copy = scrubError(new TypeError('terminated', { cause: root }), scrub) as TypeError;
    expect(copy).toBeInstanceOf(TypeError);
    const cause = copy.cause as Error & { code: string };
    expect(cause.name).toBe('SocketError');
    expect(cause.code).toBe('ECONNRESET');
    expect(cause.message).toBe(`socket to ${REDACTED}`);
  });

  it('keeps the name of a DOMException', () => {
    const copy = scrubError(new DOMException(`aborted ${SECRET}`, 'AbortError'), scrub) as DOMException;
    expect(copy.name).toBe('AbortError');
    expect(copy.message).not.toContain(SECRET);
  });

  it('turns non-errors into scrubbed strings or leaves primitives', () => {
    expect(scrubError(`text ${SECRET}`, scrub)).toBe(`text ${REDACTED}`);
    expect(scrubError({ header: SECRET }, scrub)).toBe(`{"header":"${REDACTED}"}`);
    expect(scrubError(7, scrub)).toBe(7);
    expect(scrubError(undefined, scrub)).toBeUndefined();
  });

  it('survives a cyclic cause chain', () => {
    const error = new Error(`loop ${SECRET}`) as Error & { cause?: unknown };
    error.cause = error;
    const copy = scrubError(error, scrub) as Error;
    expect(copy.message).toBe(`loop ${REDACTED}`);
  });
});

describe('collectSecrets', () => {
  const saved = { GEMINI_API_KEY: process.env.GEMINI_API_KEY, GOOGLE_API_KEY: process.env.GOOGLE_API_KEY };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('finds the key a real client was built with, the environment keys and the extras', () => {
    process.env.GEMINI_API_KEY = 'env-gemini-key-123';
    delete process.env.GOOGLE_API_KEY;
    const ai = new GoogleGenAI({ apiKey: SECRET, httpOptions: { baseUrl: 'http://127.0.0.1:9' } });
    expect(collectSecrets(ai.models, ['extra-key-12345'])).toEqual([
      'extra-key-12345',
      SECRET,
      'env-gemini-key-123',
    ]);
  });

  it('returns only the extras for an object with no client', () => {
    delete process.env.GEMINI_API_KEY;
    delete process.env.GOOGLE_API_KEY;
    expect(collectSecrets({}, ['x-123456789'])).toEqual(['x-123456789']);
    expect(collectSecrets(undefined)).toEqual([]);
  });
});
