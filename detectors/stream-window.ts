/**
 * Helpers for scanning a streamed text piece by piece: a bounded window on what came before, for
 * the evidence excerpts of the table and newline detectors, and a scanner that finds the next unit
 * that matters in the current piece at native speed.
 */

/**
 * Text kept for evidence: 1 KiB reaches back past every default abort bar of the table and newline
 * detectors (the largest is 640 units) plus the context shown before a run.
 */
const WINDOW_CAPACITY = 1024;
/** Units shown before a run's start, so the excerpt shows what the run follows (a header row, a key). */
const EXCERPT_CONTEXT = 40;
/** Longest excerpt taken; findings clip evidence to 200 units anyway. */
const EXCERPT_LENGTH = 200;
/** Ring slots to start with: 64-unit pieces need about 17; 1-unit pieces grow it to 2,048. */
const INITIAL_SLOTS = 32;

/**
 * A bounded window on a streamed text for evidence excerpts: the pieces that cover the last
 * {@link WINDOW_CAPACITY} units before the piece being scanned, plus that piece. Pieces are kept by
 * reference, so streaming costs no copying; a piece longer than the capacity keeps only a copy of
 * its tail. Text is only joined when a finding asks for it. Call {@link enter} before scanning a piece and
 * {@link leave} after it. Reads never reach further back than the capacity from the unit being
 * scanned, so they are the same however the text was split.
 */
export class StreamWindow {
  /**
   * A ring of the held pieces, oldest at `oldest`; its length is a power of two and grows only
   * when full. Each held piece but the newest ends within the capacity, and every piece has at least
   * one unit, so the ring never needs more than {@link WINDOW_CAPACITY} + 1 slots.
   */
  private pieces: string[] = new Array<string>(INITIAL_SLOTS).fill('');
  /**
   * The absolute offset (even index) and length (odd index) of each held piece, side by side: one
   * cache line per store, and the oldest piece is dropped without touching its string.
   */
  private spans = new Float64Array(2 * INITIAL_SLOTS);
  private oldest = 0;
  private count = 0;
  /** Units held in the ring. */
  private held = 0;
  private piece = '';
  private pieceOffset = 0;
  /** Absolute offset just past the newest held piece. */
  private heldEnd = 0;

  /** Start scanning `piece`, which begins at absolute offset `offset`. */
  enter(piece: string, offset: number): void {
    // A gap in the offsets: what came before cannot be joined to what follows.
    if (this.count > 0 && this.heldEnd !== offset) this.clear();
    this.piece = piece;
    this.pieceOffset = offset;
  }

  /** Done scanning the current piece: keep it while it is within the capacity. */
  leave(): void {
    const piece = this.piece;
    if (piece === '') return;
    const keep = piece.length > WINDOW_CAPACITY ? detach(piece.slice(-WINDOW_CAPACITY)) : piece;
    if (this.count === this.pieces.length) this.grow();
    const mask = this.pieces.length - 1;
    const slot = (this.oldest + this.count) & mask;
    this.pieces[slot] = keep;
    this.spans[2 * slot] = this.pieceOffset + piece.length - keep.length;
    this.spans[2 * slot + 1] = keep.length;
    this.count += 1;
    this.held += keep.length;
    this.pieceOffset += piece.length;
    this.heldEnd = this.pieceOffset;
    this.piece = '';
    const spans = this.spans;
    let oldest = this.oldest;
    while (this.held - spans[2 * oldest + 1]! >= WINDOW_CAPACITY) {
      this.held -= spans[2 * oldest + 1]!;
      this.pieces[oldest] = '';
      oldest = (oldest + 1) & mask;
      this.count -= 1;
    }
    this.oldest = oldest;
  }

  /**
   * The text of a run from `start` to `end` (exclusive), with a little context before it, cut to
   * {@link EXCERPT_LENGTH} units. `now` is the unit being scanned (or the text's length at the
   * end); nothing older than the window's capacity before it is read (a run far longer than that
   * shows its later part).
   */
  excerpt(start: number, end: number, now: number): string {
    const from = Math.max(start - EXCERPT_CONTEXT, now + 1 - WINDOW_CAPACITY, 0);
    const text = this.slice(from, Math.min(end, from + EXCERPT_LENGTH), now);
    const first = text.charCodeAt(0);
    // Never start on the second half of a surrogate pair.
    return first >= 0xdc00 && first <= 0xdfff ? text.slice(1) : text;
  }

  /** The text between `from` and `to`, clamped to the window that ends at `now` (see {@link excerpt}). */
  slice(from: number, to: number, now: number): string {
    const start = Math.max(from, now + 1 - WINDOW_CAPACITY, 0);
    let text = '';
    const mask = this.pieces.length - 1;
    for (let index = 0; index < this.count; index += 1) {
      const slot = (this.oldest + index) & mask;
      text += cut(this.pieces[slot]!, this.spans[2 * slot]!, start, to);
    }
    return text + cut(this.piece, this.pieceOffset, start, to);
  }

