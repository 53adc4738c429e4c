import type { IncomingMessage } from 'node:http';
import type { GenerateMethod } from './types.js';

/**
 * Largest request body the fake reads, in bytes: the Gemini API's inline request limit is
 * 20 MB, so anything bigger is refused (400 INVALID_ARGUMENT) as the real API would.
 */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Headers that carry credentials: never recorded. */
const CREDENTIAL_HEADERS = new Set(['x-goog-api-key', 'authorization']);

/** What the path says about a generate request. */
export interface Route {
  readonly method: GenerateMethod;
  readonly apiVersion: string;
  readonly model: string;
  readonly stream: boolean;
}

/**
 * `[/prefix...][/version]/models/{model}:{method}`. The segment right before `models/` is taken
 * as the version; anything before it is a base-URL prefix. `tunedModels/` works the same way.
 */
const ROUTE =
  /^(?:.*?)(?:\/([^/]+))?\/(models|tunedModels)\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** Match a request path (no query) to a generate route, or undefined for anything else. */
export function parseRoute(httpMethod: string | undefined, path: string): Route | undefined {
  if (httpMethod !== 'POST') return undefined;
  const match = ROUTE.exec(path);
  if (!match) return undefined;
  const [, version = '', collection, rawModel = '', method] = match;
  let name: string;
  try {
    name = decodeURIComponent(rawModel);
  } catch {
    return undefined;
  }
  const model = collection === 'models' ? name : `${collection}/${name}`;
  const generate = method as GenerateMethod;
  return { method: generate, apiVersion: version, model, stream: generate === 'streamGenerateContent' };
}

/** Request headers with lower-case names and credentials removed. */
export function recordableHeaders(request: IncomingMessage): {
  headers: Record<string, string>;
  hasApiKey: boolean;
} {
  const headers: Record<string, string> = {};
  let hasApiKey = false;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) {
      if (lower === 'x-goog-api-key') hasApiKey = true;
      continue;
    }
    headers[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { headers, hasApiKey };
}

/** Query parameters without `key` (an API key in the URL), and whether one was there. */
export function recordableQuery(search: URLSearchParams): { query: Record<string, string>; hasKey: boolean } {
  const query: Record<string, string> = {};
  let hasKey = false;
  for (const [name, value] of search) {
    if (name === 'key') hasKey = true;
    else query[name] = value;
  }
  return { query, hasKey };
}

/** Why a body could not be read. */
export type BodyProblem = 'too-large' | 'aborted';

/** Read the whole request body, up to {@link MAX_BODY_BYTES}. */
export async function readBody(request: IncomingMessage): Promise<string | BodyProblem> {
  const pieces: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of request) {
      const buffer = piece as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return 'too-large';
      pieces.push(buffer);
    }
  } catch {
    return 'aborted';
  }
  return Buffer.concat(pieces).toString('utf8');
}
