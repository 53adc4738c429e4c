import { performance } from 'node:perf_hooks';
import type { GenerateContentParameters } from '@google/genai';
import type { Issue } from '../errors/guard-error.js';
import { InvalidOptionsError } from '../errors/invalid-options-error.js';
import { DEFAULT_SNIPPETS } from '../remediation/snippets.js';
import { safeValidateRequest } from '../request/validate-request.js';
import {
  type BenchConfig,
  type BenchOverrides,
  guardedAttempts,
  parseBenchConfig,
  type ResolvedBenchConfig,
} from './bench-config.js';
import { type BenchTarget, openTarget, type TargetOptions } from './bench-target.js';
import type { BenchResult, BenchRunRecord, CaseInfo } from './bench-types.js';
import { buildRequest } from './build-request.js';
import { runPool } from './pool.js';
import { type RunSettings, runGuarded, runRaw } from './run-once.js';
import { simulatedCase } from './simulation/infer-mode.js';
import { caseDetectors, pickBest, summarizeRuns } from './summarize.js';

/** Progress of a benchmark, after each finished run. */
export interface BenchProgress {
  readonly done: number;
  readonly total: number;
  readonly run: BenchRunRecord;
}

/** Options of {@link runBench}. */
export interface RunBenchOptions extends TargetOptions, BenchOverrides {
  /** Called after each run (drive a progress bar from it). */
  readonly onProgress?: (progress: BenchProgress) => void;
  /** Cancels the benchmark: no new run starts, runs in flight are closed, and `runBench` rejects. */
  readonly signal?: AbortSignal;
}

/** One planned run. */
interface Job {
  readonly caseIndex: number;
  readonly modelIndex: number;
  readonly variantIndex: number;
  readonly repeat: number;
  readonly request: GenerateContentParameters;
}

/** Build every case × model × variant request once and refuse the config if the API would refuse one. */
function planRequests(config: ResolvedBenchConfig): GenerateContentParameters[][][] {
  const issues: Issue[] = [];
  const requests = config.cases.map((entry, caseIndex) =>
    config.models.map((model) =>
      config.variants.map((variant) => {
        const request = buildRequest(entry, variant, model, DEFAULT_SNIPPETS);
        for (const issue of safeValidateRequest(request).issues) {
          if (issue.severity !== 'error') continue;
          issues.push({
            code: issue.code,
            path: ['cases', caseIndex, ...issue.path],
            message: `${issue.message} (case ${entry.id}, variant ${variant.id}, model ${model})`,
          });
        }
        return request;
      }),
    ),
  );
  if (issues.length > 0) throw new InvalidOptionsError('bench config', issues);
  return requests;
}

/** Every run, repeat by repeat, so a cancelled benchmark still covers every variant evenly. */
function planJobs(config: ResolvedBenchConfig, requests: GenerateContentParameters[][][]): Job[] {
  const jobs: Job[] = [];
  for (let repeat = 0; repeat < config.repeats; repeat += 1) {
    requests.forEach((byModel, caseIndex) => {
      byModel.forEach((byVariant, modelIndex) => {
        byVariant.forEach((request, variantIndex) => {
          jobs.push({ caseIndex, modelIndex, variantIndex, repeat, request });
        });
      });
    });
  }
  return jobs;
}

function withHeaders(
  request: GenerateContentParameters,
  headers: Readonly<Record<string, string>> | undefined,
) {
  if (headers === undefined) return request;
  const httpOptions = request.config?.httpOptions ?? {};
  return {
    ...request,
    config: {
      ...request.config,
      httpOptions: { ...httpOptions, headers: { ...httpOptions.headers, ...headers } },
    },
  };
}

