import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResult } from './bench-types.js';
import { renderReportHtml } from './report-html.js';
import { resultsCsv } from './results-csv.js';

/** The files {@link writeBenchResults} wrote. */
export interface BenchFiles {
  readonly json: string;
  readonly csv: string;
  readonly html: string;
}

/** `results.json`: the whole result (config, summaries, best variants, every run), labelled. */
export function resultsJson(result: BenchResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * Write `results.json`, `results.csv` and `report.html` into `directory` (created when missing).
 * The result never holds an API key, so neither do the files.
 */
export async function writeBenchResults(result: BenchResult, directory: string): Promise<BenchFiles> {
  await mkdir(directory, { recursive: true });
  const files: BenchFiles = {
    json: join(directory, 'results.json'),
    csv: join(directory, 'results.csv'),
    html: join(directory, 'report.html'),
  };
  await writeFile(files.json, resultsJson(result));
  await writeFile(files.csv, resultsCsv(result));
  await writeFile(files.html, renderReportHtml(result));
  return files;
}
