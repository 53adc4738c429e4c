import { describe, expect, it } from 'vitest';
import {
  parseApiErrorMessage,
  parseDuration,
  retryDelayFromDetails,
} from '../../src/resilience/api-error-body.js';
import {
  googleErrorBody,
  midStreamApiError,
  retryInfo,
  streamApiError,
  unaryApiError,
} from './api-errors.js';

describe('parseApiErrorMessage', () => {
  const body = googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [retryInfo('37s')]);

  it('reads the body of a generateContent error', () => {
    const parsed = parseApiErrorMessage(unaryApiError(body).message);
    expect(parsed).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'Quota exceeded',
      midStream: false,
    });
    expect(parsed?.details).toHaveLength(1);
  });

  it('unwraps the twice-encoded body of a generateContentStream error', () => {
    const parsed = parseApiErrorMessage(streamApiError(body, 'Too Many Requests').message);
    expect(parsed).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' });
    expect(retryDelayFromDetails(parsed?.details ?? [])).toBe(37_000);
  });

  it('keeps the wrapper when the wrapped text is not JSON', () => {
    const message = JSON.stringify({
      error: { message: '<html>Not Found</html>', code: 404, status: 'Not Found' },
    });
    expect(parseApiErrorMessage(message)).toMatchObject({
      code: 404,
      status: 'Not Found',
      message: '<html>Not Found</html>',
    });
  });

  it('reads a mid-stream error event and marks it', () => {
    const parsed = parseApiErrorMessage(
      midStreamApiError(googleErrorBody(503, 'UNAVAILABLE', 'overloaded')).message,
    );
    expect(parsed).toMatchObject({
      code: 503,
      status: 'UNAVAILABLE',
      message: 'overloaded',
      midStream: true,
    });
  });

  it.each(['', 'plain words', '{not json', '[1,2]', '{"other":1}', '{"error":"text"}', 'null'])(
    'returns undefined for %j',
    (message) => {
      expect(parseApiErrorMessage(message)).toBeUndefined();
    },
  );
});

describe('parseDuration', () => {
  it.each([
    ['2s', 2000],
    ['37s', 37_000],
    ['1.5s', 1500],
    ['0.250s', 250],
    [' 3s ', 3000],
    [{ seconds: 3, nanos: 500_000_000 }, 3500],
    [{ seconds: '4' }, 4000],
  ] as const)('reads %j as %i ms', (value, expected) => {
    expect(parseDuration(value)).toBe(expected);
  });

  it.each(['', 's', '-1s', '2', '2ms', 'abc', { seconds: -1 }, { seconds: 'x' }, 5, null, undefined])(
    'rejects %j',
    (value) => {
      expect(parseDuration(value)).toBeUndefined();
    },
  );
});

describe('retryDelayFromDetails', () => {
  it('takes the RetryInfo detail among others', () => {
    const details = [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
      retryInfo('26s'),
    ];
    expect(retryDelayFromDetails(details)).toBe(26_000);
  });

  it('is undefined without a usable RetryInfo', () => {
    expect(retryDelayFromDetails([])).toBeUndefined();
    expect(
      retryDelayFromDetails([null, 'x', { '@type': 'type.googleapis.com/google.rpc.Help' }]),
    ).toBeUndefined();
    expect(retryDelayFromDetails([retryInfo('soon')])).toBeUndefined();
  });
});
