/**
 * `schema-invalid`: at the end of a candidate's answer, validates the JSON document against the
 * caller's schema (Gemini `responseSchema`, JSON Schema, or zod; see `schema-normalize.ts`) with
 * ajv, and reports the first violation's `instancePath` and message (`warn`: the answer does not
 * fit the schema). A truncated document, an answer that is not JSON, broken JSON and text after
 * the document are reported instead of validated, never thrown. Without a schema it does nothing.
 *
 * Memory: this is the one detector that keeps text, because validation needs the whole document.
 * It keeps the document only (from the root `{`/`[` to its closing bracket), at most
 * `maxDocumentChars` UTF-16 units (default 1 MiB of units, up to 2 MB of memory). A longer
 * document is dropped the moment it passes the cap, one `info` finding says validation was
 * skipped, and nothing more is kept. Prose answers are never buffered.
 */
import { z } from 'zod';
import type { Detector, Finding, Severity } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { type DetectorContext, defineDetector } from '../src/registry.js';
import { CappedTextBuffer } from './json-buffer.js';
import { EXCERPT_SPAN, ExcerptWindow } from './json-excerpt.js';
import { JsonTokenizer } from './json-tokenizer.js';
import { type InvalidReport, type SchemaInvalidReason, validateDocument } from './schema-invalid-report.js';
import { type CompiledValidator, type ValidatorResult, validatorFor } from './schema-validate.js';
import { makeFinding } from './support.js';

/** Default document cap: 1 MiB of UTF-16 units, far above any structured answer a model's token limit allows. */
const DEFAULT_MAX_DOCUMENT_CHARS = 1_048_576;

/** Options of `schema-invalid`. */
export const SchemaInvalidOptionsSchema = z
  .object({
    /** Longest document kept for validation, in UTF-16 units (see the file comment). */
    maxDocumentChars: z.number().int().min(1).max(268_435_456).default(DEFAULT_MAX_DOCUMENT_CHARS),
    /** Violations listed in `data.errors` (the message names the first). */
    maxErrors: z.number().int().min(1).max(1000).default(10),
  })
  .strict();

/** Options of the `schema-invalid` detector (input form: every field optional). */
export type SchemaInvalidOptions = z.input<typeof SchemaInvalidOptionsSchema>;
type ParsedOptions = z.output<typeof SchemaInvalidOptionsSchema>;

/** What a `schema-invalid` finding is about (`data.reason`). */
export type { SchemaInvalidReason };

/** Reads one candidate's answer and validates it at the end. */
class SchemaInvalidChecker {
  units = 0;
  private readonly tokenizer = new JsonTokenizer({});
  private readonly buffer: CappedTextBuffer;
  private readonly window = new ExcerptWindow();
  private head = '';
  private seen = 0;
  /** The text up to the character where the JSON broke, cut when it broke. */
  private errorEvidence: string | undefined;
  candidate = 0;

  constructor(
    private readonly options: ParsedOptions,
    private readonly validator: ValidatorResult,
  ) {
    this.buffer = new CappedTextBuffer(options.maxDocumentChars);
  }

  read(text: string, offset: number): InvalidReport[] {
    if (this.head.length === offset && offset < EXCERPT_SPAN)
      this.head += text.slice(0, EXCERPT_SPAN - offset);
    this.seen = offset + text.length;
    const tokenizer = this.tokenizer;
    if (!this.validator.ok || this.buffer.overflowed || tokenizer.idle) return [];
    this.window.begin(text, offset);
    const before = tokenizer.units;
    tokenizer.write(text, offset);
    this.units += tokenizer.units - before;
    const at = tokenizer.errorOffset;
    if (at >= 0 && this.errorEvidence === undefined)
      this.errorEvidence = this.window.excerpt(at - EXCERPT_SPAN + 1, at + 1);
    const reports = this.keep(text, offset);
    this.window.finish();
    return reports;
  }

  /** Copy the part of the piece that belongs to the root value into the buffer. */
  private keep(text: string, offset: number): InvalidReport[] {
    const tokenizer = this.tokenizer;
    if (tokenizer.rootStart < 0) return [];
    const stop =
      tokenizer.rootEnd >= 0
        ? tokenizer.rootEnd
        : tokenizer.errorOffset >= 0
          ? tokenizer.errorOffset + 1
          : this.seen;
    const from = Math.max(tokenizer.rootStart, offset) - offset;
    const to = Math.min(stop, this.seen) - offset;
    if (to <= from) return [];
    this.units += to - from;
    return this.buffer.append(text, from, to) ? [] : [this.overflowReport()];
  }

