// Shared setup for the fault-injection tests: a loopback fake Gemini, a real SDK client whose
// key is a canary, and a deep search for that canary in anything a test can reach.
import { GoogleGenAI, type HttpOptions } from '@google/genai';
import { clearGenaiEnv, type FakeGemini, type Scenario, startFakeGemini } from '../../src/testing/index.js';

/** The API key of every test client: it must never show up in anything the library produces. */
export const CANARY_KEY = 'canary-Zq8xW3vN5tK1pL7m';

/** A started fake server and a real client pointed at it with the canary key. */
export interface FakeSetup {
  readonly fake: FakeGemini;
  readonly ai: GoogleGenAI;
  stop(): Promise<void>;
}

/** Start the fake with `scenario` and a client built with `httpOptions` on top of the base URL. */
export async function startFake(scenario: Scenario, httpOptions: HttpOptions = {}): Promise<FakeSetup> {
  const restore = clearGenaiEnv();
  const fake = await startFakeGemini({ scenario });
  const ai = new GoogleGenAI({ apiKey: CANARY_KEY, httpOptions: { ...httpOptions, baseUrl: fake.baseUrl } });
  return {
    fake,
    ai,
    async stop() {
      await fake.settled();
      await fake.close();
      restore();
    },
  };
}

/** How deep `textsIn` follows objects; the records under test are a few levels deep. */
const MAX_DEPTH = 12;

/**
 * Every string reachable from `value`: own properties (enumerable or not), error messages,
 * stacks and causes, array items, map and set entries.
 */
export function textsIn(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > MAX_DEPTH) return [];
  seen.add(value);
  const found: string[] = [];
  const visit = (child: unknown) => found.push(...textsIn(child, seen, depth + 1));
  if (value instanceof Error) {
    visit(value.message);
    visit(value.stack);
    visit(value.cause);
  }
  if (value instanceof Map || value instanceof Set) for (const entry of value) visit(entry);
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) visit(descriptor.value);
  }
  return found;
}

/** True when the canary key appears anywhere inside `value`. */
export function containsCanary(value: unknown): boolean {
  return textsIn(value).some((text) => text.includes(CANARY_KEY));
}

/** Await a rejection and return the error (fails the test when the promise resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
