/**
 * Line-level helpers shared by the text detectors: a per-character Markdown line tracker (code
 * fences, table rows, delimiter-only rows) and a bounded window for evidence excerpts. Both work one
 * UTF-16 unit at a time, so what they report never depends on how the text was split into pieces.
 */
const TAB = 9;
const CR = 13;
const SPACE = 32;
const HYPHEN = 45;
const COLON = 58;
const BACKSLASH = 92;
const BACKTICK = 96;
const PIPE = 124;
const TILDE = 126;

/** CommonMark: a fence marker is a run of at least three backticks or tildes. */
const FENCE_MIN = 3;

/** Where the tracker is inside the current line. */
const LEAD = 0; // ^   |a|  only indentation so far
const MARKER = 1; // ^``` a run of backticks or tildes opened the line
const MARKER_REST = 2; // ```js^ after a marker of three or more
const BODY = 3; // |a^| anything else

/** A lookup of the ASCII units in `units`, for {@link skipUntil}. */
export function stopSet(units: string): Uint8Array {
  const stops = new Uint8Array(128);
  for (let index = 0; index < units.length; index += 1) stops[units.charCodeAt(index)] = 1;
  return stops;
}

/**
 * The index of the first unit from `index` on that is in `stops` (ASCII only), or the piece's
 * length. A tight loop with no state, so detectors can pass over the units that cannot matter to
 * them several times faster than through their state machine.
 */
export function skipUntil(piece: string, index: number, stops: Uint8Array): number {
  let at = index;
  while (at < piece.length) {
    const code = piece.charCodeAt(at);
    if (code < 128 && stops[code] === 1) return at;
    at += 1;
  }
  return at;
}

/** What {@link MarkdownLineState.advance} says about a unit: a plain unit in a line's body. */
export const PLAIN = 1;
/** A space in a line's body. */
export const SPACE_UNIT = 2;
/** Any other unit: the tracker's state may have changed. */
export const OTHER_UNIT = 0;

/** True for the blanks a Markdown line may carry anywhere: space, tab, carriage return. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR;
}

/**
 * Tracks where a stream stands in its Markdown lines. Feed every UTF-16 unit except line feeds to
 * {@link advance}, and call {@link endLine} at each line feed; read the public fields in between.
 * Fences (``` and ~~~, at any indentation, so fences in list items count) switch table tracking
 * off: code is not a table. A table row is a line whose first non-blank character is `|`, or a line
 * with a `|` right after a table row (GFM rows may omit the leading pipe).
 */
export class MarkdownLineState {
  /** Absolute offset where the current line starts. */
  lineStart = 0;
  /** 1-based number of the current line. */
  line = 1;
  /** True while the current line lies inside a fenced code block (closing fence line included). */
  inFence = false;
  /** True once the current line is known to be a table row. */
  tableRow = false;
  /** True when the line's first non-blank character is `|`. */
  leadingPipe = false;
  /** Unescaped pipes seen on the current line. */
  pipes = 0;
  /** Hyphens seen on the current line while it was delimiter-only (later ones may be skipped). */
  hyphens = 0;
  /** True while every non-blank character of the line is `|`, `-` or `:` (a delimiter row so far). */
  delimiterOnly = true;
  /** Unescaped pipes on the previous line (0 when that line was fenced). */
  previousPipes = 0;
  /** Counts tables: grows by one when a table row follows a line that was not one. */
  tableCount = 0;

  private previousTableRow = false;
  private phase = LEAD;
  private escaped = false;
  private markerChar = 0;
  private markerLength = 0;
  private markerRestBlank = true;
  private markerRestBacktick = false;
  private fenceChar = 0;
  private fenceLength = 0;

  /**
   * True when only line feeds, pipes and backslashes can change this tracker: the body of a line
   * that is no delimiter row, with no backslash pending. Callers may then skip other units with
   * {@link skipUntil}.
   */
  get canSkip(): boolean {
    return this.phase === BODY && !this.escaped && !this.delimiterOnly;
  }

  /** The 1-based table cell the current character falls in. */
  get cell(): number {
    return this.leadingPipe ? Math.max(1, this.pipes) : this.pipes + 1;
  }

  /**
   * Take one UTF-16 unit of the current line (never a line feed). Returns {@link PLAIN} for a unit
   * in the body of a line that is none of `| - : \\` and not blank, {@link SPACE_UNIT} for a space
   * there (neither changes anything a caller reads but `delimiterOnly`), else {@link OTHER_UNIT};
   * callers use the first two as their own fast paths.
   */
  advance(code: number): number {
    // Kept tiny so it inlines: nearly every unit of any text takes one of the first two exits.
    if (this.phase === BODY) {
      if (
        code > COLON ? code !== PIPE && code !== BACKSLASH : code > SPACE && code !== HYPHEN && code !== COLON
      ) {
        this.delimiterOnly = false;
        this.escaped = false;
        return PLAIN;
      }
      if (code === SPACE) {
        this.escaped = false;
        return SPACE_UNIT;
      }
    }
    this.advanceSlow(code);
    return OTHER_UNIT;
  }

