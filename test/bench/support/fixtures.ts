import { parseBenchConfig } from '../../../src/bench/bench-config.js';
import type { BenchResult, BenchRunRecord } from '../../../src/bench/bench-types.js';
import { pickBest, summarizeRuns } from '../../../src/bench/summarize.js';

/** A config of one case and three variants, for building results by hand. */
export const FIXTURE_CONFIG = parseBenchConfig({
  title: 'Fixture <bench> & "quotes"',
  models: ['gemini-2.5-flash'],
  cases: [{ id: 'tables', title: 'Tables, with a comma', prompt: 'A table please.' }],
  variants: [{ id: 'a', label: 'plain, t=0.2' }, { id: 'b' }, { id: 'c' }],
  repeats: 10,
});

/** `failed` of `runs` runs of one variant, failed ones by `detector`, with fixed tokens and latency. */
export function fixtureRuns(
  variantId: string,
  runs: number,
  failed: number,
  detector = 'table-hyphens',
): BenchRunRecord[] {
  return Array.from({ length: runs }, (_, repeat) => {
    const fails = repeat < failed;
    return {
      caseId: 'tables',
      model: 'gemini-2.5-flash',
      variantId,
      repeat,
      verdict: fails ? 'degenerate' : 'clean',
      failedBy: fails ? [detector] : [],
      warnedBy: [],
      aborted: fails,
      finishReason: fails ? undefined : 'STOP',
      outputTokens: fails ? 200 : 50,
      tokensEstimated: false,
      wastedTokens: fails ? 200 : 0,
      latencyMs: 10 + repeat,
      chunks: fails ? 4 : 1,
    };
  });
}

/** A whole result built from hand-made runs (no server involved). */
export function fixtureResult(runs: readonly BenchRunRecord[], simulated = true): BenchResult {
  const summaries = summarizeRuns(FIXTURE_CONFIG, runs);
  return {
    mode: simulated ? 'simulation' : 'live',
    simulated,
    label: simulated ? 'SIMULATED' : 'LIVE',
    title: FIXTURE_CONFIG.title ?? '',
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1234,
    config: FIXTURE_CONFIG,
    cases: [{ id: 'tables', title: 'Tables, with a comma', detectors: ['table-hyphens'] }],
    summaries,
    best: pickBest(summaries),
    runs,
  };
}
