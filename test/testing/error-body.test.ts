import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { buildErrorBody, errorReply, RETRY_INFO_TYPE } from '../../src/testing/index.js';
import { MODEL, rejectionOf, withFake } from './with-fake.js';

/** The statuses of the Gemini troubleshooting table, with the canonical status each carries. */
const TABLE: [number, string, string | undefined][] = [
  [400, 'INVALID_ARGUMENT', undefined],
  [400, 'FAILED_PRECONDITION', 'FAILED_PRECONDITION'],
  [403, 'PERMISSION_DENIED', undefined],
  [404, 'NOT_FOUND', undefined],
  [429, 'RESOURCE_EXHAUSTED', undefined],
  [500, 'INTERNAL', undefined],
  [503, 'UNAVAILABLE', undefined],
  [504, 'DEADLINE_EXCEEDED', undefined],
];

/** Undo the SDK's wrapping of a stream-endpoint error: the body is a JSON string inside the message. */
function innerErrorOf(error: ApiError): { error: Record<string, unknown> } {
  const outer = JSON.parse(error.message) as { error: { message: string } };
  return JSON.parse(outer.error.message) as { error: Record<string, unknown> };
}

describe('error replies through the real SDK', () => {
  it.each(TABLE)(
    'surfaces %i %s from generateContent as ApiError with the JSON body as message',
    async (code, status, apiStatus) => {
      const reply = errorReply(code, apiStatus ? { apiStatus } : {});
      await withFake({ scenario: () => reply }, async (fake, ai) => {
        const error = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(code);
        expect(JSON.parse((error as ApiError).message)).toEqual(reply.body);
        expect(reply.body.error).toMatchObject({ code, status });
        expect(fake.requests[0]).toMatchObject({ chunksPlanned: 0, completed: true });
      });
    },
  );

  it.each(TABLE)(
    'surfaces %i %s from generateContentStream as ApiError with the body double-encoded',
    async (code, status, apiStatus) => {
      const reply = errorReply(code, apiStatus ? { apiStatus } : {});
      await withFake({ scenario: () => reply }, async (_fake, ai) => {
        const error = await rejectionOf(ai.models.generateContentStream({ model: MODEL, contents: 'q' }));
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(code);
        expect(innerErrorOf(error as ApiError)).toEqual(reply.body);
        expect(innerErrorOf(error as ApiError).error.status).toBe(status);
      });
    },
  );

  it('sends stream-endpoint errors as text/event-stream and others as JSON, like the real API', async () => {
    await withFake({ scenario: () => errorReply(404) }, async (fake) => {
      const url = `${fake.baseUrl}/v1beta/models/${MODEL}`;
      const init = { method: 'POST', body: '{"contents":[]}' };
      const streamed = await fetch(`${url}:streamGenerateContent?alt=sse`, init);
      expect(streamed.headers.get('content-type')).toBe('text/event-stream');
      expect(await streamed.json()).toMatchObject({ error: { code: 404 } });
      const plain = await fetch(`${url}:generateContent`, init);
      expect(plain.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    });
  });

  it('lets a 429 RetryInfo delay be recovered from either endpoint', async () => {
    await withFake({ scenario: () => errorReply(429, { retryDelay: 2 }) }, async (_fake, ai) => {
      const expected = [{ '@type': RETRY_INFO_TYPE, retryDelay: '2s' }];
      const plain = (await rejectionOf(
        ai.models.generateContent({ model: MODEL, contents: 'q' }),
      )) as ApiError;
      expect(JSON.parse(plain.message).error.details).toEqual(expected);
      const streamed = (await rejectionOf(
        ai.models.generateContentStream({ model: MODEL, contents: 'q' }),
      )) as ApiError;
      expect(innerErrorOf(streamed).error.details).toEqual(expected);
      // The outer status is the HTTP reason phrase, not the canonical one (SDK-NOTES §5).
      expect(JSON.parse(streamed.message).error.status).toBe('Too Many Requests');
    });
  });
});

describe('buildErrorBody', () => {
  it('keeps a string retryDelay and extra details, in that order after the given details', () => {
    const quota = { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] };
    expect(buildErrorBody(429, { retryDelay: '37s', details: [quota], message: 'slow down' })).toEqual({
      error: {
        code: 429,
        message: 'slow down',
        status: 'RESOURCE_EXHAUSTED',
        details: [quota, { '@type': RETRY_INFO_TYPE, retryDelay: '37s' }],
      },
    });
  });

  it('omits details when there are none and falls back for statuses outside the table', () => {
    expect(buildErrorBody(418).error).toEqual({
      code: 418,
      message: 'HTTP 418',
      status: 'FAILED_PRECONDITION',
    });
    expect(buildErrorBody(599).error.status).toBe('INTERNAL');
  });

  it('rejects success statuses, fractions and negative delays with RangeError', () => {
    expect(() => buildErrorBody(200)).toThrow(RangeError);
    expect(() => buildErrorBody(404.5)).toThrow(RangeError);
    expect(() => buildErrorBody(429, { retryDelay: -1 })).toThrow(RangeError);
    expect(() => errorReply(302)).toThrow(RangeError);
  });
});