  private advanceSlow(code: number): void {
    if (this.phase === LEAD) {
      if (isBlank(code)) return;
      this.startBody(code);
    } else if (this.phase === MARKER) {
      if (code !== this.markerChar) this.phase = this.markerLength >= FENCE_MIN ? MARKER_REST : BODY;
      else this.markerLength += 1;
    }
    if (this.phase === MARKER_REST) {
      if (!isBlank(code)) this.markerRestBlank = false;
      if (code === BACKTICK) this.markerRestBacktick = true;
    }
    if (code === PIPE && !this.escaped) this.countPipe();
    this.escaped = code === BACKSLASH && !this.escaped;
    if (code === HYPHEN) {
      if (this.delimiterOnly) this.hyphens += 1;
    } else if (code !== PIPE && code !== COLON && !isBlank(code)) this.delimiterOnly = false;
  }

  /** Close the current line at the line feed found at absolute offset `position`. */
  endLine(position: number): void {
    this.closeFence();
    this.previousTableRow = this.tableRow;
    this.previousPipes = this.inFence ? 0 : this.pipes;
    this.lineStart = position + 1;
    this.line += 1;
    this.tableRow = false;
    this.leadingPipe = false;
    this.pipes = 0;
    this.hyphens = 0;
    this.delimiterOnly = true;
    this.phase = LEAD;
    this.escaped = false;
    this.markerLength = 0;
  }

  /** Forget everything, as for a new text. */
  reset(): void {
    this.endLine(-1);
    this.line = 1;
    this.inFence = false;
    this.previousTableRow = false;
    this.previousPipes = 0;
    this.tableCount = 0;
  }

  private startBody(code: number): void {
    if (code === BACKTICK || code === TILDE) {
      this.phase = MARKER;
      this.markerChar = code;
      this.markerLength = 1;
      this.markerRestBlank = true;
      this.markerRestBacktick = false;
      return;
    }
    this.phase = BODY;
    this.leadingPipe = code === PIPE;
  }

  private countPipe(): void {
    this.pipes += 1;
    if (this.tableRow || this.inFence) return;
    if (this.leadingPipe || this.previousTableRow) {
      this.tableRow = true;
      if (!this.previousTableRow) this.tableCount += 1;
    }
  }

  /** At a line end: open or close a fence when the line was a fence marker. */
  private closeFence(): void {
    const marker = (this.phase === MARKER || this.phase === MARKER_REST) && this.markerLength >= FENCE_MIN;
    if (!marker) return;
    if (!this.inFence) {
      // CommonMark: a backtick fence's info string may not contain backticks (that is inline code).
      if (this.markerChar === BACKTICK && this.markerRestBacktick) return;
      this.inFence = true;
      this.fenceChar = this.markerChar;
      this.fenceLength = this.markerLength;
    } else if (
      this.markerChar === this.fenceChar &&
      this.markerLength >= this.fenceLength &&
      this.markerRestBlank
    ) {
      this.inFence = false;
    }
  }
}

/**
 * Text kept for evidence: 1 KiB reaches back past every default abort bar of the table and newline
 * detectors (the largest is 640 units) plus the context shown before a run.
 */
const WINDOW_CAPACITY = 1024;
/** Units shown before a run's start, so the excerpt shows what the run follows (a header row, a key). */
const EXCERPT_CONTEXT = 40;
/** Longest excerpt taken; findings clip evidence to 200 units anyway. */
const EXCERPT_LENGTH = 200;

/**
 * A bounded window on a streamed text for evidence excerpts: the pieces that cover the last
 * {@link WINDOW_CAPACITY} units before the piece being scanned, plus that piece. Pieces are kept by
 * reference, so streaming costs no copying; a piece longer than the capacity keeps only a copy of
 * its tail. Text is only joined when a finding asks for it. Call {@link enter} before scanning a piece and
 * {@link leave} after it. Reads never reach further back than the capacity from the unit being
 * scanned, so they are the same however the text was split.
 */
export class StreamWindow {
  private pieces: string[] = [];
  private offsets: number[] = [];
  private first = 0;
  /** Units held from `pieces[first]` on. */
  private held = 0;
  private piece = '';
  private pieceOffset = 0;

  /** Start scanning `piece`, which begins at absolute offset `offset`. */
  enter(piece: string, offset: number): void {
    const last = this.pieces.length - 1;
    // A gap in the offsets: what came before cannot be joined to what follows.
    if (last >= this.first && this.offsets[last]! + this.pieces[last]!.length !== offset) this.clear();
    this.piece = piece;
    this.pieceOffset = offset;
  }

  /** Done scanning the current piece: keep it while it is within the capacity. */
  leave(): void {
    const piece = this.piece;
    if (piece === '') return;
    const keep = piece.length > WINDOW_CAPACITY ? detach(piece.slice(-WINDOW_CAPACITY)) : piece;
    this.pieces.push(keep);
    this.offsets.push(this.pieceOffset + piece.length - keep.length);
    this.held += keep.length;
    this.pieceOffset += piece.length;
    this.piece = '';
    while (this.held - this.pieces[this.first]!.length >= WINDOW_CAPACITY) {
      this.held -= this.pieces[this.first]!.length;
      this.first += 1;
    }
    if (this.first >= 64 && this.first * 2 >= this.pieces.length) {
      this.pieces = this.pieces.slice(this.first);
      this.offsets = this.offsets.slice(this.first);
      this.first = 0;
    }
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
    for (let index = this.first; index < this.pieces.length; index += 1) {
      text += cut(this.pieces[index]!, this.offsets[index]!, start, to);
    }
    return text + cut(this.piece, this.pieceOffset, start, to);
  }

  reset(): void {
    this.clear();
    this.piece = '';
    this.pieceOffset = 0;
  }

  private clear(): void {
    this.pieces = [];
    this.offsets = [];
    this.first = 0;
    this.held = 0;
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
