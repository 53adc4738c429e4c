/**
 * The end-of-answer step of `schema-invalid`: parse the kept document, validate it with ajv, and
 * describe the result as report fields (the first violation in the message, up to `maxErrors` in
 * `data.errors`, and the offending value's span in the answer).
 */
import type { Severity } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { EXCERPT_SPAN } from './json-excerpt.js';
import { type CompiledValidator, locateValue, type SchemaViolation } from './schema-validate.js';

/** What a `schema-invalid` finding is about (`data.reason`). */
export type SchemaInvalidReason =
  | 'invalid'
  | 'not-json'
  | 'truncated'
  | 'syntax'
  | 'trailing-text'
  | 'too-large'
  | 'schema-unusable';

/** The fields of one finding, before the detector adds its id and candidate. */
export interface InvalidReport {
  readonly severity: Severity;
  readonly reason: SchemaInvalidReason;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly evidence: string;
  readonly remediations: readonly RemediationId[];
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The guide's fixes for answers that do not fit their schema. */
const SCHEMA_FIXES: readonly RemediationId[] = ['require-all-fields', 'set-property-ordering'];

/**
 * Validate `text`, the complete root value that starts at absolute offset `base`. Returns no
 * report when it fits the schema.
 */
export function validateDocument(
  text: string,
  base: number,
  validator: CompiledValidator,
  maxErrors: number,
): InvalidReport[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [syntaxReport(text, base, error)];
  }
  const violations = validator.validate(value);
  return violations.length === 0 ? [] : [invalidReport(text, base, violations, maxErrors)];
}

/** The report of a document that does not parse: it cannot be validated. */
function syntaxReport(text: string, base: number, error: unknown): InvalidReport {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    severity: 'warn',
    reason: 'syntax',
    message: `The JSON answer does not parse (${detail}), so it was not validated.`,
    start: base,
    end: base + text.length,
    evidence: text.slice(0, EXCERPT_SPAN),
    remediations: [],
    data: { detail },
  };
}

/** The report of a document that breaks the schema, placed on the value of the first violation. */
function invalidReport(
  text: string,
  base: number,
  violations: readonly SchemaViolation[],
  maxErrors: number,
): InvalidReport {
  const first = violations[0]!;
  const span = locateValue(text, first.instancePath) ?? [0, text.length];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  const where = first.instancePath === '' ? 'the root value' : first.instancePath;
  return {
    severity: 'warn',
    reason: 'invalid',
    message: `The answer does not fit the schema: ${where} ${first.message}${more}.`,
    start: base + span[0],
    end: base + span[1],
    evidence: text.slice(span[0], Math.min(span[1], span[0] + EXCERPT_SPAN + 1)),
    remediations: SCHEMA_FIXES,
    data: {
      instancePath: first.instancePath,
      message: first.message,
      keyword: first.keyword,
      schemaPath: first.schemaPath,
      params: first.params,
      errorCount: violations.length,
      errors: violations.slice(0, maxErrors).map(summarize),
    },
  };
}

function summarize(violation: SchemaViolation) {
  return { instancePath: violation.instancePath, message: violation.message, keyword: violation.keyword };
}
