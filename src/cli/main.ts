import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { detectorList, positiveInteger, seedNumber } from './arguments.js';
import { runBenchCommand } from './bench-command.js';
import { runDemo } from './demo.js';
import { type CommandIo, runInspect } from './inspect-command.js';
import { runLint } from './lint-command.js';
import { runRepair } from './repair-command.js';

/** Colours only on a terminal, and never when NO_COLOR is set. */
function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

const io: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  color: useColor(process.stdout),
};

const EXIT_CODES = `
Exit codes: 0 ok, 1 problems found, 2 usage error or unreadable file.`;

const program = new Command()
  .name('gemini-guard')
  .description(
    'Guards the output of Gemini API calls: finds loops, runaway tables, floods and blocked responses.',
  )
  .showHelpAfterError()
  .exitOverride();

program
  .command('inspect')
  .description(
    'Inspect model output files (text, a response, stream chunks, an SSE capture or a conversation).',
  )
  .argument('<files...>', 'files to inspect; - reads standard input')
  .option('--json', 'print machine-readable JSON')
  .option('--schema <file>', 'a JSON Schema or Gemini responseSchema for structured output')
  .option('--chunk-size <n>', 'feed text as a stream of n-character chunks', positiveInteger)
  .addOption(
    new Option('--detectors <ids>', 'run only these detectors (comma-separated)').argParser(detectorList),
  )
  .addHelpText(
    'after',
    '\nExit codes: 0 every file clean or warn, 1 any file degenerate or blocked, 2 usage error or unreadable file.',
  )
  .action((files: string[], flags) => {
    process.exitCode = runInspect(files, flags, io);
  });

program
  .command('lint')
  .description(
    'Check a GenerateContentParameters JSON ({model, contents, config}) before sending it: the API parameter ranges for the model, and prompt lints for the documented causes of degenerate output.',
  )
  .argument('<request.json>', 'the request file; - reads standard input')
  .option('--json', 'print machine-readable JSON')
  .option(
    '--fix',
    'rewrite the request: escape sequences written as characters, and the snippets the lints name added at the end of the system instruction; needs --out or --in-place',
  )
  .option('--out <file>', 'with --fix: write the rewritten request to this file')
  .option('--in-place', 'with --fix: rewrite the request file itself')
  .addHelpText(
    'after',
    `${EXIT_CODES}\nProblems are API errors and prompt lints; warnings alone exit 0. With --fix the exit code is about the rewritten request.`,
  )
  .action((file: string, flags) => {
    process.exitCode = runLint(file, flags, io);
  });

program
  .command('repair')
  .description(
    'Repair degenerate model output: collapse runaway table separators and padding, collapse newline floods, cut a looped tail back to its first copy. Prints the repaired text and the list of edits.',
  )
  .argument('<file>', 'model output in any form inspect reads; - reads standard input')
  .option('--json', 'print {path, before, after, edits, untouched, text} as JSON')
  .option('--out <file>', 'write the repaired text here (the edits then go to standard output)')
  .option('--schema <file>', 'a JSON Schema or Gemini responseSchema for structured output')
  .addHelpText(
    'after',
    `\nThe repaired text goes to standard output and the edits to standard error, so "repair in.txt > out.txt" keeps only the text.${EXIT_CODES}\nExit 1 means the repaired output still has problems (a block, a tool-call loop, anything text repair cannot fix).`,
  )
  .action((file: string, flags) => {
    process.exitCode = runRepair(file, flags, io);
  });

program
  .command('bench')
  .description(
    'Benchmark prompt variants: how often each failure mode occurs per case, model and variant, with 95% Wilson intervals, tokens and latency. Live API when GEMINI_API_KEY is set, otherwise a SIMULATED run on the loopback server.',
  )
  .argument('<config>', 'the benchmark config (JSON; see bench/variants.example.json)')
  .option('--out <dir>', 'write results.json, results.csv and report.html into this directory')
  .option(
    '--repeats <n>',
    "runs per case, model and variant (overrides the config's repeats)",
    positiveInteger,
  )
  .option('--concurrency <n>', 'calls in flight at once (overrides the config)', positiveInteger)
  .option('--seed <n>', 'seed of the simulation (overrides the config)', seedNumber)
  .option('--guarded', 'also run the guarded re-ask loop and count the attempts to a clean answer')
  .option('--simulate', 'use the loopback simulation even when GEMINI_API_KEY is set')
  .option('--json', 'print results.json to standard output instead of the table')
  .addHelpText(
    'after',
    '\nExit codes: 0 every run completed, 1 some runs failed with API errors, 2 usage error, unreadable file or invalid config.',
  )
  .action(async (config: string, flags) => {
    const progressStream = process.stderr.isTTY ? process.stderr : undefined;
    process.exitCode = await runBenchCommand(config, flags, {
      ...io,
      ...(progressStream ? { progressStream } : {}),
    });
  });

program
  .command('demo')
  .description('Walk through the failure modes against the built-in loopback Gemini server (no key needed).')
  .action(async () => {
    process.exitCode = await runDemo(io);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
    process.exitCode = 0;
  } else if (typeof code === 'string' && code.startsWith('commander.')) {
    process.exitCode = 2;
  } else {
    process.stderr.write(`gemini-guard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
