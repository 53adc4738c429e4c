import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_DETECTORS } from '../../detectors/index.js';
import { runDemo } from './demo.js';
import { type CommandIo, runInspect } from './inspect-command.js';

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

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  return parsed;
}

function detectorList(value: string): string[] {
  const known = new Set<string>(DEFAULT_DETECTORS.map((definition) => definition.id));
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new InvalidArgumentError(
      `unknown detector ${unknown.join(', ') || '(none)'}; known: ${[...known].join(', ')}`,
    );
  }
  return ids;
}

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
  .action((files: string[], flags) => {
    process.exitCode = runInspect(files, flags, io);
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
