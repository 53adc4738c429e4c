/**
 * A text buffer with a hard cap, for the one detector that must keep a whole document
 * (`schema-invalid` validates it at the end). Units are copied into a growing `Uint16Array`, so
 * memory is two bytes per unit whatever the piece sizes (no rope of tiny strings), and the
 * text comes back exactly, lone surrogates included. Past the cap the buffer drops its content
 * and refuses more: the caller reports that validation was skipped.
 */

/** First allocation, in units; the buffer doubles from here up to its cap. */
const INITIAL_CAPACITY = 1024;
/** Units decoded per `String.fromCharCode` call (keeps argument lists small). */
const DECODE_CHUNK = 8192;

/** See the file comment. */
export class CappedTextBuffer {
  /** True once more than `cap` units were offered. */
  overflowed = false;
  private units = new Uint16Array(0);
  private size = 0;

  constructor(private readonly cap: number) {}

  /** Units held. */
  get length(): number {
    return this.size;
  }

  /**
   * Append `text.slice(from, to)`. Returns false, and drops everything, when that would pass the
   * cap; later appends are ignored.
   */
  append(text: string, from: number, to: number): boolean {
    if (this.overflowed) return false;
    if (this.size + (to - from) > this.cap) {
      this.overflowed = true;
      this.units = new Uint16Array(0);
      this.size = 0;
      return false;
    }
    this.reserve(this.size + (to - from));
    const units = this.units;
    let size = this.size;
    for (let index = from; index < to; index++) units[size++] = text.charCodeAt(index);
    this.size = size;
    return true;
  }

  /** The held text. */
  text(): string {
    let out = '';
    for (let start = 0; start < this.size; start += DECODE_CHUNK) {
      out += String.fromCharCode(...this.units.subarray(start, Math.min(this.size, start + DECODE_CHUNK)));
    }
    return out;
  }

  /** Forget everything, including an overflow. */
  reset(): void {
    this.overflowed = false;
    this.units = new Uint16Array(0);
    this.size = 0;
  }

  private reserve(needed: number): void {
    if (needed <= this.units.length) return;
    let capacity = Math.max(INITIAL_CAPACITY, this.units.length);
    while (capacity < needed) capacity *= 2;
    const grown = new Uint16Array(Math.min(capacity, Math.max(this.cap, needed)));
    grown.set(this.units.subarray(0, this.size));
    this.units = grown;
  }
}
