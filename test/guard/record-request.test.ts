import { describe, expect, it } from 'vitest';
import { recordRequest } from '../../src/guard/record-request.js';
import { createScrubber } from '../../src/resilience/scrub.js';

describe('recordRequest', () => {
  const key = `AIza${'x'.repeat(35)}`;
  const scrub = createScrubber([key]);

  it('keeps the request data and drops signals, functions and headers', () => {
    const callable = { tool: async () => ({}), callTool: async () => [], name: 'kept' };
    const recorded = recordRequest(
      {
        model: 'gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        config: {
          temperature: 0.8,
          abortSignal: new AbortController().signal,
          httpOptions: { headers: { 'x-goog-api-key': key }, timeout: 5000, apiVersion: 'v1beta' },
          tools: [callable as never],
        },
      },
      scrub,
    );
    expect(recorded).toEqual({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      config: {
        temperature: 0.8,
        httpOptions: { timeout: 5000, apiVersion: 'v1beta' },
        tools: [{ name: 'kept' }],
      },
    });
  });

  it('scrubs keys wherever they appear in the texts', () => {
    const recorded = recordRequest(
      { model: 'm', contents: `use ${key}`, config: { labels: { k: key } } },
      scrub,
    );
    expect(JSON.stringify(recorded)).not.toContain(key);
    expect(recorded.contents).toBe('use [REDACTED]');
  });
});
