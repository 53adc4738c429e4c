import type { BenchResult, VariantSummary } from './bench-types.js';
import { type Proportion, wilsonInterval } from './statistics.js';

/** Quote a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Six significant decimals are plenty for rates and milliseconds, and keep the file readable. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

function proportionFields(proportion: Proportion): number[] {
  return [proportion.count, proportion.rate, proportion.low, proportion.high];
}

function row(
  result: BenchResult,
  summary: VariantSummary,
  detectors: readonly string[],
): (string | number | boolean | undefined)[] {
  const guarded = summary.guarded;
  return [
    result.label,
    summary.caseId,
    summary.model,
    summary.variantId,
    summary.label,
    summary.runs,
    summary.errors,
    ...proportionFields(summary.failure),
    ...proportionFields(summary.aborted),
    summary.meanOutputTokens,
    summary.wastedTokens,
    summary.latencyP50Ms,
    summary.latencyP95Ms,
    guarded?.clean.rate,
    guarded?.clean.low,
    guarded?.clean.high,
    guarded?.meanAttempts,
    guarded?.meanAttemptsToClean,
    guarded?.wastedTokens,
    // A detector seen only in other cases failed none of this case's runs.
    ...detectors.flatMap((detector) =>
      proportionFields(summary.detectors[detector] ?? wilsonInterval(0, summary.runs)),
    ),
  ];
}

/**
 * `results.csv`: one row per case, model and variant; rates are fractions (0-1) with the 95%
 * Wilson interval's ends beside them; one group of columns per detector seen in any case. The
 * first column labels every row SIMULATED or LIVE.
 */
export function resultsCsv(result: BenchResult): string {
  const detectors = [...new Set(result.cases.flatMap((entry) => entry.detectors))].sort();
  const proportionHeaders = (name: string) => [name, `${name}_rate`, `${name}_low`, `${name}_high`];
  const header = [
    'label',
    'case',
    'model',
    'variant',
    'variant_label',
    'runs',
    'errors',
    ...proportionHeaders('failed'),
    ...proportionHeaders('aborted'),
    'mean_output_tokens',
    'wasted_tokens',
    'latency_p50_ms',
    'latency_p95_ms',
    'guarded_clean_rate',
    'guarded_clean_low',
    'guarded_clean_high',
    'guarded_mean_attempts',
    'guarded_attempts_to_clean',
    'guarded_wasted_tokens',
    ...detectors.flatMap((detector) => proportionHeaders(`failed_${detector}`)),
  ];
  const lines = [header.map(csvField).join(',')];
  for (const summary of result.summaries) lines.push(row(result, summary, detectors).map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
