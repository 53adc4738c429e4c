/**
 * Reads a normalised JSON Schema (see `schema-normalize.ts`) as "shapes" for the order check:
 * which object schemas could describe a value, in which order their keys should come, and which
 * subschema describes a property or an array item. Local `$ref`s (`#`, `#/$defs/...`,
 * `#/definitions/...`) are followed; `anyOf`, `oneOf` and `allOf` branches are all candidates.
 * Work is cached per schema node, so each node is read once however long the answer.
 */

/** An object schema: its expected key order and its property subschemas. */
export interface ObjectShape {
  /** `propertyOrdering` when present, else the declaration order of `properties`. */
  readonly order: readonly string[];
  /** Position of each key in {@link order}. */
  readonly rank: ReadonlyMap<string, number>;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The `additionalProperties` subschema, when it is one. */
  readonly additional: unknown;
}

/** An array schema: per-position subschemas (`prefixItems`, or draft-07 tuple `items`) and the rest. */
export interface ArrayShape {
  readonly prefix: readonly unknown[];
  readonly items: unknown;
}

/** Every object and array schema that could describe one value. */
export interface ShapeSet {
  readonly objects: readonly ObjectShape[];
  readonly arrays: readonly ArrayShape[];
}

/**
 * Schema nodes visited to resolve one node (through `$ref`s and combinators). Each node is visited
 * once, so cycles end by themselves; the cap bounds the candidate list of a pathological schema.
 */
const MAX_VISITED_NODES = 256;
const EMPTY: ShapeSet = { objects: [], arrays: [] };

type SchemaNode = Readonly<Record<string, unknown>>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeIncludes(node: SchemaNode, name: string): boolean {
  return node.type === name || (Array.isArray(node.type) && node.type.includes(name));
}

/** Navigates one schema. Create once per schema; reuse across answers. */
export class SchemaShapes {
  private readonly cache = new WeakMap<object, ShapeSet>();
  private readonly objectShapes = new WeakMap<object, ObjectShape>();

  constructor(private readonly root: unknown) {}

  /** The shapes of the root value. */
  get rootShapes(): ShapeSet {
    return this.resolve(this.root);
  }

  /** The object and array shapes a schema node stands for (after refs and combinators). */
  resolve(node: unknown): ShapeSet {
    if (!isNode(node)) return EMPTY;
    const cached = this.cache.get(node);
    if (cached) return cached;
    const objects: ObjectShape[] = [];
    const arrays: ArrayShape[] = [];
    this.collect(node, objects, arrays, new Set());
    const set = objects.length === 0 && arrays.length === 0 ? EMPTY : { objects, arrays };
    this.cache.set(node, set);
    return set;
  }

  /** The subschema of property `key`, or undefined when the schema says nothing about it. */
  propertyOf(shape: ObjectShape, key: string): unknown {
    return Object.hasOwn(shape.properties, key) ? shape.properties[key] : shape.additional;
  }

  /** The subschema of the item at `index`. */
  itemOf(shape: ArrayShape, index: number): unknown {
    return index < shape.prefix.length ? shape.prefix[index] : shape.items;
  }

  private collect(node: SchemaNode, objects: ObjectShape[], arrays: ArrayShape[], seen: Set<object>): void {
    if (seen.has(node) || seen.size >= MAX_VISITED_NODES) return;
    seen.add(node);
    if (typeof node.$ref === 'string') {
      const target = this.lookup(node.$ref);
      if (isNode(target)) this.collect(target, objects, arrays, seen);
    }
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches) if (isNode(branch)) this.collect(branch, objects, arrays, seen);
    }
    if (typeIncludes(node, 'object') || isNode(node.properties) || Array.isArray(node.propertyOrdering)) {
      objects.push(this.objectShape(node));
    }
    if (typeIncludes(node, 'array') || 'items' in node || Array.isArray(node.prefixItems)) {
      arrays.push(arrayShape(node));
    }
  }

  /** One shape object per schema node, so "reported once per object schema" holds across refs. */
  private objectShape(node: SchemaNode): ObjectShape {
    let shape = this.objectShapes.get(node);
    if (!shape) {
      shape = objectShape(node);
      this.objectShapes.set(node, shape);
    }
    return shape;
  }

  /** Resolve a local JSON Pointer reference; other references are not followed. */
  private lookup(reference: string): unknown {
    if (reference === '#') return this.root;
    if (!reference.startsWith('#/')) return undefined;
    let current: unknown = this.root;
    for (const raw of reference.slice(2).split('/')) {
      const segment = decodeSegment(raw);
      if (segment === undefined) return undefined;
      if (!isNode(current) && !Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  }
}

/** One JSON Pointer segment of a `$ref` (URI-encoded, then `~1` and `~0`); undefined when malformed. */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
  } catch {
    return undefined;
  }
}

function objectShape(node: SchemaNode): ObjectShape {
  const properties = isNode(node.properties) ? node.properties : {};
  const ordering = node.propertyOrdering;
  const order =
    Array.isArray(ordering) && ordering.every((entry) => typeof entry === 'string')
      ? (ordering as string[])
      : Object.keys(properties);
  const rank = new Map<string, number>();
  order.forEach((key, index) => {
    if (!rank.has(key)) rank.set(key, index);
  });
  const additional = isNode(node.additionalProperties) ? node.additionalProperties : undefined;
  return { order, rank, properties, additional };
}

function arrayShape(node: SchemaNode): ArrayShape {
  if (Array.isArray(node.prefixItems)) return { prefix: node.prefixItems, items: node.items };
  if (Array.isArray(node.items)) return { prefix: node.items, items: node.additionalItems };
  return { prefix: [], items: node.items };
}

const shapesCache = new WeakMap<object, SchemaShapes>();

/** The (cached) navigator of a normalised schema, shared by every answer checked against it. */
export function shapesFor(schema: Readonly<Record<string, unknown>> | boolean): SchemaShapes {
  if (typeof schema === 'boolean') return new SchemaShapes(schema);
  let shapes = shapesCache.get(schema);
  if (!shapes) {
    shapes = new SchemaShapes(schema);
    shapesCache.set(schema, shapes);
  }
  return shapes;
}

/**
 * The object shape that best fits an object whose first key is `key`: the first candidate that
 * declares the key, else the first candidate.
 */
export function pickObjectShape(candidates: readonly ObjectShape[], key: string): ObjectShape | undefined {
  return (
    candidates.find((shape) => shape.rank.has(key) || Object.hasOwn(shape.properties, key)) ?? candidates[0]
  );
}
