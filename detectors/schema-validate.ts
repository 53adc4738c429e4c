/**
 * Validation of a finished JSON document against the caller's schema with ajv, and a way to find
 * where in the text an ajv `instancePath` points. Validators are compiled once per schema object
 * and cached (a fresh ajv instance each, so two schemas with the same `$id` never clash).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonContainerKind, JsonHandler, JsonScalarKind } from './json-events.js';
import { JsonTokenizer } from './json-tokenizer.js';
import { type NormalizedSchema, normalizeSchema } from './schema-normalize.js';

/** One way the document breaks the schema, as ajv reports it. */
export interface SchemaViolation {
  /** JSON Pointer to the offending value ('' is the root). */
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A compiled schema: `validate` returns the violations ([] when the value fits). */
export interface CompiledValidator {
  readonly ok: true;
  /** False when the schema's root allows only scalars, so the answer need not be JSON text. */
  readonly container: boolean;
  readonly validate: (value: unknown) => SchemaViolation[];
}

/** A compiled schema, or why there is none. */
export type ValidatorResult = CompiledValidator | { readonly ok: false; readonly reason: string };

const compiled = new WeakMap<object, ValidatorResult>();

/** The validator for a caller's schema; undefined when there is no schema. Never throws. */
export function validatorFor(schema: unknown): ValidatorResult | undefined {
  const normalized = normalizeSchema(schema);
  if (normalized === undefined) return undefined;
  if (!normalized.ok) return normalized;
  if (typeof normalized.schema === 'boolean') return compile(normalized);
  const cached = compiled.get(normalized.schema);
  if (cached) return cached;
  const result = compile(normalized);
  compiled.set(normalized.schema, result);
  return result;
}

function compile(normalized: NormalizedSchema): ValidatorResult {
  // strict: false lets Gemini's extra keywords (propertyOrdering, example, format: enum) through;
  // formats are not checked, since ajv-formats is not a dependency.
  const options = { strict: false, allErrors: true, validateFormats: false, logger: false } as const;
  const ajv = normalized.draft === 'draft-07' ? new Ajv(options) : new Ajv2020(options);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(normalized.schema);
  } catch (error) {
    return {
      ok: false,
      reason: `ajv could not compile the schema: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return {
    ok: true,
    container: normalized.container,
    validate(value) {
      if (validate(value)) return [];
      return (validate.errors ?? []).map(toViolation);
    },
  };
}

function toViolation(error: ErrorObject): SchemaViolation {
  return {
    instancePath: error.instancePath,
    schemaPath: error.schemaPath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
    params: error.params as Record<string, unknown>,
  };
}

/** Decode an RFC 6901 pointer into its segments. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Where the value at `pointer` lies in `text` (a JSON document starting at offset 0), as
 * `[start, end)`; undefined when it is not there. One tokenizer pass, stopping at the match.
 */
export function locateValue(text: string, pointer: string): readonly [number, number] | undefined {
  const target = pointerSegments(pointer);
  let found: readonly [number, number] | undefined;
  let matchStart = -1;
  const depth = target.length;
  const tokenizer: JsonTokenizer = new JsonTokenizer({
    containerStart(_kind: JsonContainerKind, start: number, level: number) {
      if (level - 1 === depth && matchStart < 0 && matches(tokenizer, target)) matchStart = start;
    },
    containerEnd(_kind: JsonContainerKind, start: number, end: number) {
      if (start === matchStart) found = [start, end];
    },
    scalarEnd(_kind: JsonScalarKind, start: number, end: number, _hash: number, parent: number) {
      if (parent === depth && found === undefined && matches(tokenizer, target)) found = [start, end];
    },
  } satisfies JsonHandler);
  const step = 65_536;
  for (let offset = 0; offset < text.length && found === undefined; offset += step) {
    tokenizer.write(text.slice(offset, offset + step), offset);
  }
  if (found === undefined && depth === 0 && tokenizer.rootEnd > 0)
    found = [tokenizer.rootStart, tokenizer.rootEnd];
  return found;
}

/** True when the tokenizer's current path equals `target`. */
function matches(tokenizer: JsonTokenizer, target: readonly string[]): boolean {
  for (let level = 1; level <= target.length; level++) {
    const kind = tokenizer.kindAt(level);
    const segment = kind === 'array' ? String(tokenizer.indexAt(level)) : tokenizer.keyAt(level);
    if (segment !== target[level - 1]) return false;
  }
  return true;
}
