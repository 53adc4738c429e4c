/**
 * Turns whatever schema the caller has into one plain JSON Schema that ajv and the order check
 * can read:
 * - a zod 4 schema (recognised by its `_zod` property) goes through `z.toJSONSchema`;
 * - a Gemini `responseSchema` (OpenAPI subset) is rewritten: upper-case types (`OBJECT`,
 *   `STRING`...) become lower-case, `TYPE_UNSPECIFIED` is dropped, `nullable: true` adds `null`,
 *   and integer keywords sent as strings (`minItems: "1"`) become numbers;
 * - a JSON Schema (`responseJsonSchema`) passes through the same rewrite, which leaves it alone;
 * - a request config holding `responseJsonSchema` or `responseSchema` is unwrapped first.
 * `propertyOrdering` is kept (ajv learns it as an annotation). Results are cached per schema object.
 */
import { z } from 'zod';

/** Which ajv dialect validates the schema. */
export type SchemaDraft = '2020-12' | 'draft-07';

/** A usable schema. */
export interface NormalizedSchema {
  readonly ok: true;
  /** A JSON Schema object or boolean, safe to hand to ajv. */
  readonly schema: Readonly<Record<string, unknown>> | boolean;
  readonly draft: SchemaDraft;
  /** Where it came from: a zod schema, or a plain (Gemini or JSON Schema) object. */
  readonly source: 'zod' | 'object';
  /**
   * False when the root declares only scalar types (an enum answer with `text/x.enum`, say):
   * then the answer is not expected to be a JSON object or array.
   */
  readonly container: boolean;
}

/** A schema that cannot be used, and why (one sentence). */
export interface UnusableSchema {
  readonly ok: false;
  readonly reason: string;
}

/** What {@link normalizeSchema} returns for a schema that was given. */
export type SchemaResult = NormalizedSchema | UnusableSchema;

/** Schemas nesting deeper than this are refused; it also stops cyclic object graphs. */
const MAX_SCHEMA_DEPTH = 64;
const GEMINI_TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL']);
/** Gemini's `Schema` sends these integer keywords as strings (int64 in proto JSON). */
const INTEGER_KEYWORDS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'];
/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS = [
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const DRAFT_07_URI = 'http://json-schema.org/draft-07/schema';

const cache = new WeakMap<object, SchemaResult>();

class SchemaShapeError extends Error {}

/** Normalise a caller's schema; undefined when there is none. Never throws. */
export function normalizeSchema(input: unknown): SchemaResult | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'object') {
    return typeof input === 'boolean'
      ? { ok: true, schema: input, draft: '2020-12', source: 'object', container: true }
      : { ok: false, reason: `a schema must be an object, got ${typeof input}` };
  }
  const cached = cache.get(input);
  if (cached) return cached;
  const result = normalizeObject(input);
  cache.set(input, result);
  return result;
}

/** True for a zod 4 schema (classic or mini): both carry their internals on `_zod`. */
export function isZodSchema(value: unknown): value is z.ZodType {
  if (typeof value !== 'object' || value === null || !('_zod' in value)) return false;
  const internals = (value as { _zod: unknown })._zod;
  return typeof internals === 'object' && internals !== null && 'def' in internals;
}