async function runJob(
  job: Job,
  config: ResolvedBenchConfig,
  target: BenchTarget,
  signal: AbortSignal | undefined,
): Promise<BenchRunRecord> {
  const entry = config.cases[job.caseIndex]!;
  const runKey = `${job.caseIndex}.${job.modelIndex}.${job.variantIndex}.${job.repeat}`;
  const requestConfig = job.request.config;
  const schema = requestConfig?.responseJsonSchema ?? requestConfig?.responseSchema;
  const settings: RunSettings = {
    inspector: schema === undefined ? {} : { schema },
    retry: target.retry,
    ...(signal === undefined ? {} : { signal }),
  };
  const raw = await runRaw(
    target.client,
    withHeaders(job.request, target.headersFor(entry.id, runKey)),
    settings,
  );
  const attempts = guardedAttempts(config);
  const guarded =
    attempts === undefined
      ? undefined
      : await runGuarded(
          target.client,
          withHeaders(job.request, target.headersFor(entry.id, `${runKey}.guarded`)),
          settings,
          attempts,
        );
  return {
    caseId: entry.id,
    model: config.models[job.modelIndex]!,
    variantId: config.variants[job.variantIndex]!.id,
    repeat: job.repeat,
    ...raw,
    ...(guarded === undefined ? {} : { guarded }),
  };
}

function caseInfos(
  config: ResolvedBenchConfig,
  runs: readonly BenchRunRecord[],
  simulated: boolean,
): CaseInfo[] {
  return config.cases.map((entry) => ({
    id: entry.id,
    title: entry.title ?? entry.id,
    ...(simulated ? { simulatedMode: simulatedCase(entry).mode } : {}),
    detectors: caseDetectors(runs, entry.id),
  }));
}

/**
 * Benchmark prompt variants: every case × model × variant is sent `repeats` times as a fresh
 * streamed call, inspected chunk by chunk, cut off at the first abort-level finding and never
 * re-asked (variants are measured raw); with `guarded`, each is also sent through the guard's
 * re-ask loop to count the attempts a clean answer takes. Live API when a client or an API key
 * (`GEMINI_API_KEY`) is available, through the resilience layer (429s and transient errors
 * retried with backoff, `concurrency` calls at most in flight); otherwise the loopback server in
 * simulation mode, reproducible for a given `seed`, and every result is labelled SIMULATED.
 *
 * The config is validated first (`InvalidOptionsError`), including every request it builds.
 *
 * @example
 * const result = await runBench(JSON.parse(readFileSync('bench.config.json', 'utf8')));
 * console.log(formatBenchTable(result));
 */
export async function runBench(
  config: BenchConfig | unknown,
  options: RunBenchOptions = {},
): Promise<BenchResult> {
  const resolved = parseBenchConfig(config, options);
  const jobs = planJobs(resolved, planRequests(resolved));
  const startedAt = new Date();
  const started = performance.now();
  const target = await openTarget(resolved, options);
  const runs: BenchRunRecord[] = [];
  try {
    await runPool(jobs, resolved.concurrency, options.signal, async (job) => {
      const run = await runJob(job, resolved, target, options.signal);
      runs.push(run);
      options.onProgress?.({ done: runs.length, total: jobs.length, run });
    });
  } finally {
    await target.close();
  }
  runs.sort((a, b) => order(resolved, a) - order(resolved, b));
  const simulated = target.mode === 'simulation';
  const summaries = summarizeRuns(resolved, runs);
  return {
    mode: target.mode,
    simulated,
    label: simulated ? 'SIMULATED' : 'LIVE',
    title: resolved.title ?? 'Prompt variant benchmark',
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    config: resolved,
    cases: caseInfos(resolved, runs, simulated),
    summaries,
    best: pickBest(summaries),
    runs,
  };
}

/** A run's position in config order: case, model, variant, repeat. */
function order(config: ResolvedBenchConfig, run: BenchRunRecord): number {
  const caseIndex = config.cases.findIndex((entry) => entry.id === run.caseId);
  const modelIndex = config.models.indexOf(run.model);
  const variantIndex = config.variants.findIndex((variant) => variant.id === run.variantId);
  const perVariant = config.repeats;
  const perModel = perVariant * config.variants.length;
  const perCase = perModel * config.models.length;
  return caseIndex * perCase + modelIndex * perModel + variantIndex * perVariant + run.repeat;
}
