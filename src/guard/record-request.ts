import type { GenerateContentParameters } from '@google/genai';
import type { Scrubber } from '../resilience/scrub.js';
import type { RecordedRequest } from './guard-types.js';

/** Deeper values are cut (requests are a few levels deep; a schema a few more). */
const MAX_RECORD_DEPTH = 48;
/** HTTP options worth recording; headers (which can carry the key) and custom fetch functions are not. */
const KEPT_HTTP_OPTIONS = new Set(['apiVersion', 'baseUrl', 'timeout']);

/**
 * The request an attempt sent, as plain JSON data for the attempt record: no abort signal, no
 * functions (callable tools become their data), no HTTP headers, and every string passed through
 * `scrub` so no API key can be recorded.
 */
export function recordRequest(request: GenerateContentParameters, scrub: Scrubber): RecordedRequest {
  const { abortSignal: _signal, httpOptions, ...config } = request.config ?? {};
  const http = httpOptions
    ? Object.fromEntries(Object.entries(httpOptions).filter(([key]) => KEPT_HTTP_OPTIONS.has(key)))
    : {};
  const recordedConfig = plain(
    { ...config, ...(Object.keys(http).length > 0 ? { httpOptions: http } : {}) },
    scrub,
    0,
  );
  return {
    model: scrub(request.model),
    contents: plain(request.contents, scrub, 0),
    config: (recordedConfig ?? {}) as Record<string, unknown>,
  };
}

function plain(value: unknown, scrub: Scrubber, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value !== 'object' || depth > MAX_RECORD_DEPTH) return undefined;
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return undefined;
  if (Array.isArray(value)) return value.map((item) => plain(item, scrub, depth + 1) ?? null);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const recorded = plain(item, scrub, depth + 1);
    if (recorded !== undefined) copy[key] = recorded;
  }
  return copy;
}
