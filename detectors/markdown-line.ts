/**
 * Line-level helpers shared by the text detectors: a per-character Markdown line tracker (code
 * fences, table rows, delimiter-only rows) and a bounded window for evidence excerpts. Both work one
 * UTF-16 unit at a time, so what they report never depends on how the text was split into pieces.
 */
import { TextTail } from './support.js';

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
  /** Hyphens seen on the current line. */
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

  /** The 1-based table cell the current character falls in. */
  get cell(): number {
    return this.leadingPipe ? Math.max(1, this.pipes) : this.pipes + 1;
  }

  /** Take one UTF-16 unit of the current line (never a line feed). */
  advance(code: number): void {
    // Fast path for the common case, kept tiny so it inlines: a letter or other unit above `:`
    // that is neither `\` nor `|`, in the body of a line.
    if (code > COLON && code !== PIPE && code !== BACKSLASH && this.phase === BODY) {
      this.delimiterOnly = false;
      this.escaped = false;
      return;
    }
    this.advanceSlow(code);
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
    if (code === HYPHEN) this.hyphens += 1;
    else if (code !== PIPE && code !== COLON && !isBlank(code)) this.delimiterOnly = false;
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
 * A bounded window on a streamed text for evidence excerpts: the last {@link WINDOW_CAPACITY} units
 * of earlier pieces plus the piece being scanned. Call {@link enter} before scanning a piece and
 * {@link leave} after it. Reads never reach further back than the capacity from the unit being
 * scanned, so they are the same however the text was split.
 */
export class StreamWindow {
  private readonly tail = new TextTail(WINDOW_CAPACITY);
  private piece = '';
  private pieceOffset = 0;

  /** Start scanning `piece`, which begins at absolute offset `offset`. */
  enter(piece: string, offset: number): void {
    this.piece = piece;
    this.pieceOffset = offset;
  }

  /** Done scanning the current piece: keep its tail for later excerpts. */
  leave(): void {
    if (this.piece !== '') this.tail.append(this.piece, this.pieceOffset);
    this.pieceOffset += this.piece.length;
    this.piece = '';
  }

  /**
   * The text of a run from `start` to `end` (exclusive), with a little context before it, cut to
   * {@link EXCERPT_LENGTH} units. `now` is the unit being scanned (or the text's length at the
   * end); nothing older than the window's capacity before it is read, so the excerpt is the same
   * however the text was split (a run far longer than that shows its later part).
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
    if (to <= start) return '';
    if (to <= this.pieceOffset) return this.tail.slice(start, to);
    const inPiece = this.piece.slice(Math.max(0, start - this.pieceOffset), to - this.pieceOffset);
    return start < this.pieceOffset ? this.tail.slice(start, this.pieceOffset) + inPiece : inPiece;
  }

  reset(): void {
    this.tail.reset();
    this.piece = '';
    this.pieceOffset = 0;
  }
}
