import { writeFileSync } from 'node:fs';
import type { GenerateContentParameters } from '@google/genai';
import { createColors } from 'picocolors';
import { DEFAULT_SNIPPETS } from '../remediation/snippets.js';
import { appendToSystemInstruction } from '../remediation/system-instruction.js';
import { SNIPPET_IDS, type SnippetId } from '../remediation-ids.js';
import { lintRequest } from '../request/lint-request.js';
import type { RequestIssue } from '../request/request-issue.js';
import type { RequestLint } from '../request/request-lint.js';
import { safeValidateRequest } from '../request/validate-request.js';
import { type CommandIo, UsageProblem } from './inspect-command.js';
import { readJsonFile, usageMessage } from './read-json.js';

/** Flags of `gemini-guard lint`. */
export interface LintFlags {
  readonly json?: boolean;
  readonly fix?: boolean;
  /** Where `--fix` writes the rewritten request. */
  readonly out?: string;
  /** `--fix` rewrites the input file itself. */
  readonly inPlace?: boolean;
}

/** What one check of a request found. */
interface Check {
  readonly issues: readonly RequestIssue[];
  readonly lints: readonly RequestLint[];
}

/** A request rewritten by `--fix`, and what changed. */
interface Fix {
  readonly request: GenerateContentParameters;
  readonly applied: readonly string[];
}

function check(request: GenerateContentParameters): Check {
  return { issues: safeValidateRequest(request).issues, lints: lintRequest(request).lints };
}

/** Problems that make the exit code 1: API errors and prompt lints (warnings alone do not). */
function problemCount(found: Check): number {
  return found.issues.filter((issue) => issue.severity === 'error').length + found.lints.length;
}

function isSnippetId(value: string): value is SnippetId {
  return (SNIPPET_IDS as readonly string[]).includes(value);
}

/**
 * The automatic fixes: `lintRequest`'s own rewrite (escape sequences written as characters), and
 * every snippet a lint names (for example the table rules) added at the END of the system
 * instruction. Flags that need a person (a dictated field order or way of thinking) stay.
 */
export function fixRequest(request: GenerateContentParameters): Fix {
  const report = lintRequest(request);
  const applied: string[] = [];
  let fixed = report.fixed ?? request;
  if (report.fixed !== undefined) applied.push('escape sequences rewritten as characters');
  const snippets = [...new Set(report.lints.map((lint) => lint.remediation).filter(isSnippetId))];
  if (snippets.length > 0) {
    const config = { ...fixed.config };
    const instruction = appendToSystemInstruction(
      config.systemInstruction,
      snippets.map((id) => DEFAULT_SNIPPETS[id]),
    );
    if (instruction !== undefined) config.systemInstruction = instruction;
    fixed = { ...fixed, config };
    applied.push(...snippets.map((id) => `${id} snippet added to the system instruction`));
  }
  return { request: fixed, applied };
}

function readRequest(path: string, io: CommandIo): GenerateContentParameters {
  const value = readJsonFile(path, io);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageProblem(`${path} must hold one request object: {"model", "contents", "config"}`);
  }
  return value as GenerateContentParameters;
}

function printCheck(path: string, found: Check, io: CommandIo): void {
  const colors = createColors(io.color);
  const errors = found.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = found.issues.length - errors;
  const verdict = errors + found.lints.length === 0 ? colors.green('ok') : colors.red('problems found');
  io.stdout(
    `${colors.bold(path)} ${verdict} ${colors.dim(`(${errors} errors, ${found.lints.length} prompt lints, ${warnings} warnings)`)}\n`,
  );
  for (const issue of found.issues) {
    const severity = issue.severity === 'error' ? colors.red('error  ') : colors.yellow('warning');
    io.stdout(`  ${severity}  ${issue.path.join('.')}  ${colors.bold(issue.code)}  ${issue.message}\n`);
  }
  for (const lint of found.lints) {
    io.stdout(
      `  ${colors.magenta('lint   ')}  ${lint.path.join('.')}  ${colors.bold(lint.id)}  ${lint.message}\n`,
    );
    io.stdout(`    ${colors.dim('│')} ${colors.inverse(lint.evidence.replace(/\r?\n/g, '⏎'))}\n`);
    io.stdout(`    ${colors.dim('fix:')} ${lint.remediation}\n`);
  }
}

function fixTarget(path: string, flags: LintFlags): string | undefined {
  if (!flags.fix) {
    if (flags.out !== undefined || flags.inPlace)
      throw new UsageProblem('--out and --in-place go with --fix');
    return undefined;
  }
  if (flags.out !== undefined && flags.inPlace)
    throw new UsageProblem('give either --out <file> or --in-place, not both');
  if (flags.inPlace && path === '-')
    throw new UsageProblem('--in-place cannot rewrite standard input; use --out <file>');
  const target = flags.inPlace ? path : flags.out;
  if (target === undefined)
    throw new UsageProblem('--fix writes the rewritten request: add --out <file> or --in-place');
  return target;
}

/**
 * Run `gemini-guard lint` on a `GenerateContentParameters` JSON file: the API's parameter checks
 * (`safeValidateRequest`) and the prompt lints (`lintRequest`). With `--fix` the rewritten
 * request is written to `--out` or back to the file (`--in-place`) and checked again. Returns the
 * exit code: 0 when no error or prompt lint remains (warnings alone are fine), 1 when some do,
 * 2 on a usage error or an unreadable or invalid file.
 */
export function runLint(path: string, flags: LintFlags, io: CommandIo): number {
  try {
    const target = fixTarget(path, flags);
    const request = readRequest(path, io);
    const found = check(request);
    const fix = target === undefined ? undefined : fixRequest(request);
    // In place with nothing to change, the file is left as it is (not even reformatted).
    const write = fix && target !== undefined && (fix.applied.length > 0 || !flags.inPlace);
    if (write) writeFileSync(target, `${JSON.stringify(fix.request, null, 2)}\n`);
    const after = fix ? check(fix.request) : found;
    if (flags.json) {
      const fixed =
        fix && target !== undefined ? { fixed: { path: target, applied: fix.applied, ...after } } : {};
      io.stdout(`${JSON.stringify({ path, ok: problemCount(found) === 0, ...found, ...fixed })}\n`);
    } else {
      printCheck(path, found, io);
      if (fix && target !== undefined) printFix(target, fix, Boolean(write), after, io);
    }
    return problemCount(after) === 0 ? 0 : 1;
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    io.stderr(`gemini-guard lint: ${message}\n`);
    return 2;
  }
}

function printFix(target: string, fix: Fix, written: boolean, after: Check, io: CommandIo): void {
  const colors = createColors(io.color);
  const changes = fix.applied.length === 0 ? 'no automatic fix applies' : fix.applied.join('; ');
  const what = written ? `wrote ${target}` : `left ${target} unchanged`;
  io.stdout(`${colors.cyan('fix:')} ${what} (${changes})\n`);
  const left = problemCount(after);
  if (left > 0)
    io.stdout(`${colors.yellow('left for you:')} ${left} problem(s) need a manual change (see above)\n`);
}
