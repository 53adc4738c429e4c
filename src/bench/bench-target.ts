import { GoogleGenAI } from '@google/genai';
import type { GuardableClient } from '../guard/unary-call.js';
import { DEFAULT_SNIPPETS } from '../remediation/snippets.js';
import type { RetryOptions } from '../resilience/retry-options.js';
import { TEST_API_KEY } from '../testing/client.js';
import { startFakeGemini } from '../testing/fake-gemini.js';
import type { ResolvedBenchConfig } from './bench-config.js';
import type { BenchMode } from './bench-types.js';
import { simulatedCase } from './simulation/infer-mode.js';
import {
  BENCH_CASE_HEADER,
  BENCH_RUN_HEADER,
  createSimulationScenario,
  type SimulatedCase,
} from './simulation/simulation-scenario.js';

/**
 * Wait before each chunk of a simulated misbehaving stream, in ms. A runaway then takes a few
 * milliseconds per chunk longer than a clean answer, so latency figures show the cost of a loop
 * (and the saving of an early cut-off) while the whole example still runs in seconds.
 */
export const SIMULATION_CHUNK_DELAY_MS = 2;

/**
 * Retry policy in simulation: the loopback server never rate-limits, so waits are kept short.
 * Live runs use the library defaults (SDK-NOTES §5 pacing, server RetryInfo delays honoured).
 */
const SIMULATION_RETRY: Omit<RetryOptions, 'model' | 'signal'> = {
  maxRetries: 2,
  initialDelayMs: 10,
  maxDelayMs: 100,
};

/** Where a benchmark sends its calls, and how. */
export interface BenchTarget {
  readonly mode: BenchMode;
  readonly client: GuardableClient;
  readonly retry: Omit<RetryOptions, 'model' | 'signal'>;
  /** Extra request headers for one run (simulation: the run and case ids the scenario reads). */
  headersFor(caseId: string, runKey: string): Readonly<Record<string, string>> | undefined;
  close(): Promise<void>;
}

/** How `runBench` picks its target. */
export interface TargetOptions {
  /** Force simulation even when an API key is available. */
  readonly simulate?: boolean;
  /** The API key for live runs (default: `GEMINI_API_KEY`). Never printed or stored. */
  readonly apiKey?: string;
  /** A client to use for live runs instead of building one from the key. */
  readonly client?: GuardableClient;
  /** Override of {@link SIMULATION_CHUNK_DELAY_MS}. */
  readonly simulationChunkDelayMs?: number;
}

/**
 * Open the benchmark's target: the live API when a client or an API key is available (and
 * `simulate` is not set), else a loopback server playing the simulation model for each case.
 */
export async function openTarget(config: ResolvedBenchConfig, options: TargetOptions): Promise<BenchTarget> {
  const apiKey = options.apiKey ?? process.env.GEMINI_API_KEY;
  if (!options.simulate && options.client !== undefined) {
    return {
      mode: 'live',
      client: options.client,
      retry: {},
      headersFor: () => undefined,
      close: async () => {},
    };
  }
  if (!options.simulate && apiKey !== undefined && apiKey !== '') {
    const client = new GoogleGenAI({ apiKey, vertexai: false });
    // The key is listed as a secret so the resilience layer scrubs it from any error message.
    return {
      mode: 'live',
      client,
      retry: { secrets: [apiKey] },
      headersFor: () => undefined,
      close: async () => {},
    };
  }
  return openSimulation(config, options.simulationChunkDelayMs ?? SIMULATION_CHUNK_DELAY_MS);
}

async function openSimulation(config: ResolvedBenchConfig, chunkDelayMs: number): Promise<BenchTarget> {
  const cases = new Map<string, SimulatedCase>(config.cases.map((entry) => [entry.id, simulatedCase(entry)]));
  const server = await startFakeGemini({
    scenario: createSimulationScenario({
      seed: config.seed,
      cases,
      snippets: DEFAULT_SNIPPETS,
      chunkDelayMs,
    }),
    seed: config.seed,
  });
  // Explicit options, so SDK environment variables (Vertex, base URL, a real key) cannot redirect it.
  const client = new GoogleGenAI({
    apiKey: TEST_API_KEY,
    vertexai: false,
    httpOptions: { baseUrl: server.baseUrl },
  });
  return {
    mode: 'simulation',
    client,
    retry: SIMULATION_RETRY,
    headersFor: (caseId, runKey) => ({ [BENCH_RUN_HEADER]: runKey, [BENCH_CASE_HEADER]: caseId }),
    close: () => server.close(),
  };
}
