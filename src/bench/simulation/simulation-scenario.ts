import type { SnippetTexts } from '../../remediation/snippets.js';
import { createRandom } from '../../testing/random.js';
import { textReply } from '../../testing/reply-builders.js';
import { failureScenario } from '../../testing/scenarios/index.js';
import type { Scenario } from '../../testing/types.js';
import { type SimulatedMode, simulatedFailureRate } from './failure-model.js';

/** Header naming one benchmark run (case, model, variant, repeat); sent only to the loopback server. */
export const BENCH_RUN_HEADER = 'x-gemini-guard-bench-run';
/** Header naming the case of a run, so the scenario knows which failure mode to play. */
export const BENCH_CASE_HEADER = 'x-gemini-guard-bench-case';

/** What the simulation plays for one case. */
export interface SimulatedCase {
  readonly mode: SimulatedMode;
  /** Failure probability with no remedy at a low temperature. */
  readonly baseRate: number;
}

/** Options of {@link createSimulationScenario}. */
export interface SimulationScenarioOptions {
  /** The benchmark seed: the same seed gives the same outcome for every run. */
  readonly seed: number;
  /** The simulated behaviour of each case, by case id. */
  readonly cases: ReadonlyMap<string, SimulatedCase>;
  /** The snippet texts whose presence counts as the remedy. */
  readonly snippets: SnippetTexts;
  /** Wait before each chunk of a misbehaving stream, in ms. */
  readonly chunkDelayMs: number;
}

/** FNV-1a, 32 bits: spreads a run key over the seed space (not for anything security-related). */
function hashKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The draw of one attempt of one run, in [0, 1). Keyed by the run and the attempt rather than by
 * the order requests reach the server, so concurrent runs give the same results for a seed.
 */
export function simulationDraw(seed: number, runKey: string, attempt: number): number {
  return createRandom((seed ^ hashKey(`${runKey}#${attempt}`)) >>> 0)();
}

/**
 * The loopback-server scenario of simulation mode. For each request it reads the run and case
 * headers, computes the failure probability from the remedies the request carries (see
 * `failure-model.ts`), draws, and plays the failure mode's misbehaving or clean reply from the
 * scenario library. Requests without the headers get a short clean answer.
 */
export function createSimulationScenario(options: SimulationScenarioOptions): Scenario {
  const attempts = new Map<string, number>();
  return (request, context) => {
    const runKey = request.headers[BENCH_RUN_HEADER];
    const simulated = options.cases.get(request.headers[BENCH_CASE_HEADER] ?? '');
    if (runKey === undefined || simulated === undefined) {
      return textReply({ text: 'SIMULATED answer to a request outside the benchmark.' });
    }
    const attempt = (attempts.get(runKey) ?? 0) + 1;
    attempts.set(runKey, attempt);
    const rate = simulatedFailureRate(
      simulated.mode,
      simulated.baseRate,
      request.body,
      context.model,
      options.snippets,
    );
    const fails = simulationDraw(options.seed, runKey, attempt) < rate;
    // Rates of exactly 1 or 0 make the library scenario's own draw irrelevant: the outcome is ours.
    const certain = fails ? 1 : 0;
    const play = failureScenario(simulated.mode).create({
      failureRate: certain,
      residualRate: certain,
      chunkDelayMs: options.chunkDelayMs,
      snippets: options.snippets,
    });
    return play(request, context);
  };
}
