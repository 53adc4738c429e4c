import { createColors } from 'picocolors';
import type { BenchResult, VariantSummary } from './bench-types.js';
import type { Proportion } from './statistics.js';

/** Options of {@link formatBenchTable}. */
export interface BenchTableOptions {
  /** ANSI colours (default false: plain text). */
  readonly color?: boolean;
}

/** A column: its header, its cells, and which side they hug. */
interface Column {
  readonly header: string;
  readonly cells: readonly string[];
  readonly align: 'left' | 'right';
}

/** `37% [26-49]`: the rate and its 95% interval, in whole percent. */
export function formatProportion(proportion: Proportion): string {
  const pct = (value: number) => Math.round(value * 100);
  return `${pct(proportion.rate)}% [${pct(proportion.low)}-${pct(proportion.high)}]`;
}

/** Whole numbers with thousands separators. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function renderColumns(columns: readonly Column[], indent: string): string[] {
  const widths = columns.map((column) =>
    Math.max(column.header.length, ...column.cells.map((cell) => cell.length)),
  );
  const pad = (text: string, index: number) => {
    const column = columns[index]!;
    const width = widths[index]!;
    return column.align === 'left' ? text.padEnd(width) : text.padStart(width);
  };
  const rows = columns[0]?.cells.length ?? 0;
  const lines = [columns.map((column, index) => pad(column.header, index)).join('  ')];
  for (let row = 0; row < rows; row += 1) {
    lines.push(columns.map((column, index) => pad(column.cells[row] ?? '', index)).join('  '));
  }
  return lines.map((line) => `${indent}${line.trimEnd()}`);
}

function rawColumns(
  rows: readonly VariantSummary[],
  detectors: readonly string[],
  bestId: string | undefined,
): Column[] {
  const text = (pick: (row: VariantSummary) => string) => rows.map(pick);
  const columns: Column[] = [
    {
      header: '  variant',
      align: 'left',
      cells: text((row) => `${row.variantId === bestId ? '* ' : '  '}${row.label}`),
    },
    { header: 'runs', align: 'right', cells: text((row) => String(row.runs)) },
  ];
  if (rows.some((row) => row.errors > 0)) {
    columns.push({ header: 'errors', align: 'right', cells: text((row) => String(row.errors)) });
  }
  columns.push({
    header: 'failed [95% CI]',
    align: 'right',
    cells: text((row) => formatProportion(row.failure)),
  });
  for (const detector of detectors) {
    const cell = (row: VariantSummary) => {
      const proportion = row.detectors[detector];
      return proportion ? formatProportion(proportion) : '-';
    };
    columns.push({ header: detector, align: 'right', cells: text(cell) });
  }
  columns.push(
    { header: 'aborted', align: 'right', cells: text((row) => `${Math.round(row.aborted.rate * 100)}%`) },
    { header: 'out tok/run', align: 'right', cells: text((row) => formatCount(row.meanOutputTokens)) },
    { header: 'wasted tok', align: 'right', cells: text((row) => formatCount(row.wastedTokens)) },
    { header: 'p50 ms', align: 'right', cells: text((row) => formatCount(row.latencyP50Ms)) },
    { header: 'p95 ms', align: 'right', cells: text((row) => formatCount(row.latencyP95Ms)) },
  );
  return columns;
}

function guardedColumns(rows: readonly VariantSummary[]): Column[] {
  const text = (pick: (row: VariantSummary) => string) => rows.map(pick);
  return [
    { header: '  guarded loop', align: 'left', cells: text((row) => `  ${row.label}`) },
    {
      header: 'clean [95% CI]',
      align: 'right',
      cells: text((row) => (row.guarded ? formatProportion(row.guarded.clean) : '-')),
    },
    {
      header: 'attempts/call',
      align: 'right',
      cells: text((row) => (row.guarded ? row.guarded.meanAttempts.toFixed(2) : '-')),
    },
    {
      header: 'attempts to clean',
      align: 'right',
      cells: text((row) => (row.guarded ? row.guarded.meanAttemptsToClean.toFixed(2) : '-')),
    },
    {
      header: 'wasted tok',
      align: 'right',
      cells: text((row) => (row.guarded ? formatCount(row.guarded.wastedTokens) : '-')),
    },
  ];
}

/** The banner line: SIMULATED or LIVE, the title, and the run settings. */
export function bannerOf(result: BenchResult): string {
  const { repeats, seed, concurrency } = result.config;
  const where = result.simulated
    ? 'loopback server playing a simulation model of the guide’s remedies: NOT measurements of Gemini'
    : 'live Gemini API';
  return `${result.label} · ${result.title} · ${repeats} runs per variant · seed ${seed} · concurrency ${concurrency} · ${where}`;
}

/**
 * The benchmark as a terminal table, one block per case and model: runs, failure rate with its
 * 95% Wilson interval, failure rate per detector, abort rate, mean output tokens, wasted tokens,
 * p50/p95 latency; then the guarded loop's figures when it ran; then the best variant (marked
 * `*`) with a note when its interval overlaps another's. Starts with a SIMULATED or LIVE banner.
 */
export function formatBenchTable(result: BenchResult, options: BenchTableOptions = {}): string {
  const colors = createColors(options.color ?? false);
  const lines = [
    (result.simulated ? colors.yellow : colors.green)(colors.bold(bannerOf(result))),
    `${result.runs.length} runs in ${(result.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const entry of result.cases) {
    for (const model of result.config.models) {
      const rows = result.summaries.filter((row) => row.caseId === entry.id && row.model === model);
      const best = result.best.find((pick) => pick.caseId === entry.id && pick.model === model);
      const played = entry.simulatedMode ? colors.dim(` [${result.label}: ${entry.simulatedMode}]`) : '';
      lines.push('', `${colors.bold(`${entry.id} · ${model}`)}  ${entry.title}${played}`);
      lines.push(...renderColumns(rawColumns(rows, entry.detectors, best?.variantId), '  '));
      if (rows.some((row) => row.guarded)) lines.push(...renderColumns(guardedColumns(rows), '  '));
      lines.push(`  ${colors.cyan('best:')} ${best ? best.note : 'no completed runs'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
