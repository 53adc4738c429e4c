import { readFileSync } from 'node:fs';
import { GenerateContentResponse, GoogleGenAI, HttpResponse } from '@google/genai';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/resilience/attempt-record.js';
import {
  createRequestLog,
  type RequestLogRecord,
  requestIdOf,
  sdkVersionOf,
} from '../../src/resilience/request-log.js';
import { createScrubber } from '../../src/resilience/scrub.js';

const installed = JSON.parse(readFileSync('node_modules/@google/genai/package.json', 'utf8')) as {
  version: string;
};

function responseWith(fields: {
  responseId?: string;
  headers?: Record<string, string>;
}): GenerateContentResponse {
  const response = new GenerateContentResponse();
  if (fields.responseId !== undefined) response.responseId = fields.responseId;
  if (fields.headers !== undefined) {
    const http = new HttpResponse(new Response('{}'));
    http.headers = fields.headers;
    response.sdkHttpResponse = http;
  }
  return response;
}

const success: AttemptRecord = {
  attempt: 1,
  model: 'gemini-2.5-flash',
  timeoutMs: undefined,
  startedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  durationMs: 120,
  outcome: 'success',
  classification: undefined,
  delayMs: undefined,
  retracted: false,
};

describe('sdkVersionOf', () => {
  it('reads the installed SDK version from a real client', () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://127.0.0.1:9' } });
    expect(sdkVersionOf(ai.models)).toBe(installed.version);
  });

  it('says unknown for anything else', () => {
    expect(sdkVersionOf({})).toBe('unknown');
    expect(sdkVersionOf(null)).toBe('unknown');
    expect(
      sdkVersionOf({ apiClient: { getDefaultHeaders: () => ({ 'x-goog-api-client': 'other/1' }) } }),
    ).toBe('unknown');
  });
});

describe('requestIdOf', () => {
  it.each([
    ['the responseId', { responseId: 'abc' }, 'abc'],
    ['an x-request-id header', { headers: { 'x-request-id': 'req-1' } }, 'req-1'],
    ['a mixed-case header', { headers: { 'X-Goog-Request-Id': 'g-2' } }, 'g-2'],
    ['nothing', { headers: { 'content-type': 'application/json' } }, undefined],
  ])('takes %s', (_name, fields, expected) => {
    expect(requestIdOf(responseWith(fields))).toBe(expected);
  });

  it('is undefined without a response', () => {
    expect(requestIdOf(undefined)).toBeUndefined();
  });
});

describe('createRequestLog', () => {
  const secret = 'canary-log-key-98765';
  const params = {
    model: 'gemini-2.5-flash',
    contents: `my key is ${secret}`,
    config: { systemInstruction: 'Be brief.' },
  };

  it('writes status, time, model, SDK version and request id, and no prompt by default', () => {
    const lines: RequestLogRecord[] = [];
    const log = createRequestLog({
      logger: (line) => lines.push(line),
      logPrompts: false,
      sdkVersion: '3.1.0',
      stream: true,
      params,
      scrub: createScrubber([secret]),
    });
    log(success, responseWith({ responseId: 'r-9' }));
    expect(lines).toEqual([
      {
        time: '2025-01-02T03:04:05.000Z',
        attempt: 1,
        model: 'gemini-2.5-flash',
        stream: true,
        outcome: 'success',
        httpStatus: 200,
        apiStatus: undefined,
        errorKind: undefined,
        durationMs: 120,
        sdkVersion: '3.1.0',
        requestId: 'r-9',
      },
    ]);
  });

  it('adds the scrubbed prompt when asked', () => {
    const lines: RequestLogRecord[] = [];
    const log = createRequestLog({
      logger: (line) => lines.push(line),
      logPrompts: true,
      sdkVersion: 'x',
      stream: false,
      params,
      scrub: createScrubber([secret]),
    });
    log(success, undefined);
    expect(lines[0]?.prompt).toBe('my key is [REDACTED]\n\nBe brief.');
  });

  it('does nothing without a logger', () => {
    const log = createRequestLog({
      logger: undefined,
      logPrompts: true,
      sdkVersion: 'x',
      stream: false,
      params,
      scrub: createScrubber(),
    });
    expect(() => log(success, undefined)).not.toThrow();
  });
});
