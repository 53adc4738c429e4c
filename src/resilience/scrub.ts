import { ApiError } from '@google/genai';

/** Replaces every secret in a string. Used on every text that leaves this library. */
export type Scrubber = (text: string) => string;

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Shorter strings are not treated as secrets: replacing them would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;
/** Google API keys: `AIza` and 35 more URL-safe characters (the documented key format). */
const GOOGLE_KEY_PATTERN = /AIza[0-9A-Za-z_-]{35}/g;
/** `x-goog-api-key: v`, `"x-goog-api-key":"v"`, `authorization: Bearer v` (headers as text or JSON). */
const HEADER_PATTERN = /((?:x-goog-api-key|authorization)["']?\s*[:=]\s*["']?(?:bearer\s+)?)[^\s"',;}&]+/gi;
/** `key=v`, `api_key=v`, `apiKey=v` in URLs and form bodies. */
const QUERY_KEY_PATTERN = /((?:^|[^a-z0-9])(?:api[_-]?)?key=)[^&\s"'#,;)]+/gi;
/** How deep `cause` chains are followed; real chains are one or two links. */
const MAX_CAUSE_DEPTH = 5;

/**
 * A scrubber for the given secrets (API keys) plus the patterns any key can hide behind: the
 * `x-goog-api-key` header, `key=` parameters and the Google key format.
 */
export function createScrubber(secrets: readonly (string | undefined)[] = []): Scrubber {
  const literals = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    literals.add(secret);
    literals.add(encodeURIComponent(secret));
    literals.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const literal of ordered) result = result.split(literal).join(REDACTED);
    return result
      .replace(GOOGLE_KEY_PATTERN, REDACTED)
      .replace(HEADER_PATTERN, `$1${REDACTED}`)
      .replace(QUERY_KEY_PATTERN, `$1${REDACTED}`);
  };
}

/** Own properties worth keeping on a scrubbed copy of an error (network codes and the like). */
const KEPT_PROPERTIES = ['code', 'errno', 'syscall', 'status'] as const;

/**
 * A copy of `error` whose message, stack and `cause` chain have been scrubbed. An `ApiError`
 * stays an `ApiError` (same status), a `DOMException` keeps its name; other errors become an
 * `Error` with the same `name` and network code. Non-errors become scrubbed strings.
 */
export function scrubError(error: unknown, scrub: Scrubber, depth = 0): unknown {
  if (!(error instanceof Error) && !isErrorLike(error)) {
    if (typeof error === 'string') return scrub(error);
    return error === undefined || error === null || typeof error !== 'object'
      ? error
      : scrub(safeString(error));
  }
  const source = error as Error & Record<string, unknown>;
  const message = scrub(String(source.message ?? ''));
  const copy = copyOf(source, message);
  if (typeof source.stack === 'string') copy.stack = scrub(source.stack);
  for (const key of KEPT_PROPERTIES) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') {
      Object.defineProperty(copy, key, {
        value: typeof value === 'string' ? scrub(value) : value,
        enumerable: true,
      });
    }
  }
  if (source.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    Object.defineProperty(copy, 'cause', {
      value: scrubError(source.cause, scrub, depth + 1),
      enumerable: false,
    });
  }
  return copy;
}

function copyOf(source: Error & Record<string, unknown>, message: string): Error {
  if (source.name === 'ApiError' && typeof source.status === 'number') {
    return new ApiError({ message, status: source.status });
  }
  if (typeof DOMException !== 'undefined' && source instanceof DOMException) {
    return new DOMException(message, source.name);
  }
  const copy = source instanceof TypeError ? new TypeError(message) : new Error(message);
  if (typeof source.name === 'string' && source.name !== copy.name) copy.name = source.name;
  return copy;
}

function isErrorLike(value: unknown): value is { message: unknown } {
  return typeof value === 'object' && value !== null && 'message' in value && 'name' in value;
}

function safeString(value: object): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Every secret this library can find for a client: the caller's list, the key the `ai.models`
 * object was built with (read from the SDK's client, if this SDK version exposes it) and the
 * key environment variables the SDK reads.
 */
export function collectSecrets(models: unknown, extra: readonly string[] = []): string[] {
  const secrets = [...extra];
  const clientKey = readClientKey(models);
  if (clientKey !== undefined) secrets.push(clientKey);
  const env = typeof process === 'undefined' ? undefined : process.env;
  for (const name of ['GEMINI_API_KEY', 'GOOGLE_API_KEY']) {
    const value = env?.[name];
    if (typeof value === 'string' && value.length > 0) secrets.push(value);
  }
  return secrets;
}

function readClientKey(models: unknown): string | undefined {
  try {
    // `Models.apiClient.clientOptions.apiKey` is private in the SDK's types but present at runtime.
    const client = (models as { apiClient?: { clientOptions?: { apiKey?: unknown } } } | undefined)
      ?.apiClient;
    const key = client?.clientOptions?.apiKey;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
