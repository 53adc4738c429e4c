import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src/errors/api-call-error.js';
import { classifyError, type ErrorClassification } from '../../src/resilience/classify-error.js';
import {
  droppedSocketError,
  fetchFailedError,
  googleErrorBody,
  midStreamApiError,
  retryInfo,
  streamApiError,
  streamTextApiError,
  unaryApiError,
} from './api-errors.js';

type Expected = Partial<ErrorClassification>;

const LEAKED = 'Your API key was reported as leaked. Please use another API key.';

const apiCases: [string, unknown, Expected][] = [
  [
    'a 429 from generateContent with RetryInfo',
    unaryApiError(googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [retryInfo('37s')])),
    {
      kind: 'http',
      httpStatus: 429,
      apiStatus: 'RESOURCE_EXHAUSTED',
      retryable: true,
      retryDelayMs: 37_000,
      action: 'retry-later',
    },
  ],
  [
    'a 429 from generateContentStream (twice encoded)',
    streamApiError(
      googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [retryInfo('2s')]),
      'Too Many Requests',
    ),
    { kind: 'http', httpStatus: 429, apiStatus: 'RESOURCE_EXHAUSTED', retryable: true, retryDelayMs: 2000 },
  ],
  [
    'a 400 INVALID_ARGUMENT',
    unaryApiError(googleErrorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload')),
    { httpStatus: 400, apiStatus: 'INVALID_ARGUMENT', retryable: false, action: 'fix-request' },
  ],
  [
    'a 400 FAILED_PRECONDITION',
    unaryApiError(googleErrorBody(400, 'FAILED_PRECONDITION', 'User location is not supported')),
    { httpStatus: 400, apiStatus: 'FAILED_PRECONDITION', retryable: false, action: 'enable-billing' },
  ],
  [
    'a 400 for an invalid key',
    unaryApiError(
      googleErrorBody(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'),
    ),
    { httpStatus: 400, retryable: false, action: 'fix-credentials' },
  ],
  [
    'a 403 PERMISSION_DENIED',
    unaryApiError(googleErrorBody(403, 'PERMISSION_DENIED', 'The caller does not have permission')),
    {
      httpStatus: 403,
      apiStatus: 'PERMISSION_DENIED',
      retryable: false,
      action: 'fix-credentials',
      keyLeaked: false,
    },
  ],
  [
    'a 403 for a leaked key',
    unaryApiError(googleErrorBody(403, 'PERMISSION_DENIED', LEAKED)),
    { httpStatus: 403, retryable: false, action: 'replace-leaked-key', keyLeaked: true },
  ],
  [
    'a leaked key reported through the stream endpoint',
    streamApiError(googleErrorBody(403, 'PERMISSION_DENIED', LEAKED), 'Forbidden'),
    { httpStatus: 403, apiStatus: 'PERMISSION_DENIED', action: 'replace-leaked-key', keyLeaked: true },
  ],
  [
    'a 404 NOT_FOUND',
    unaryApiError(googleErrorBody(404, 'NOT_FOUND', 'models/gemini-9 is not found')),
    { httpStatus: 404, apiStatus: 'NOT_FOUND', retryable: false, action: 'check-model-id' },
  ],
  [
    'a stream 404 whose body was not JSON (status implied by the HTTP code)',
    streamTextApiError(404, 'Not Found', '<html>gone</html>'),
    { httpStatus: 404, apiStatus: 'NOT_FOUND', action: 'check-model-id', message: '<html>gone</html>' },
  ],
  [
    'a 500 INTERNAL',
    unaryApiError(googleErrorBody(500, 'INTERNAL', 'An internal error has occurred')),
    { httpStatus: 500, apiStatus: 'INTERNAL', retryable: true, action: 'retry-or-switch-model' },
  ],
  [
    'a 503 UNAVAILABLE',
    streamApiError(googleErrorBody(503, 'UNAVAILABLE', 'The model is overloaded'), 'Service Unavailable'),
    { httpStatus: 503, apiStatus: 'UNAVAILABLE', retryable: true, action: 'retry-or-switch-model' },
  ],
  [
    'a 504 DEADLINE_EXCEEDED',
    unaryApiError(googleErrorBody(504, 'DEADLINE_EXCEEDED', 'Deadline expired')),
    { httpStatus: 504, apiStatus: 'DEADLINE_EXCEEDED', retryable: true, action: 'raise-timeout' },
  ],
  [
    'a 502 (not a status the guide calls transient)',
    unaryApiError(googleErrorBody(502, 'Bad Gateway', 'bad gateway')),
    { httpStatus: 502, apiStatus: undefined, retryable: false, action: 'investigate' },
  ],
  [
    'a 409 (an unlisted client error)',
    unaryApiError(googleErrorBody(409, 'ABORTED', 'conflict')),
    { httpStatus: 409, apiStatus: 'ABORTED', retryable: false, action: 'fix-request' },
  ],
  [
    'an error event in the middle of a stream',
    midStreamApiError(googleErrorBody(503, 'UNAVAILABLE', 'overloaded')),
    { kind: 'stream-error', httpStatus: 503, apiStatus: 'UNAVAILABLE', retryable: true },
  ],
  [
    'an ApiError whose message is not JSON',
    Object.assign(new Error('something odd'), { name: 'ApiError', status: 500 }),
    { kind: 'http', httpStatus: 500, apiStatus: 'INTERNAL', retryable: true, message: 'something odd' },
  ],
];

const transportCases: [string, unknown, Expected][] = [
  ['a dropped socket', droppedSocketError(), { kind: 'connection', retryable: true, action: 'retry' }],
  ['a bare TypeError: terminated', new TypeError('terminated'), { kind: 'connection', retryable: true }],
  [
    'a refused connection',
    fetchFailedError('ECONNREFUSED'),
    { kind: 'connection', retryable: true, action: 'check-connection' },
  ],
  [
    'a reset connection',
    fetchFailedError('ECONNRESET'),
    { kind: 'connection', retryable: true, action: 'retry' },
  ],
  [
    'an unknown host',
    fetchFailedError('ENOTFOUND'),
    { kind: 'connection', retryable: false, action: 'check-connection' },
  ],
  [
    'an AbortError with no context',
    new DOMException('This operation was aborted', 'AbortError'),
    { kind: 'aborted', retryable: false },
  ],
  [
    'a TimeoutError',
    new DOMException('The operation timed out', 'TimeoutError'),
    { kind: 'timeout', retryable: true, action: 'raise-timeout' },
  ],
  [
    'a JSON SyntaxError from a garbled event',
    new SyntaxError('Unterminated string in JSON at position 21'),
    { kind: 'malformed-stream', retryable: true },
  ],
  [
    'an unterminated last event',
    new Error('Incomplete JSON segment at the end'),
    { kind: 'malformed-stream', retryable: true },
  ],
  [
    'an ordinary bug',
    new RangeError('bad index'),
    { kind: 'unknown', retryable: false, action: 'investigate' },
  ],
  ['a thrown string', 'boom', { kind: 'unknown', retryable: false, message: 'boom' }],
  ['a thrown number', 42, { kind: 'unknown', retryable: false, message: '42' }],
  ['null', null, { kind: 'unknown', retryable: false }],
  ['undefined', undefined, { kind: 'unknown', retryable: false }],
];

describe('classifyError', () => {
  it.each([...apiCases, ...transportCases])('classifies %s', (_name, error, expected) => {
    const classification = classifyError(error);
    expect(classification).toMatchObject(expected);
    expect(classification.advice.length).toBeGreaterThan(20);
  });

  it('gives the guide actions in plain words', () => {
    const notFound = classifyError(unaryApiError(googleErrorBody(404, 'NOT_FOUND', 'x')));
    expect(notFound.advice).toMatch(/check the model id/i);
    const billing = classifyError(unaryApiError(googleErrorBody(400, 'FAILED_PRECONDITION', 'x')));
    expect(billing.advice).toMatch(/enable billing/i);
    const leaked = classifyError(unaryApiError(googleErrorBody(403, 'PERMISSION_DENIED', LEAKED)));
    expect(leaked.advice).toMatch(/create a new key/i);
  });

  it('reads an AbortError as a timeout when the caller signal did not fire', () => {
    const error = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyError(error, { signal: new AbortController().signal }).kind).toBe('timeout');
    const controller = new AbortController();
    controller.abort();
    expect(classifyError(error, { signal: controller.signal }).kind).toBe('aborted');
  });

  it('scrubs the given secret and key-shaped strings from the message', () => {
    const secret = 'canary-secret-0123456789';
    const googleShaped = `AIza${'B'.repeat(35)}`;
    const error = unaryApiError(
      googleErrorBody(400, 'INVALID_ARGUMENT', `bad key ${secret} and ${googleShaped}`),
    );
    const { message } = classifyError(error, { secrets: [secret] });
    expect(message).not.toContain(secret);
    expect(message).not.toContain(googleShaped);
    expect(message).toContain('[REDACTED]');
  });

  it('returns the classification an ApiCallError already carries', () => {
    const inner = classifyError(unaryApiError(googleErrorBody(404, 'NOT_FOUND', 'x')));
    const error = new ApiCallError({
      classification: inner,
      reason: 'not-retryable',
      attempts: [],
      model: 'm',
    });
    expect(classifyError(error)).toBe(inner);
  });
});
