import { writeFileSync } from 'node:fs';
import { createColors } from 'picocolors';
import { clipEvidence, type Finding } from '../finding.js';
import { inspectText } from '../inspect.js';
import type { InspectorOptions } from '../inspector.js';
import { type RepairEdit, type RepairResult, repairText } from '../remediation/repair-text.js';
import { type Verdict, verdictOf } from '../verdict.js';
import { candidateTexts, parseInput } from './input.js';
import { type CommandIo, inspectParsed, lineColumn, readSchema, readSource } from './inspect-command.js';
import { usageMessage } from './read-json.js';

/** Flags of `gemini-guard repair`. */
export interface RepairFlags {
  readonly json?: boolean;
  /** Write the repaired text here instead of to standard output. */
  readonly out?: string;
  readonly schema?: string;
}

/** Longest removed text shown per edit. */
const MAX_REMOVED_SHOWN = 60;

/** What `repair` did to one file. */
interface RepairReport {
  readonly before: Verdict;
  readonly after: Verdict;
  readonly repair: RepairResult;
  readonly original: string;
  /** Findings repair cannot touch (other candidates, thoughts, tool calls, blocks). */
  readonly untouched: readonly Finding[];
}

/** The detectors whose findings `repairText` turns into edits. */
const REPAIRED_DETECTORS: ReadonlySet<string> = new Set([
  'table-hyphens',
  'table-padding',
  'newline-flood',
  'text-loop',
]);

/** Findings that text repair can act on: those of the repaired detectors in candidate 0's answer text. */
function repairable(finding: Finding): boolean {
  return finding.candidate === 0 && finding.channel === 'text' && REPAIRED_DETECTORS.has(finding.detector);
}

function repairFile(path: string, options: InspectorOptions, io: CommandIo): RepairReport {
  const input = parseInput(readSource(path, io), path);
  for (const note of input.notes) io.stderr(`${path}: ${note}\n`);
  const result = inspectParsed(input, options);
  const original = candidateTexts(input).get('0:text') ?? '';
  const repair = repairText(original, result.findings.filter(repairable));
  const untouched = result.findings.filter((finding) => !repairable(finding));
  // The repaired text is inspected afresh; what repair cannot touch keeps its findings.
  const recheck = inspectText(repair.text, options).findings;
  return {
    before: result.verdict,
    after: verdictOf([...untouched, ...recheck]),
    repair,
    original,
    untouched,
  };
}

function editEntry(edit: RepairEdit, original: string) {
  const { line, column } = lineColumn(original, edit.start);
  return {
    kind: edit.kind,
    detector: edit.detector,
    start: edit.start,
    end: edit.end,
    line,
    column,
    removed: clipEvidence(original.slice(edit.start, edit.end), MAX_REMOVED_SHOWN),
    replacement: edit.replacement,
  };
}

function printEdits(path: string, report: RepairReport, io: CommandIo, write: (text: string) => void): void {
  const colors = createColors(io.color);
  const { edits } = report.repair;
  write(`${colors.bold(path)} ${report.before} → ${report.after} ${colors.dim(`(${edits.length} edits)`)}\n`);
  for (const edit of edits) {
    const entry = editEntry(edit, report.original);
    const removed = entry.removed.replace(/\r?\n/g, '⏎');
    const replaced = entry.replacement === '' ? 'nothing' : JSON.stringify(entry.replacement);
    write(
      `  ${entry.line}:${entry.column}  ${colors.bold(entry.kind)}  ${entry.detector}  removed ${edit.end - edit.start} chars, put ${replaced}\n`,
    );
    write(`    ${colors.dim('│')} ${colors.inverse(removed)}\n`);
  }
  for (const finding of report.untouched) {
    if (finding.severity === 'info') continue;
    write(
      `  ${colors.yellow('not repairable:')} ${finding.detector} (${finding.severity}) ${finding.message}\n`,
    );
  }
}

/**
 * Run `gemini-guard repair` on one file (any input `inspect` reads): candidate 0's answer text is
 * repaired guided by its findings (runaway separators collapsed, padding stripped, floods
 * collapsed, a loop cut back to its first copy). The repaired text goes to standard output (or
 * `--out`), the list of edits to standard error (or standard output with `--out`); `--json`
 * prints both as one object. Returns the exit code: 0 when the repaired output is clean or only
 * warns, 1 when problems remain (a block, a tool-call loop, anything text repair cannot fix),
 * 2 on a usage error or an unreadable file.
 */
export function runRepair(path: string, flags: RepairFlags, io: CommandIo): number {
  try {
    const options: InspectorOptions = flags.schema ? { schema: readSchema(flags.schema, io) } : {};
    const report = repairFile(path, options, io);
    if (flags.out !== undefined) writeFileSync(flags.out, report.repair.text);
    if (flags.json) {
      const edits = report.repair.edits.map((edit) => editEntry(edit, report.original));
      const untouched = report.untouched.map(({ detector, severity, message }) => ({
        detector,
        severity,
        message,
      }));
      const text = flags.out === undefined ? { text: report.repair.text } : { out: flags.out };
      io.stdout(
        `${JSON.stringify({ path, before: report.before, after: report.after, edits, untouched, ...text })}\n`,
      );
    } else if (flags.out === undefined) {
      io.stdout(report.repair.text);
      printEdits(path, report, io, io.stderr);
    } else {
      printEdits(path, report, io, io.stdout);
    }
    return report.after === 'degenerate' || report.after === 'blocked' ? 1 : 0;
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    io.stderr(`gemini-guard repair: ${message}\n`);
    return 2;
  }
}