function normalizeObject(input: object): SchemaResult {
  let source: 'zod' | 'object' = 'object';
  let raw: unknown = unwrapConfig(input);
  if (isZodSchema(raw)) {
    source = 'zod';
    try {
      raw = z.toJSONSchema(raw, { unrepresentable: 'any' });
    } catch (error) {
      return { ok: false, reason: `z.toJSONSchema could not convert the zod schema: ${messageOf(error)}` };
    }
  } else if (typeof raw === 'object' && raw !== null && 'safeParse' in raw && '_def' in raw) {
    return { ok: false, reason: 'zod 3 schemas are not supported; convert it to JSON Schema first' };
  }
  try {
    const schema = convertNode(raw, '', 0, new Map());
    return { ok: true, ...pickDraft(schema), source, container: expectsContainer(schema) };
  } catch (error) {
    if (error instanceof SchemaShapeError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** True unless the root schema's `type` names only scalar types (with no combinator to widen it). */
function expectsContainer(schema: Readonly<Record<string, unknown>> | boolean): boolean {
  if (typeof schema === 'boolean' || schema.type === undefined) return true;
  if ('anyOf' in schema || 'oneOf' in schema || '$ref' in schema) return true;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('object') || types.includes('array');
}

/** A request config (`{responseJsonSchema}` or `{responseSchema}`) stands for the schema it holds. */
function unwrapConfig(input: object): unknown {
  const record = input as Record<string, unknown>;
  const looksLikeSchema = 'type' in record || 'properties' in record || '$ref' in record || 'anyOf' in record;
  if (looksLikeSchema || isZodSchema(input)) return input;
  return record.responseJsonSchema ?? record.responseSchema ?? input;
}

function pickDraft(
  schema: Readonly<Record<string, unknown>> | boolean,
): Pick<NormalizedSchema, 'schema' | 'draft'> {
  if (typeof schema === 'boolean') return { schema, draft: '2020-12' };
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('/draft/2020-12/')) return { schema, draft: '2020-12' };
  const { $schema: _dropped, ...rest } = schema;
  // Draft-04/06 documents read fine as draft-07 for the keywords Gemini supports.
  if (/draft-0[4-7]/.test(declared)) {
    return { schema: declared.startsWith(DRAFT_07_URI) ? schema : rest, draft: 'draft-07' };
  }
  return { schema: rest, draft: '2020-12' };
}

type Converted = Map<object, Record<string, unknown>>;

/**
 * Copy one schema node, rewriting Gemini forms. `path` names the node in error messages. A node
 * shared by several parents is converted once (`done`), so shared subschemas cost nothing extra.
 */
function convertNode(
  node: unknown,
  path: string,
  depth: number,
  done: Converted,
): Record<string, unknown> | boolean {
  if (typeof node === 'boolean') return node;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw new SchemaShapeError(`the schema at "${path || '/'}" is not an object`);
  }
  const known = done.get(node);
  if (known) return known;
  if (depth > MAX_SCHEMA_DEPTH) {
    throw new SchemaShapeError(`the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels (is it cyclic?)`);
  }
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  rewriteGeminiKeywords(copy);
  const child = (value: unknown, where: string) => convertNode(value, `${path}/${where}`, depth + 1, done);
  for (const keyword of SCHEMA_KEYWORDS) {
    if (keyword in copy) copy[keyword] = child(copy[keyword], keyword);
  }
  for (const keyword of [...SCHEMA_LIST_KEYWORDS, 'items']) {
    const value = copy[keyword];
    if (Array.isArray(value)) copy[keyword] = value.map((item, index) => child(item, `${keyword}/${index}`));
    else if (keyword === 'items' && value !== undefined) copy[keyword] = child(value, 'items');
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const value = copy[keyword];
    if (typeof value !== 'object' || value === null) continue;
    const converted: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(value)) converted[name] = child(entry, `${keyword}/${name}`);
    copy[keyword] = converted;
  }
  done.set(node, copy);
  return copy;
}

/** Gemini's OpenAPI-subset spellings, rewritten in place to JSON Schema. */
function rewriteGeminiKeywords(node: Record<string, unknown>): void {
  const type = node.type;
  if (type === 'TYPE_UNSPECIFIED') delete node.type;
  else if (typeof type === 'string' && GEMINI_TYPES.has(type)) node.type = type.toLowerCase();
  else if (Array.isArray(type)) {
    node.type = type.map((entry) =>
      typeof entry === 'string' && GEMINI_TYPES.has(entry) ? entry.toLowerCase() : entry,
    );
  }
  for (const keyword of INTEGER_KEYWORDS) {
    const value = node[keyword];
    if (typeof value === 'string' && /^\d+$/.test(value)) node[keyword] = Number(value);
  }
  if (!('nullable' in node)) return;
  const nullable = node.nullable === true;
  delete node.nullable;
  if (!nullable) return;
  if (typeof node.type === 'string' && node.type !== 'null') node.type = [node.type, 'null'];
  else if (Array.isArray(node.type) && !node.type.includes('null')) node.type = [...node.type, 'null'];
  else if (Array.isArray(node.anyOf)) node.anyOf = [...node.anyOf, { type: 'null' }];
  // A node with an enum must list null too, or `nullable` would have no effect.
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