  reset(): void {
    this.clear();
    this.piece = '';
    this.pieceOffset = 0;
  }

  /** How many pieces the window holds, not counting the one being scanned. */
  get heldCount(): number {
    return this.count;
  }

  /**
   * The `index`-th piece held, oldest first (0 to {@link heldCount} - 1): the piece passed to
   * {@link enter} itself, or a copy of its tail when it was longer than the capacity. Reading held
   * pieces, rather than a joined {@link slice}, keeps callers on strings of the kinds they scan.
   */
  heldPiece(index: number): string {
    return this.pieces[(this.oldest + index) & (this.pieces.length - 1)]!;
  }

  /** The absolute offset where the {@link heldPiece} of the same index starts. */
  heldOffset(index: number): number {
    return this.spans[2 * ((this.oldest + index) & (this.pieces.length - 1))]!;
  }

  private clear(): void {
    this.pieces.fill('');
    this.oldest = 0;
    this.count = 0;
    this.held = 0;
  }

  /** Double the ring, oldest piece first. */
  private grow(): void {
    const size = this.pieces.length;
    const pieces = new Array<string>(size * 2).fill('');
    const spans = new Float64Array(size * 4);
    for (let index = 0; index < this.count; index += 1) {
      const slot = (this.oldest + index) & (size - 1);
      pieces[index] = this.pieces[slot]!;
      spans[2 * index] = this.spans[2 * slot]!;
      spans[2 * index + 1] = this.spans[2 * slot + 1]!;
    }
    this.pieces = pieces;
    this.spans = spans;
    this.oldest = 0;
  }
}

/** The part of `piece` (starting at absolute `offset`) that lies between `from` and `to`. */
function cut(piece: string, offset: number, from: number, to: number): string {
  if (to <= offset || from >= offset + piece.length) return '';
  return piece.slice(Math.max(0, from - offset), to - offset);
}

/**
 * A copy of `text` that does not keep a larger parent string alive: V8 represents slices of long
 * strings as views on their parent, and joining then cutting forces a fresh flat copy.
 */
function detach(text: string): string {
  return `${text} `.slice(0, -1);
}

/** A lookup of the ASCII units in `units`. */
function stopSet(units: string): Uint8Array {
  const stops = new Uint8Array(128);
  for (let index = 0; index < units.length; index += 1) stops[units.charCodeAt(index)] = 1;
  return stops;
}

/**
 * Units to check by hand before a native search when stops are usually close (JSON keys and
 * tokens): a native search costs about as much as checking 8 to 16 units by hand (measured on
 * 64-unit slices, legit/ JSON: 92 MB/s searching natively only, 122 with 16 units by hand first).
 */
export const NEAR_UNITS = 16;

/**
 * Finds the next unit from a small set in one piece with native `indexOf`, which is several times
 * faster than a `charCodeAt` loop (measured on 64-unit slices: about 900 against 380 MB/s). It
 * caches the next position of each unit, so every unit of a piece is searched at most once per
 * stop: linear work. Call {@link start} with each new piece.
 */
export class StopScanner {
  private readonly units: readonly string[];
  private readonly table: Uint8Array;
  /** Next position of each unit at or after the last search; -1: none left; -2: not searched. */
  private readonly next: Int32Array;
  private piece = '';

  /** `nearUnits`: units to check by hand first, for stops that are usually close (see {@link NEAR_UNITS}). */
  constructor(
    units: string,
    private readonly nearUnits = 0,
  ) {
    this.units = [...units];
    this.table = stopSet(units);
    this.next = new Int32Array(this.units.length);
  }

  /** Search `piece` from now on; cached positions of the previous piece are dropped. */
  start(piece: string): void {
    this.piece = piece;
    const next = this.next;
    // A loop, not `fill`: for the two to eight stops used, it avoids a builtin call per piece.
    for (let stop = 0; stop < next.length; stop += 1) next[stop] = -2;
  }

  /** Done with the piece: drop the reference, so a long piece is not kept alive between pushes. */
  release(): void {
    this.piece = '';
  }

  /**
   * The index of the first stop unit at or after `from`, or the piece's length. Within one piece,
   * `from` must never go back (the cache assumes it), as in a scan from left to right.
   */
  find(from: number): number {
    const { piece, next, units, table } = this;
    // When stops are often close, a few units by hand are cheaper than the native search.
    const near = Math.min(piece.length, from + this.nearUnits);
    for (let at = from; at < near; at += 1) {
      const code = piece.charCodeAt(at);
      if (code < 128 && table[code] === 1) return at;
    }
    if (near === piece.length) return near;
    let best = piece.length;
    for (let stop = 0; stop < next.length; stop += 1) {
      let at = next[stop]!;
      if (at === -1) continue;
      if (at < near) {
        at = piece.indexOf(units[stop]!, near);
        next[stop] = at;
        if (at < 0) continue;
      }
      if (at < best) best = at;
    }
    return best;
  }
}
