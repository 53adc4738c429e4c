/**
 * Follows the schema down the JSON answer as it streams and checks that the keys of each object
 * come in the schema's order (`propertyOrdering`, else the declaration order of `properties`).
 * Keys the schema does not order are ignored; skipped (optional) keys are fine. State is a few
 * values per nesting level.
 */
import type { JsonContainerKind } from './json-events.js';
import { type ArrayShape, type ObjectShape, pickObjectShape, type SchemaShapes } from './schema-shape.js';

/** A key that came after a key the schema puts later. */
export interface OrderBreak {
  /** The object schema whose order was broken (reported once per schema). */
  readonly shape: ObjectShape;
  readonly key: string;
  /** The earlier key that the schema orders after `key`. */
  readonly after: string;
}

/**
 * Tracks, per open container, which schema describes it and the highest key rank seen. The
 * per-level lists grow with the deepest level reached (levels open one at a time, so they stay
 * dense), bounded by the tokenizer's depth cap.
 */
export class KeyOrderTracker {
  private readonly candidates: (readonly ObjectShape[] | undefined)[] = [];
  private readonly objects: (ObjectShape | undefined)[] = [];
  private readonly arrays: (ArrayShape | undefined)[] = [];
  /** The subschema of the value that follows the last key, per object level. */
  private readonly pending: unknown[] = [];
  private readonly lastRank: number[] = [];
  private readonly lastKey: string[] = [];

  constructor(private readonly shapes: SchemaShapes) {}

  /**
   * A container opened at `level`. `parentKind` and `index` say where it sits: the value of the
   * parent's last key, or item `index` of the parent array.
   */
  enter(
    kind: JsonContainerKind,
    level: number,
    parentKind: JsonContainerKind | undefined,
    index: number,
  ): void {
    const node = level === 1 ? undefined : this.childNode(level - 1, parentKind, index);
    const set = level === 1 ? this.shapes.rootShapes : this.shapes.resolve(node);
    this.ensure(level);
    if (kind === 'array') {
      this.arrays[level] = set.arrays[0];
      return;
    }
    const objects = set.objects;
    this.candidates[level] = objects.length > 1 ? objects : undefined;
    this.objects[level] = objects.length === 1 ? objects[0] : undefined;
    this.pending[level] = undefined;
    this.lastRank[level] = -1;
    this.lastKey[level] = '';
  }

  /** A key of the object at `level`. Returns the break when it comes out of order. */
  key(level: number, key: string): OrderBreak | undefined {
    const candidates = this.candidates[level];
    if (candidates) {
      this.objects[level] = pickObjectShape(candidates, key);
      this.candidates[level] = undefined;
    }
    const shape = this.objects[level];
    if (!shape) return undefined;
    this.pending[level] = this.shapes.propertyOf(shape, key);
    const rank = shape.rank.get(key);
    if (rank === undefined) return undefined;
    const last = this.lastRank[level] ?? -1;
    if (rank > last) {
      this.lastRank[level] = rank;
      this.lastKey[level] = key;
      return undefined;
    }
    // An equal rank is a duplicate key, which the key tracker reports.
    return rank < last ? { shape, key, after: this.lastKey[level] ?? '' } : undefined;
  }

  /** Grow the per-level lists up to `level`, so they never have holes. */
  private ensure(level: number): void {
    while (this.objects.length <= level) {
      this.candidates.push(undefined);
      this.objects.push(undefined);
      this.arrays.push(undefined);
      this.pending.push(undefined);
      this.lastRank.push(-1);
      this.lastKey.push('');
    }
  }

  private childNode(parent: number, parentKind: JsonContainerKind | undefined, index: number): unknown {
    if (parentKind === 'object') return this.objects[parent] ? this.pending[parent] : undefined;
    const array = this.arrays[parent];
    return array ? this.shapes.itemOf(array, index) : undefined;
  }
}
