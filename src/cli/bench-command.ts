import { Presets, SingleBar } from 'cli-progress';
import { createColors } from 'picocolors';
import { type BenchOverrides, parseBenchConfig } from '../bench/bench-config.js';
import { formatBenchTable } from '../bench/bench-table.js';
import type { BenchResult } from '../bench/bench-types.js';
import type { BenchProgress } from '../bench/run-bench.js';
import { runBench } from '../bench/run-bench.js';
import { resultsJson, writeBenchResults } from '../bench/write-results.js';
import type { CommandIo } from './inspect-command.js';
import { readJsonFile, usageMessage } from './read-json.js';

/** Flags of `gemini-guard bench`. */
export interface BenchFlags {
  /** Directory for results.json, results.csv and report.html. */
  readonly out?: string;
  readonly repeats?: number;
  readonly concurrency?: number;
  readonly seed?: number;
  /** Also run the guarded re-ask loop and count the attempts to a clean answer. */
  readonly guarded?: boolean;
  /** Use the loopback simulation even when GEMINI_API_KEY is set. */
  readonly simulate?: boolean;
  /** Print results.json to standard output instead of the table. */
  readonly json?: boolean;
}

/** The command's I/O, plus the terminal a progress bar may draw on. */
export interface BenchCommandIo extends CommandIo {
  /** A TTY for the progress bar; `undefined` draws none (pipes, CI, tests). */
  readonly progressStream?: NodeJS.WriteStream;
}

/** A progress bar on a TTY, or nothing. Returns the update function and the stopper. */
function progressBar(io: BenchCommandIo): { update: (progress: BenchProgress) => void; stop: () => void } {
  const stream = io.progressStream;
  if (stream === undefined) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar(
    {
      stream,
      format: 'bench [{bar}] {value}/{total} runs | {failed} failed | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  let failed = 0;
  return {
    update: (progress) => {
      if (!started) bar.start(progress.total, 0, { failed });
      started = true;
      if (progress.run.failedBy.length > 0) failed += 1;
      bar.update(progress.done, { failed });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function modeLine(simulate: boolean, io: CommandIo): string {
  const colors = createColors(io.color);
  const key = process.env.GEMINI_API_KEY;
  if (!simulate && key !== undefined && key !== '') {
    return `${colors.green('LIVE')}: calling the Gemini API with GEMINI_API_KEY (the key is never printed or stored)\n`;
  }
  const why = simulate ? '--simulate' : 'GEMINI_API_KEY is not set';
  return `${colors.yellow('SIMULATED')} (${why}): the loopback server plays a simulation model; figures are not Gemini measurements\n`;
}

/** The config settings the flags override. */
function overridesOf(flags: BenchFlags): BenchOverrides {
  return {
    ...(flags.repeats === undefined ? {} : { repeats: flags.repeats }),
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.guarded ? { guarded: true } : {}),
  };
}

/**
 * Run `gemini-guard bench <config>`: validate the config (with the flags' overrides), run every
 * case × model × variant (live API with GEMINI_API_KEY, else the loopback simulation), print the
 * table (or `--json`), and with `--out DIR` write results.json, results.csv and report.html.
 * Returns the exit code: 0 when every run completed, 1 when some runs failed with API errors
 * (their figures are missing), 2 on a usage error, an unreadable file or an invalid config.
 */
export async function runBenchCommand(path: string, flags: BenchFlags, io: BenchCommandIo): Promise<number> {
  const overrides = overridesOf(flags);
  const usage = (error: unknown) => {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    io.stderr(`gemini-guard bench: ${path}: ${message}\n`);
    return 2;
  };
  let config: unknown;
  try {
    config = readJsonFile(path, io);
    parseBenchConfig(config, overrides);
  } catch (error) {
    return usage(error);
  }
  io.stderr(modeLine(flags.simulate === true, io));
  const bar = progressBar(io);
  let result: BenchResult;
  try {
    result = await runBench(config, {
      ...overrides,
      simulate: flags.simulate === true,
      onProgress: bar.update,
    });
  } catch (error) {
    // Every request the config builds is checked before the first call: a refused one is a usage error.
    return usage(error);
  } finally {
    bar.stop();
  }
  io.stdout(flags.json ? resultsJson(result) : formatBenchTable(result, { color: io.color }));
  if (flags.out !== undefined) {
    const files = await writeBenchResults(result, flags.out);
    io.stderr(`wrote ${files.json}, ${files.csv}, ${files.html}\n`);
  }
  const errors = result.runs.filter((run) => run.error !== undefined).length;
  if (errors > 0) io.stderr(`gemini-guard bench: ${errors} runs failed with API errors; see results.json\n`);
  return errors > 0 ? 1 : 0;
}
