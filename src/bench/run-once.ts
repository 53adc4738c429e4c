import { performance } from 'node:perf_hooks';
import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import type { Finding } from '../finding.js';
import { guard } from '../guard/guard.js';
import type { GuardableClient } from '../guard/unary-call.js';
import { guardStream } from '../guard-stream.js';
import type { InspectorOptions } from '../inspector.js';
import { resilientGenerateContentStream } from '../resilience/resilient-stream.js';
import type { RetryOptions } from '../resilience/retry-options.js';
import { BLOCKING_DETECTORS, verdictOf } from '../verdict.js';
import type { BenchRunRecord, GuardedRunRecord } from './bench-types.js';

/** Google's rule of thumb, "a token is about four characters", for runs that report no usage. */
const CHARS_PER_TOKEN = 4;

/** What one raw run measured (the record without its case, model, variant and repeat). */
export type RawRunOutcome = Omit<BenchRunRecord, 'caseId' | 'model' | 'variantId' | 'repeat' | 'guarded'>;

/** What a run needs besides its request. */
export interface RunSettings {
  readonly inspector: InspectorOptions;
  /** Retry policy of each call (the model comes from the request; the signal from `signal`). */
  readonly retry: Omit<RetryOptions, 'model' | 'signal'>;
  readonly signal?: AbortSignal;
}

/** A finding that makes the run a failure: abort-level, or any block that is more than information. */
export function isFailure(finding: Finding): boolean {
  return (
    finding.severity === 'abort' ||
    (BLOCKING_DETECTORS.includes(finding.detector) && finding.severity !== 'info')
  );
}

function distinctDetectors(findings: readonly Finding[], keep: (finding: Finding) => boolean): string[] {
  return [...new Set(findings.filter(keep).map((finding) => finding.detector))];
}

/** Running totals of a stream: output characters and the last usage report. */
class StreamTally {
  chunks = 0;
  characters = 0;
  reportedTokens: number | undefined;
  finishReason: string | undefined;

  add(chunk: GenerateContentResponse): void {
    this.chunks += 1;
    const usage = chunk.usageMetadata;
    if (usage?.candidatesTokenCount !== undefined || usage?.thoughtsTokenCount !== undefined) {
      this.reportedTokens = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
    }
    for (const candidate of chunk.candidates ?? []) {
      if (candidate.finishReason !== undefined) this.finishReason = String(candidate.finishReason);
      for (const part of candidate.content?.parts ?? []) {
        if (typeof part.text === 'string') this.characters += part.text.length;
        if (part.functionCall !== undefined) this.characters += JSON.stringify(part.functionCall).length;
      }
    }
  }

  get tokens(): number {
    return this.reportedTokens ?? Math.ceil(this.characters / CHARS_PER_TOKEN);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One fresh streamed call through the resilience layer (transient errors and 429s retried with
 * backoff), inspected chunk by chunk and cut off at the first abort-level finding, never re-asked:
 * the variant is measured raw. API errors become an `error` on the outcome, never a throw.
 */
export async function runRaw(
  client: GuardableClient,
  request: GenerateContentParameters,
  settings: RunSettings,
): Promise<RawRunOutcome> {
  const controller = new AbortController();
  const signal = settings.signal ? AbortSignal.any([settings.signal, controller.signal]) : controller.signal;
  const params = { ...request, config: { ...request.config, abortSignal: signal } };
  const tally = new StreamTally();
  const started = performance.now();
  let findings: readonly Finding[] = [];
  let aborted = false;
  let error: string | undefined;
  try {
    const stream = await resilientGenerateContentStream(client.models, params, settings.retry);
    const guarded = guardStream(stream, { ...settings.inspector, abortController: controller });
    for await (const chunk of guarded) tally.add(chunk);
    findings = guarded.findings;
    aborted = guarded.abortedBy !== undefined;
  } catch (caught) {
    error = errorMessage(caught);
  }
  return outcomeOf(findings, tally, aborted, performance.now() - started, error);
}

/** The record of a finished (or failed) raw run. */
function outcomeOf(
  findings: readonly Finding[],
  tally: StreamTally,
  aborted: boolean,
  latencyMs: number,
  error: string | undefined,
): RawRunOutcome {
  const failedBy = distinctDetectors(findings, isFailure);
  const failed = error === undefined && failedBy.length > 0;
  const warned = (finding: Finding) => finding.severity === 'warn' && !failedBy.includes(finding.detector);
  return {
    verdict: error === undefined ? verdictOf(findings) : undefined,
    failedBy,
    warnedBy: distinctDetectors(findings, warned),
    aborted,
    finishReason: tally.finishReason,
    outputTokens: tally.tokens,
    tokensEstimated: tally.reportedTokens === undefined,
    wastedTokens: failed ? tally.tokens : 0,
    latencyMs,
    chunks: tally.chunks,
    ...(error === undefined ? {} : { error }),
  };
}

/**
 * The same request through the guard's streamed re-ask loop (`guard(client).stream`): each attempt
 * is cut off at its first abort-level finding, mapped to the guide's fixes and asked again, up to
 * `maxAttempts`. Measures the attempts a clean answer takes and the tokens spent on the way.
 */
export async function runGuarded(
  client: GuardableClient,
  request: GenerateContentParameters,
  settings: RunSettings,
  maxAttempts: number,
): Promise<GuardedRunRecord> {
  const started = performance.now();
  try {
    const guarded = guard(client, {
      maxAttempts,
      retry: settings.retry,
      ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    });
    const events = guarded.stream(request);
    let next = await events.next();
    while (next.done !== true) next = await events.next();
    const result = next.value;
    return {
      ok: result.ok,
      attempts: result.attempts.length,
      stopReason: result.stopReason,
      outputTokens: result.totals.outputTokens,
      wastedTokens: result.totals.wastedTokens,
      latencyMs: performance.now() - started,
    };
  } catch (caught) {
    const latencyMs = performance.now() - started;
    return {
      ok: false,
      attempts: 0,
      stopReason: 'error',
      outputTokens: 0,
      wastedTokens: 0,
      latencyMs,
      error: errorMessage(caught),
    };
  }
}
