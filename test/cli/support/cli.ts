import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * tsx's loader as a file URL: `--import tsx` would be resolved from the child's working
 * directory (a temporary folder with no node_modules), so it is resolved here instead.
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MARKDOWN_HOOKS = pathToFileURL(join(ROOT, 'scripts/register-markdown.mjs')).href;

/** Variables that would point the CLI at the live API or elsewhere: never passed to the child. */
const LIVE_VARIABLES = [
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_GENAI_USE_VERTEXAI',
  'GOOGLE_GENAI_USE_ENTERPRISE',
  'GOOGLE_GEMINI_BASE_URL',
  'GOOGLE_GENAI_API_VERSION',
];

/** What a finished CLI process left. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch folder for one test file, with a helper to write files into it. */
export interface Workspace {
  readonly dir: string;
  file(name: string, content: string): string;
  remove(): void;
}

/** Make a scratch folder under the system temp directory. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-guard-cli-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Run the CLI from source as a user runs the built one: a real process in `cwd`, real files,
 * colours off (NO_COLOR), and no API key in its environment, so `bench` always simulates.
 */
export function cli(
  args: readonly string[],
  cwd: string,
  input?: string,
  extraEnv: Record<string, string> = {},
): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv };
  for (const name of LIVE_VARIABLES) delete env[name];
  const result = spawnSync(
    process.execPath,
    ['--import', TSX_LOADER, '--import', MARKDOWN_HOOKS, join(ROOT, 'src/cli/main.ts'), ...args],
    { cwd, input, encoding: 'utf8', env },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
