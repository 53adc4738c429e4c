import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { type BenchConfig, parseBenchConfig } from '../../src/bench/bench-config.js';
import type { BenchProgress } from '../../src/bench/run-bench.js';
import { runBench } from '../../src/bench/run-bench.js';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { errorReply, textReply } from '../../src/testing/reply-builders.js';
import { withFake } from '../testing/with-fake.js';

const TABLE_CASE = {
  id: 'tables',
  prompt: 'Compare the planets in a Markdown table.',
  snippets: ['table-format' as const],
  simulate: { mode: 'table-hyphens' as const },
};
const CONFIG = {
  models: ['gemini-2.5-flash'],
  cases: [TABLE_CASE, { id: 'chat', prompt: 'Explain caching.', simulate: { mode: 'text-loop' as const } }],
  variants: [
    { id: 'bare', temperature: 0.2 },
    { id: 'remedied', caseSnippets: true, temperature: 0.8 },
  ],
  repeats: 6,
  concurrency: 4,
  seed: 11,
} satisfies BenchConfig;

/** What a run measured that the seed decides (latency is the clock's). */
const outcome = (run: {
  caseId: string;
  variantId: string;
  repeat: number;
  failedBy: readonly string[];
  outputTokens: number;
}) => `${run.caseId}/${run.variantId}/${run.repeat}:${run.failedBy.join('+')}:${run.outputTokens}`;

const RUNAWAY = `| Planet | Moons |\n|${'-'.repeat(3000)}`;

describe('runBench in simulation mode', () => {
  it('runs every case, model, variant and repeat once, labels the result SIMULATED and reports progress', async () => {
    const progress: BenchProgress[] = [];
    const result = await runBench(CONFIG, { simulate: true, onProgress: (step) => progress.push(step) });
    expect(result).toMatchObject({ mode: 'simulation', simulated: true, label: 'SIMULATED' });
    expect(result.runs).toHaveLength(2 * 2 * 6);
    expect(progress.map((step) => step.done)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
    expect(progress.every((step) => step.total === 24)).toBe(true);
    expect(result.runs.map((run) => `${run.caseId}/${run.variantId}/${run.repeat}`).slice(0, 7)).toEqual([
      'tables/bare/0',
      'tables/bare/1',
      'tables/bare/2',
      'tables/bare/3',
      'tables/bare/4',
      'tables/bare/5',
      'tables/remedied/0',
    ]);
    expect(result.summaries.map((row) => row.runs)).toEqual([6, 6, 6, 6]);
    expect(result.cases.map((entry) => entry.simulatedMode)).toEqual(['table-hyphens', 'text-loop']);
  });

  it('gives the same outcome for every run with the same seed, whatever the concurrency', async () => {
    const serial = await runBench(CONFIG, { simulate: true, concurrency: 1 });
    const parallel = await runBench(CONFIG, { simulate: true, concurrency: 8 });
    const reseeded = await runBench(CONFIG, { simulate: true, seed: 12 });
    expect(parallel.runs.map(outcome)).toEqual(serial.runs.map(outcome));
    expect(reseeded.runs.map(outcome)).not.toEqual(serial.runs.map(outcome));
  });

  it('measures fewer failures and fewer wasted tokens for the remedied variant', async () => {
    const result = await runBench(CONFIG, { simulate: true, repeats: 40 });
    const row = (variantId: string) =>
      result.summaries.find((each) => each.caseId === 'tables' && each.variantId === variantId)!;
    expect(row('bare').failure.count).toBeGreaterThan(row('remedied').failure.count);
    expect(row('bare').wastedTokens).toBeGreaterThan(row('remedied').wastedTokens);
    expect(row('bare').detectors['table-hyphens']?.count).toBe(row('bare').failure.count);
    // A failed run was cut off at the abort, so its tokens are far below the 750-token runaway.
    const failed = result.runs.filter((run) => run.failedBy.length > 0);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((run) => run.aborted && run.outputTokens < 750)).toBe(true);
  });

  it('also runs the guarded loop when asked, counting attempts to a clean answer', async () => {
    const result = await runBench(CONFIG, { simulate: true, guarded: true });
    for (const row of result.summaries) {
      expect(row.guarded?.runs).toBe(6);
      expect(row.guarded?.meanAttempts).toBeGreaterThanOrEqual(1);
    }
    const bare = result.summaries.find((row) => row.caseId === 'tables' && row.variantId === 'bare')!;
    // The re-ask adds the table rules and raises the temperature, which the simulation rewards.
    expect(bare.guarded?.clean.count).toBe(6);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const promise = runBench(CONFIG, {
      simulate: true,
      concurrency: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await promise.catch((caught: unknown) => caught);
    expect(isCallAbortedError(error)).toBe(true);
  });
});

describe('runBench with a client (live mode)', () => {
  it('measures what the API returns: every runaway is cut off and counted, and the result is labelled LIVE', async () => {
    await withFake(
      { scenario: () => textReply({ text: RUNAWAY, chunkSize: 64, finishReason: 'MAX_TOKENS' }) },
      async (_fake, ai) => {
        const result = await runBench({ ...CONFIG, cases: [TABLE_CASE], repeats: 3 }, { client: ai });
        expect(result).toMatchObject({ mode: 'live', simulated: false, label: 'LIVE' });
        for (const row of result.summaries) {
          expect(row.failure).toMatchObject({ count: 3, runs: 3, rate: 1 });
          expect(row.aborted.count).toBe(3);
        }
      },
    );
  });

  it('counts API errors apart from the rates, and never writes the key into the result', async () => {
    const key = 'AIzaSyTHIS-IS-A-SECRET-KEY-0123456789';
    await withFake({ scenario: () => errorReply(403, { message: 'Permission denied.' }) }, async (fake) => {
      const client = new GoogleGenAI({
        apiKey: key,
        vertexai: false,
        httpOptions: { baseUrl: fake.baseUrl },
      });
      const result = await runBench({ ...CONFIG, cases: [TABLE_CASE], repeats: 2 }, { client });
      expect(result.runs.every((run) => run.error !== undefined && run.verdict === undefined)).toBe(true);
      expect(result.summaries.map((row) => [row.runs, row.errors])).toEqual([
        [0, 2],
        [0, 2],
      ]);
      expect(result.best).toEqual([]);
      expect(JSON.stringify(result)).not.toContain(key);
    });
  });

  it('refuses a config whose requests the API would refuse, before any call', async () => {
    await withFake({}, async (fake, ai) => {
      const broken = { ...CONFIG, variants: [{ id: 'hot', temperature: 2, config: { candidateCount: 9 } }] };
      expect(parseBenchConfig(broken).variants[0]?.id).toBe('hot');
      const error = await runBench(broken, { client: ai }).catch((caught: unknown) => caught);
      expect(isInvalidOptionsError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/candidateCount/);
      expect(fake.requests).toHaveLength(0);
    });
  });
});
