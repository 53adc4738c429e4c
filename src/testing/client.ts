import { GoogleGenAI } from '@google/genai';

/**
 * Environment variables the SDK reads at construction. Any of them can point a test client at
 * Vertex, at another host or at another API version, or supply a real key: clear them in tests.
 */
export const GENAI_ENV_VARIABLES = [
  'GOOGLE_GENAI_USE_VERTEXAI',
  'GOOGLE_GENAI_USE_ENTERPRISE',
  'GOOGLE_GEMINI_BASE_URL',
  'GOOGLE_GENAI_API_VERSION',
  'GOOGLE_API_KEY',
  'GEMINI_API_KEY',
] as const;

/** The API key test clients send; the fake server never records it. */
export const TEST_API_KEY = 'test-key';

/**
 * A real `GoogleGenAI` client pointed at the fake server, with a dummy key. Call
 * {@link clearGenaiEnv} first (e.g. in `beforeAll`) so environment variables cannot redirect it.
 *
 * @example
 * const restore = clearGenaiEnv();
 * const ai = createTestClient(fake.baseUrl);
 * // ... tests ...
 * restore();
 */
export function createTestClient(baseUrl: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey: TEST_API_KEY, httpOptions: { baseUrl } });
}

/**
 * Delete every variable in {@link GENAI_ENV_VARIABLES} from `process.env` and return a function
 * that puts the previous values back.
 */
export function clearGenaiEnv(): () => void {
  const saved = new Map<string, string>();
  for (const name of GENAI_ENV_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) saved.set(name, value);
    delete process.env[name];
  }
  return () => {
    for (const name of GENAI_ENV_VARIABLES) {
      const value = saved.get(name);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
