/**
 * Prompt-variant benchmarking: `runBench(config)` measures, per case, model and variant, how often
 * each failure mode occurs (with 95% Wilson intervals), what it costs in tokens and latency, and
 * which variant is best; `formatBenchTable` prints it; `writeBenchResults` writes results.json,
 * results.csv and a self-contained report.html.
 */
export {
  type BenchCase,
  type BenchConfig,
  BenchConfigSchema,
  type BenchOverrides,
  type BenchVariant,
  DEFAULT_CONCURRENCY,
  DEFAULT_REPEATS,
  parseBenchConfig,
  type ResolvedBenchConfig,
} from './bench-config.js';
export { type BenchTableOptions, formatBenchTable } from './bench-table.js';
export { SIMULATION_CHUNK_DELAY_MS, type TargetOptions } from './bench-target.js';
export type {
  BenchMode,
  BenchResult,
  BenchRunRecord,
  BestVariant,
  CaseInfo,
  GuardedRunRecord,
  GuardedSummary,
  VariantSummary,
} from './bench-types.js';
export { buildRequest } from './build-request.js';
export { renderReportHtml } from './report-html.js';
export { resultsCsv } from './results-csv.js';
export { type BenchProgress, type RunBenchOptions, runBench } from './run-bench.js';
export { SIMULATED_MODES, type SimulatedMode } from './simulation/failure-model.js';
export { type Proportion, wilsonInterval } from './statistics.js';
export { type BenchFiles, resultsJson, writeBenchResults } from './write-results.js';
