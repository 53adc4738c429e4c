/**
 * Counts how often each key occurs in each open object, to find duplicate keys and objects that
 * keep re-emitting one key. Keys are held as (hash, length) pairs on one stack shared by all
 * open objects: a nested object's keys sit above its parent's and are dropped when it closes.
 * Memory is fixed: at most `maxPerObject` distinct keys per object and `maxTotal` in all are
 * tracked; keys past those caps are not counted (a duplicate among them goes unnoticed).
 */
export class KeyTracker {
  /** Comparisons made (for work meters). */
  units = 0;
  private readonly hashes: Int32Array;
  private readonly lengths: Uint32Array;
  private readonly counts: Uint32Array;
  private readonly bases: Int32Array;
  private top = 0;

  constructor(
    private readonly maxPerObject: number,
    private readonly maxTotal: number,
    maxDepth: number,
  ) {
    this.hashes = new Int32Array(maxTotal);
    this.lengths = new Uint32Array(maxTotal);
    this.counts = new Uint32Array(maxTotal);
    this.bases = new Int32Array(maxDepth + 2);
  }

  /** An object opened at `level`. */
  open(level: number): void {
    this.bases[level] = this.top;
  }

  /** The object at `level` closed: forget its keys. */
  close(level: number): void {
    this.top = this.bases[level] ?? 0;
  }

  /**
   * A key of the object at `level`. Returns how many times it has occurred in that object,
   * this time included (1 for a new key), or 0 when the key could not be tracked.
   */
  add(level: number, hash: number, length: number): number {
    const base = this.bases[level] ?? 0;
    for (let slot = base; slot < this.top; slot++) {
      this.units++;
      if (this.hashes[slot] === hash && this.lengths[slot] === length) {
        const count = (this.counts[slot] ?? 0) + 1;
        this.counts[slot] = count;
        return count;
      }
    }
    if (this.top - base >= this.maxPerObject || this.top >= this.maxTotal) return 0;
    this.hashes[this.top] = hash;
    this.lengths[this.top] = length;
    this.counts[this.top] = 1;
    this.top++;
    return 1;
  }

  /** Forget everything. */
  reset(): void {
    this.top = 0;
  }
}
