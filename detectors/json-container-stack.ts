/** The JSON tokenizer's stack of open containers and its path queries, kept apart from the state machine. */
import type { JsonContainerKind } from './json-events.js';
import { SEED_ARRAY, SEED_OBJECT } from './json-hash.js';

/** Stack code of an open object. */
export const CONTAINER_OBJECT = 1;
/** Stack code of an open array. */
export const CONTAINER_ARRAY = 2;
/** Event names of the stack codes, indexed by code. */
export const CONTAINER_KIND_NAMES: readonly JsonContainerKind[] = ['object', 'object', 'array'];

const OBJECT = CONTAINER_OBJECT;
const ARRAY = CONTAINER_ARRAY;
const KIND_NAMES = CONTAINER_KIND_NAMES;

/**
 * The containers open at each level (1 = root): kind, start offset, running hash, current item
 * index and last key, in typed arrays sized once for `maxDepth` levels. `JsonTokenizer` extends it.
 */
export class JsonContainerStack {
  protected depth = 0;
  protected readonly kinds: Uint8Array;
  protected readonly starts: Float64Array;
  protected readonly hashes: Int32Array;
  protected readonly indexes: Uint32Array;
  protected readonly keys: string[];

  constructor(protected readonly maxDepth: number) {
    this.kinds = new Uint8Array(maxDepth + 1);
    this.starts = new Float64Array(maxDepth + 1);
    this.hashes = new Int32Array(maxDepth + 1);
    this.indexes = new Uint32Array(maxDepth + 1);
    this.keys = new Array<string>(maxDepth + 1).fill('');
  }

  /** The kind of the open container at `level` (1 = root), or undefined. */
  kindAt(level: number): JsonContainerKind | undefined {
    return level >= 1 && level <= this.depth ? KIND_NAMES[this.kinds[level] ?? 0] : undefined;
  }

  /** The current item index of the open array at `level` (0 for other levels). */
  indexAt(level: number): number {
    return level >= 1 && level <= this.depth && this.kinds[level] === ARRAY ? (this.indexes[level] ?? 0) : 0;
  }

  /** The last key read in the open object at `level` (cut at the key cap), or '' for other levels. */
  keyAt(level: number): string {
    return level >= 1 && level <= this.depth && this.kinds[level] === OBJECT ? (this.keys[level] ?? '') : '';
  }

  /** How many containers are open. */
  get level(): number {
    return this.depth;
  }

  /**
   * JSON Pointer (RFC 6901, like ajv's `instancePath`) through the first `levels` open containers,
   * each adding its current key or item index. Keys longer than the key cap appear cut.
   */
  pointer(levels: number = this.depth): string {
    let out = '';
    for (let level = 1; level <= Math.min(levels, this.depth); level++) {
      const segment = this.kinds[level] === ARRAY ? String(this.indexes[level]) : (this.keys[level] ?? '');
      out += `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    }
    return out;
  }

  /** Push a container of `kind` opened at `position`; returns its level. The caller checks the cap. */
  protected pushLevel(kind: number, position: number): number {
    const level = ++this.depth;
    this.kinds[level] = kind;
    this.starts[level] = position;
    this.hashes[level] = kind === OBJECT ? SEED_OBJECT : SEED_ARRAY;
    this.indexes[level] = 0;
    this.keys[level] = '';
    return level;
  }
}
