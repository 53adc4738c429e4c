import type { ResolvedBenchConfig } from './bench-config.js';
import type {
  BenchRunRecord,
  BestVariant,
  GuardedRunRecord,
  GuardedSummary,
  VariantSummary,
} from './bench-types.js';
import { intervalsOverlap, mean, percentile, wilsonInterval } from './statistics.js';

/** Detectors that failed any completed run of a case, most frequent first, then by name. */
export function caseDetectors(runs: readonly BenchRunRecord[], caseId: string): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) {
    if (run.caseId !== caseId || run.error !== undefined) continue;
    for (const detector of run.failedBy) counts.set(detector, (counts.get(detector) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
}

function summarizeGuarded(records: readonly GuardedRunRecord[]): GuardedSummary {
  const completed = records.filter((record) => record.error === undefined);
  const clean = completed.filter((record) => record.ok);
  return {
    runs: completed.length,
    errors: records.length - completed.length,
    clean: wilsonInterval(clean.length, completed.length),
    meanAttempts: mean(completed.map((record) => record.attempts)),
    meanAttemptsToClean: mean(clean.map((record) => record.attempts)),
    meanOutputTokens: mean(completed.map((record) => record.outputTokens)),
    wastedTokens: completed.reduce((sum, record) => sum + record.wastedTokens, 0),
  };
}

/** Every figure of one case, model and variant, from its runs. */
export function summarizeVariant(
  runs: readonly BenchRunRecord[],
  key: { caseId: string; model: string; variantId: string; label: string },
  detectors: readonly string[],
): VariantSummary {
  const all = runs.filter(
    (run) => run.caseId === key.caseId && run.model === key.model && run.variantId === key.variantId,
  );
  const completed = all.filter((run) => run.error === undefined);
  const n = completed.length;
  const count = (test: (run: BenchRunRecord) => boolean) => completed.filter(test).length;
  const perDetector: Record<string, ReturnType<typeof wilsonInterval>> = {};
  for (const detector of detectors) {
    perDetector[detector] = wilsonInterval(
      count((run) => run.failedBy.includes(detector)),
      n,
    );
  }
  const guardedRecords = all.flatMap((run) => (run.guarded ? [run.guarded] : []));
  const latencies = completed.map((run) => run.latencyMs);
  return {
    ...key,
    runs: n,
    errors: all.length - n,
    failure: wilsonInterval(
      count((run) => run.failedBy.length > 0),
      n,
    ),
    detectors: perDetector,
    aborted: wilsonInterval(
      count((run) => run.aborted),
      n,
    ),
    meanOutputTokens: mean(completed.map((run) => run.outputTokens)),
    wastedTokens: completed.reduce((sum, run) => sum + run.wastedTokens, 0),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    ...(guardedRecords.length > 0 ? { guarded: summarizeGuarded(guardedRecords) } : {}),
  };
}

/** Lower failure rate first; then the narrower risk (lower upper bound); then fewer tokens. */
function compareVariants(a: VariantSummary, b: VariantSummary): number {
  return (
    a.failure.rate - b.failure.rate ||
    a.failure.high - b.failure.high ||
    a.meanOutputTokens - b.meanOutputTokens
  );
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * The best variant of each case on each model: the lowest failure rate (ties: the lower upper
 * bound, then fewer output tokens). When another variant's 95% interval overlaps the best one's,
 * the note says so: the runs cannot tell those variants apart, and more repeats would.
 */
export function pickBest(summaries: readonly VariantSummary[]): BestVariant[] {
  const groups = new Map<string, VariantSummary[]>();
  for (const summary of summaries) {
    if (summary.runs === 0) continue;
    const key = `${summary.caseId}\u0000${summary.model}`;
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  const best: BestVariant[] = [];
  for (const group of groups.values()) {
    const ranked = [...group].sort(compareVariants);
    const winner = ranked[0];
    if (winner === undefined) continue;
    const overlapsWith = ranked.slice(1).filter((other) => intervalsOverlap(winner.failure, other.failure));
    const figure = `${percent(winner.failure.rate)} failed, 95% interval ${percent(winner.failure.low)}-${percent(winner.failure.high)}`;
    const note =
      overlapsWith.length === 0
        ? `${winner.label} is best (${figure}); its interval overlaps no other variant's.`
        : `${winner.label} is best (${figure}), but its interval overlaps ${overlapsWith
            .map((other) => other.label)
            .join(', ')}: these runs cannot tell them apart; more repeats would.`;
    best.push({
      caseId: winner.caseId,
      model: winner.model,
      variantId: winner.variantId,
      overlapsWith: overlapsWith.map((other) => other.variantId),
      note,
    });
  }
  return best;
}

/** Summaries of every case, model and variant, in config order. */
export function summarizeRuns(
  config: ResolvedBenchConfig,
  runs: readonly BenchRunRecord[],
): VariantSummary[] {
  const summaries: VariantSummary[] = [];
  for (const entry of config.cases) {
    const detectors = caseDetectors(runs, entry.id);
    for (const model of config.models) {
      for (const variant of config.variants) {
        const key = { caseId: entry.id, model, variantId: variant.id, label: variant.label ?? variant.id };
        summaries.push(summarizeVariant(runs, key, detectors));
      }
    }
  }
  return summaries;
}
