import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  attemptParams,
  CLIENT_RETRY_NOTE,
  prepareCall,
  RETRY_OPTIONS_REMOVED_NOTE,
} from '../../src/resilience/attempt-params.js';

const callerSignal = new AbortController().signal;
const attemptSignal = new AbortController().signal;

const params: GenerateContentParameters = {
  model: 'gemini-2.5-pro',
  contents: 'hi',
  config: {
    temperature: 0.9,
    abortSignal: callerSignal,
    httpOptions: { headers: { 'x-trace': '1' }, timeout: 5000, retryOptions: { attempts: 3 } },
  },
};

describe('attemptParams', () => {
  it("sends the attempt's model, signal and timeout, and never retryOptions", () => {
    const sent = attemptParams(params, {
      attempt: 2,
      model: 'gemini-2.5-flash',
      timeoutMs: 10_000,
      signal: attemptSignal,
    });
    expect(sent.model).toBe('gemini-2.5-flash');
    expect(sent.config?.abortSignal).toBe(attemptSignal);
    expect(sent.config?.httpOptions).toEqual({ headers: { 'x-trace': '1' }, timeout: 10_000 });
    expect(sent.config?.temperature).toBe(0.9);
  });

  it("keeps the request's own timeout when the attempt sets none, and leaves the request untouched", () => {
    const before = structuredClone({ ...params, config: { ...params.config, abortSignal: undefined } });
    const sent = attemptParams(params, {
      attempt: 1,
      model: undefined,
      timeoutMs: undefined,
      signal: attemptSignal,
    });
    expect(sent.model).toBe('gemini-2.5-pro');
    expect(sent.config?.httpOptions).toEqual({ headers: { 'x-trace': '1' }, timeout: 5000 });
    expect(params.config?.httpOptions?.retryOptions).toEqual({ attempts: 3 });
    expect({ ...params, config: { ...params.config, abortSignal: undefined } }).toEqual(before);
  });

  it('adds no httpOptions when there is nothing to send', () => {
    const sent = attemptParams(
      { model: 'm', contents: 'x' },
      { attempt: 1, model: 'm', timeoutMs: undefined, signal: attemptSignal },
    );
    expect(sent.config).toEqual({ abortSignal: attemptSignal });
  });
});

describe('prepareCall', () => {
  it("notes the removed retryOptions and picks up the request's timeout and signal", () => {
    expect(prepareCall({}, params)).toEqual({
      notes: [RETRY_OPTIONS_REMOVED_NOTE],
      timeoutMs: 5000,
      requestSignal: callerSignal,
    });
  });

  it("reads the client's retryOptions and timeout", () => {
    const models = { apiClient: { clientOptions: { httpOptions: { retryOptions: {}, timeout: 7000 } } } };
    expect(prepareCall(models, { model: 'm', contents: 'x' })).toEqual({
      notes: [CLIENT_RETRY_NOTE],
      timeoutMs: 7000,
      requestSignal: undefined,
    });
  });

  it('copes with a models object that has no client', () => {
    expect(prepareCall(undefined, { model: 'm', contents: 'x' }).notes).toEqual([]);
    const hostile = {
      get apiClient(): never {
        throw new Error('no access');
      },
    };
    expect(prepareCall(hostile, { model: 'm', contents: 'x' }).timeoutMs).toBeUndefined();
  });
});
