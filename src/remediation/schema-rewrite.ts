/**
 * Structured-output schema rewrites: the guide's fix for repeated text in structured output is to
 * make every output field required and not to leave the field order open. Both work on Gemini
 * `responseSchema` objects and on JSON Schema (`responseJsonSchema`) and return copies.
 */

/** Schemas nested deeper than this are left as they are (real schemas are a few levels deep). */
const MAX_DEPTH = 64;
/** Keys whose value is one subschema. */
const SINGLE_KEYS = ['items', 'additionalProperties', 'not', 'contains'] as const;
/** Keys whose value is a list of subschemas (`items` is a list in old tuple schemas). */
const LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'] as const;
/** Keys whose value is a record of named subschemas. */
const RECORD_KEYS = ['properties', '$defs', 'definitions'] as const;

/** What a rewrite does to each object schema it meets. */
type ObjectRewrite = (node: Record<string, unknown>, keys: readonly string[]) => Record<string, unknown>;

/**
 * A copy of `schema` in which every object schema lists all of its properties in `required`
 * (declaration order, then any extra names it already required), at every depth: properties,
 * array items, `anyOf`/`oneOf`/`allOf`, `$defs`. Anything that is not a schema object is
 * returned unchanged.
 */
export function requireAllFields<T>(schema: T): T {
  return rewrite(schema, (node, keys) => {
    const existing = Array.isArray(node.required)
      ? node.required.filter((name) => typeof name === 'string')
      : [];
    return { ...node, required: [...keys, ...existing.filter((name) => !keys.includes(name))] };
  });
}

/**
 * A copy of a Gemini `responseSchema` in which every object schema has `propertyOrdering`: the
 * caller's own ordering when set (with any missing property appended), else the declaration
 * order of `properties`.
 */
export function setPropertyOrdering<T>(schema: T): T {
  return rewrite(schema, (node, keys) => {
    const existing = Array.isArray(node.propertyOrdering)
      ? node.propertyOrdering.filter(
          (name): name is string => typeof name === 'string' && keys.includes(name),
        )
      : [];
    return { ...node, propertyOrdering: [...existing, ...keys.filter((name) => !existing.includes(name))] };
  });
}

/** True when some object schema in `schema` does not require all of its properties. */
export function hasOptionalFields(schema: unknown): boolean {
  let optional = false;
  rewrite(schema, (node, keys) => {
    const required = Array.isArray(node.required) ? node.required : [];
    if (keys.some((key) => !required.includes(key))) optional = true;
    return node;
  });
  return optional;
}

function rewrite<T>(schema: T, change: ObjectRewrite): T {
  return visit(schema, change, 0, new WeakSet()) as T;
}

function visit(node: unknown, change: ObjectRewrite, depth: number, ancestors: WeakSet<object>): unknown {
  if (!isRecord(node) || depth > MAX_DEPTH || ancestors.has(node)) return node;
  ancestors.add(node);
  const copy: Record<string, unknown> = { ...node };
  for (const key of SINGLE_KEYS) {
    if (isRecord(node[key])) copy[key] = visit(node[key], change, depth + 1, ancestors);
  }
  for (const key of LIST_KEYS) {
    const list = node[key];
    if (Array.isArray(list)) copy[key] = list.map((item) => visit(item, change, depth + 1, ancestors));
  }
  for (const key of RECORD_KEYS) {
    const record = node[key];
    if (!isRecord(record)) continue;
    copy[key] = Object.fromEntries(
      Object.entries(record).map(([name, child]) => [name, visit(child, change, depth + 1, ancestors)]),
    );
  }
  ancestors.delete(node);
  const properties = copy.properties;
  return isRecord(properties) ? change(copy, Object.keys(properties)) : copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