  end(): InvalidReport[] {
    if (!this.validator.ok) {
      const message = `The schema could not be used, so the answer was not validated: ${this.validator.reason}.`;
      return [report('info', 'schema-unusable', message, 0, 0, '', { detail: this.validator.reason })];
    }
    const tokenizer = this.tokenizer;
    if (this.buffer.overflowed) return [];
    switch (tokenizer.status) {
      case 'waiting':
        return [];
      case 'not-json': {
        // A scalar root schema (an enum answer, say) does not ask for JSON text.
        if (!this.validator.container) return [];
        const at = tokenizer.notJsonOffset;
        const message = 'The answer is not JSON, so it could not be checked against the schema.';
        return [report('warn', 'not-json', message, at, at + 1, this.head.slice(at))];
      }
      case 'open': {
        const message =
          'The JSON answer stops before the document is complete (truncated), so it was not validated.';
        const truncated = report(
          'warn',
          'truncated',
          message,
          tokenizer.rootStart,
          this.seen,
          this.bufferTail(),
        );
        return [{ ...truncated, remediations: ['raise-output-budget'] }];
      }
      default:
        return this.finished(this.validator);
    }
  }

  /** The root value closed (maybe followed by stray text), or the JSON broke inside it. */
  private finished(validator: CompiledValidator): InvalidReport[] {
    const { rootStart, rootEnd, errorOffset, errorReason } = this.tokenizer;
    const evidence = this.errorEvidence ?? '';
    if (rootEnd < 0) {
      const message = `The answer stopped being valid JSON at offset ${errorOffset} (${errorReason}), so it was not validated.`;
      const data = { offset: errorOffset, detail: errorReason };
      return [report('warn', 'syntax', message, errorOffset, errorOffset + 1, evidence, data)];
    }
    const text = this.buffer.text();
    this.units += text.length * 3;
    const reports = validateDocument(text, rootStart, validator, this.options.maxErrors);
    if (errorOffset >= 0) {
      const message = 'Text follows the JSON document; a structured answer should hold the document only.';
      reports.push(
        report('warn', 'trailing-text', message, errorOffset, errorOffset + 1, evidence, {
          offset: errorOffset,
        }),
      );
    }
    return reports;
  }

  private overflowReport(): InvalidReport {
    const cap = this.options.maxDocumentChars;
    const at = this.tokenizer.rootStart + cap;
    const message = `The JSON document is longer than ${cap} characters (maxDocumentChars), so it will not be validated.`;
    const evidence = this.window.excerpt(at - EXCERPT_SPAN + 1, at + 1);
    return report('info', 'too-large', message, at, at + 1, evidence, { maxDocumentChars: cap });
  }

  private bufferTail(): string {
    const text = this.buffer.text();
    return text.slice(Math.max(0, text.length - EXCERPT_SPAN));
  }
}

/** A report with no remediation: the answer is not a document ajv can judge, or it could not be read. */
function report(
  severity: Severity,
  reason: SchemaInvalidReason,
  message: string,
  start: number,
  end: number,
  evidence: string,
  data: Readonly<Record<string, unknown>> = {},
): InvalidReport {
  return { severity, reason, message, start, end, evidence, remediations: [], data };
}

/**
 * Create the `schema-invalid` detector for one candidate. It needs `context.schema`; without one
 * it does nothing. Bad options throw `InvalidOptionsError` naming each path.
 */
export function createSchemaInvalidDetector(
  options: SchemaInvalidOptions = {},
  context: DetectorContext = {},
): Detector {
  const parsed = parseOptions(SchemaInvalidOptionsSchema, options, 'options of detector "schema-invalid"');
  const validator = validatorFor(context.schema);
  let checker = validator ? new SchemaInvalidChecker(parsed, validator) : undefined;
  let counted = 0;
  const toFindings = (reports: InvalidReport[]): Finding[] => {
    if (context.meter && checker) {
      context.meter.units += checker.units - counted;
      counted = checker.units;
    }
    return reports.map((report) =>
      makeFinding({
        detector: 'schema-invalid',
        candidate: checker?.candidate ?? 0,
        ...report,
        data: { reason: report.reason, ...report.data },
      }),
    );
  };
  return {
    id: 'schema-invalid',
    accepts: ['text-delta'],
    push(event) {
      if (!checker || event.type !== 'text-delta') return [];
      checker.candidate = event.candidate;
      return toFindings(checker.read(event.text, event.offset));
    },
    end: () => (checker ? toFindings(checker.end()) : []),
    reset() {
      checker = validator ? new SchemaInvalidChecker(parsed, validator) : undefined;
      counted = 0;
    },
  };
}

/** The `schema-invalid` entry of the default detector set. */
export const SchemaInvalidDefinition = defineDetector({
  id: 'schema-invalid',
  summary: 'JSON answers that do not fit the schema (ajv), are truncated, or are not JSON',
  optionsSchema: SchemaInvalidOptionsSchema,
  create: (options, context) => createSchemaInvalidDetector(options, context),
});
