import { readFileSync } from 'node:fs';
import { createColors } from 'picocolors';
import type { BuiltInDetectorId, Finding } from '../finding.js';
import { type InspectionResult, inspectChunks, inspectEvents, inspectText } from '../inspect.js';
import type { InspectorOptions } from '../inspector.js';
import { candidateTexts, type InputKind, type ParsedInput, parseInput } from './input.js';

/** Flags of `gemini-guard inspect`. */
export interface InspectFlags {
  readonly json?: boolean;
  readonly schema?: string;
  readonly chunkSize?: number;
  readonly detectors?: readonly string[];
}

/** Where the command writes and what it reads for `-`. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
  readonly color: boolean;
}

/** A usage problem or unreadable file: exit code 2. */
export class UsageProblem extends Error {}

/** One file's entry in the `--json` output. The shape is a contract: keep it exactly. */
export interface InspectFileReport {
  readonly path: string;
  readonly input: InputKind;
  readonly verdict: InspectionResult['verdict'];
  readonly findings: readonly {
    detector: string;
    severity: Finding['severity'];
    start: number;
    end: number;
    message: string;
    remediations: readonly string[];
  }[];
}

/** Read a file (or standard input for `-`); an unreadable one is a usage problem naming it. */
export function readSource(path: string, io: CommandIo): string {
  try {
    return path === '-' ? io.readStdin() : readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageProblem(`cannot read ${path === '-' ? 'standard input' : path}: ${reason}`);
  }
}

/** Read and parse `--schema`: a JSON Schema or a Gemini responseSchema. */
export function readSchema(path: string, io: CommandIo): unknown {
  const text = readSource(path, io);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageProblem(`the schema file ${path} is not valid JSON`);
  }
}

/** Inspect one parsed input, feeding text in `chunkSize` pieces when asked. */
export function inspectParsed(
  input: ParsedInput,
  options: InspectorOptions,
  chunkSize?: number,
): InspectionResult {
  if (input.kind === 'text') {
    return inspectText(input.text ?? '', { ...options, ...(chunkSize ? { chunkSize } : {}) });
  }
  if (input.kind === 'history') return inspectEvents(input.events ?? [], options);
  return inspectChunks(input.chunks ?? [], options);
}

function toReport(path: string, input: ParsedInput, result: InspectionResult): InspectFileReport {
  return {
    path,
    input: input.kind,
    verdict: result.verdict,
    findings: result.findings.map((finding) => ({
      detector: finding.detector,
      severity: finding.severity,
      start: finding.start,
      end: finding.end,
      message: finding.message,
      remediations: [...finding.remediations],
    })),
  };
}

/** Line and column (both 1-based) of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function printHuman(
  report: InspectFileReport,
  findings: readonly Finding[],
  texts: Map<string, string>,
  io: CommandIo,
) {
  const colors = createColors(io.color);
  const verdictColor =
    report.verdict === 'clean' ? colors.green : report.verdict === 'warn' ? colors.yellow : colors.red;
  io.stdout(
    `${colors.bold(report.path)} ${verdictColor(report.verdict)} ${colors.dim(`(${report.input})`)}\n`,
  );
  for (const finding of findings) {
    const text = texts.get(`${finding.candidate}:${finding.channel}`) ?? '';
    const { line, column } = lineColumn(text, finding.start);
    const where = `${finding.candidate > 0 ? `candidate ${finding.candidate} ` : ''}${finding.channel === 'thought' ? 'thought ' : ''}${line}:${column}`;
    const severity =
      finding.severity === 'abort' ? colors.red : finding.severity === 'warn' ? colors.yellow : colors.cyan;
    io.stdout(
      `  ${where}  ${severity(finding.severity)}  ${colors.bold(finding.detector)}  ${finding.message}\n`,
    );
    if (finding.evidence) {
      const excerpt = finding.evidence.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
      io.stdout(`    ${colors.dim('│')} ${colors.inverse(excerpt)}\n`);
    }
    if (finding.remediations.length > 0)
      io.stdout(`    ${colors.dim('fix:')} ${finding.remediations.join(', ')}\n`);
  }
}

/**
 * Run `gemini-guard inspect` over files (or `-` for standard input). Returns the exit code:
 * 0 when every file is clean or warn, 1 when any is degenerate or blocked, 2 on a usage error or
 * an unreadable file.
 */
export function runInspect(paths: readonly string[], flags: InspectFlags, io: CommandIo): number {
  try {
    if (paths.length === 0) throw new UsageProblem('name at least one file, or - for standard input');
    const options: InspectorOptions = {
      ...(flags.schema ? { schema: readSchema(flags.schema, io) } : {}),
      ...(flags.detectors ? { only: flags.detectors as BuiltInDetectorId[] } : {}),
    };
    const reports: InspectFileReport[] = [];
    let worst = 0;
    for (const path of paths) {
      const input = parseInput(readSource(path, io), path);
      for (const note of input.notes) io.stderr(`${path}: ${note}\n`);
      const result = inspectParsed(input, options, flags.chunkSize);
      const report = toReport(path, input, result);
      reports.push(report);
      if (report.verdict === 'degenerate' || report.verdict === 'blocked') worst = 1;
      if (!flags.json) printHuman(report, result.findings, candidateTexts(input), io);
    }
    if (flags.json) io.stdout(`${JSON.stringify({ files: reports })}\n`);
    return worst;
  } catch (error) {
    if (error instanceof UsageProblem) {
      io.stderr(`gemini-guard inspect: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'InvalidOptionsError') {
      io.stderr(`gemini-guard inspect: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
