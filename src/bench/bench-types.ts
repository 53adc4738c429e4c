import type { Verdict } from '../verdict.js';
import type { ResolvedBenchConfig } from './bench-config.js';
import type { SimulatedMode } from './simulation/failure-model.js';
import type { Proportion } from './statistics.js';

/** Where the runs went: Google's API, or the loopback server playing the simulation model. */
export type BenchMode = 'live' | 'simulation';

/** The guarded loop's outcome for one run (when the config asks for it). */
export interface GuardedRunRecord {
  /** True when an attempt came back clean. */
  readonly ok: boolean;
  /** Attempts made, the first included. */
  readonly attempts: number;
  readonly stopReason: string;
  /** Output tokens of every attempt together. */
  readonly outputTokens: number;
  /** Output tokens of attempts whose output was thrown away. */
  readonly wastedTokens: number;
  readonly latencyMs: number;
  /** Set when the guarded call failed outright (an API error). */
  readonly error?: string;
}

/** One fresh streamed call, inspected without re-asking. Plain data, free of API keys. */
export interface BenchRunRecord {
  readonly caseId: string;
  readonly model: string;
  readonly variantId: string;
  /** 0-based repeat number. */
  readonly repeat: number;
  /** `undefined` when the call failed with an API error (see `error`). */
  readonly verdict: Verdict | undefined;
  /** Detectors with a failure-level finding: abort-level, or any block (safety, recitation, prompt). */
  readonly failedBy: readonly string[];
  /** Detectors with only warn-level findings. */
  readonly warnedBy: readonly string[];
  /** True when the stream was cut off at an abort-level finding. */
  readonly aborted: boolean;
  readonly finishReason: string | undefined;
  /** Output tokens (answer plus thoughts) generated, from the last usage report. */
  readonly outputTokens: number;
  /** True when the API reported no usage and the tokens were estimated (4 characters a token). */
  readonly tokensEstimated: boolean;
  /** The output tokens of a failed run (they bought nothing usable); 0 for a clean run. */
  readonly wastedTokens: number;
  /** From the call to the end (or the cut-off) of the stream, in milliseconds. */
  readonly latencyMs: number;
  readonly chunks: number;
  /** The error message when the call failed (messages never carry the API key). */
  readonly error?: string;
  readonly guarded?: GuardedRunRecord;
}

/** Figures of the guarded loop for one case, model and variant. */
export interface GuardedSummary {
  readonly runs: number;
  readonly errors: number;
  /** Share of guarded calls that ended with a clean answer. */
  readonly clean: Proportion;
  /** Mean attempts per call, the first included. */
  readonly meanAttempts: number;
  /** Mean attempts of the calls that ended clean. */
  readonly meanAttemptsToClean: number;
  readonly meanOutputTokens: number;
  readonly wastedTokens: number;
}

/** Every figure of one case, model and variant. */
export interface VariantSummary {
  readonly caseId: string;
  readonly model: string;
  readonly variantId: string;
  readonly label: string;
  /** Calls that completed (errors excluded from every rate). */
  readonly runs: number;
  readonly errors: number;
  /** Runs with any failure-level finding. */
  readonly failure: Proportion;
  /** Failure rate per detector, for every detector that failed a run of the case. */
  readonly detectors: Readonly<Record<string, Proportion>>;
  /** Runs whose stream the guard cut off. */
  readonly aborted: Proportion;
  readonly meanOutputTokens: number;
  /** Output tokens of failed runs, summed. */
  readonly wastedTokens: number;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly guarded?: GuardedSummary;
}

/** The best variant of one case on one model. */
export interface BestVariant {
  readonly caseId: string;
  readonly model: string;
  readonly variantId: string;
  /** Variants whose failure interval overlaps the best one's: the data cannot tell them apart. */
  readonly overlapsWith: readonly string[];
  /** One sentence for people. */
  readonly note: string;
}

/** A case as the report describes it. */
export interface CaseInfo {
  readonly id: string;
  readonly title: string;
  /** The failure mode the simulation played for it (simulation mode only). */
  readonly simulatedMode?: SimulatedMode;
  /** Detectors that failed at least one of its runs, in a stable order. */
  readonly detectors: readonly string[];
}

/** What `runBench` returns, and what `results.json` holds. */
export interface BenchResult {
  readonly mode: BenchMode;
  /** True in simulation mode: every figure comes from the simulation model, not from Gemini. */
  readonly simulated: boolean;
  /** `SIMULATED` in simulation mode, `LIVE` otherwise: printed on every output. */
  readonly label: 'SIMULATED' | 'LIVE';
  readonly title: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly config: ResolvedBenchConfig;
  readonly cases: readonly CaseInfo[];
  readonly summaries: readonly VariantSummary[];
  readonly best: readonly BestVariant[];
  readonly runs: readonly BenchRunRecord[];
}
