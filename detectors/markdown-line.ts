/**
 * Line-level helpers shared by the table detectors: a per-character Markdown line tracker (code
 * fences, table rows, delimiter-only rows) and native-speed skipping to the units that matter. The
 * tracker works one UTF-16 unit at a time (or in bulk where that is provably the same), so what it
 * reports never depends on how the text was split into pieces; fence markers live in
 * markdown-fence.ts, evidence windows in stream-window.ts.
 */
import { backslashesBefore, isBlank, MarkdownFence } from './markdown-fence.js';

// Phases of markdown-fence.ts (keep equal), as local constants: imported ones measured slower.
const LEAD = 0;
const BODY = 3;

export { isBlank } from './markdown-fence.js';

const LF = 10;
const SPACE = 32;
const HYPHEN = 45;
const COLON = 58;
const BACKSLASH = 92;
const BACKTICK = 96;
const PIPE = 124;
const TILDE = 126;

/** True for a unit that opens a line's body and ends its chance of being a delimiter row or a fence. */
function isPlainStart(code: number): boolean {
  return code > COLON
    ? code !== PIPE && code !== BACKSLASH && code !== BACKTICK && code !== TILDE
    : code !== LF && code !== HYPHEN && code !== COLON && !isBlank(code);
}

/** What {@link MarkdownLineState.advance} says about a unit: a plain unit in a line's body. */
export const PLAIN = 1;
/** A space in a line's body. */
export const SPACE_UNIT = 2;
/** Any other unit: the tracker's state may have changed. */
export const OTHER_UNIT = 0;

/**
 * Tracks where a stream stands in its Markdown lines. Feed every UTF-16 unit except line feeds to
 * {@link advance}, and call {@link endLine} at each line feed; read the public fields in between.
 * Fences (``` and ~~~, at any indentation, so fences in list items count) switch table tracking
 * off: code is not a table. A table row is a line whose first non-blank character is `|`, or a line
 * with a `|` right after a table row (GFM rows may omit the leading pipe).
 */
export class MarkdownLineState extends MarkdownFence {
  /** Absolute offset where the current line starts. */
  lineStart = 0;
  /** 1-based number of the current line. */
  line = 1;
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

  /**
   * True when only line feeds, pipes and backslashes can change this tracker: the body of a line
   * that is no delimiter row, with no backslash pending. Callers may then jump to the next line
   * feed or pipe (a `StopScanner` from stream-window.ts) and report the jump with {@link skipped}.
   */
  get canSkip(): boolean {
    return this.phase === BODY && !this.escaped && !this.delimiterOnly;
  }

  /**
   * True when the current line can no longer become a table row: its body began, it is none, and
   * no pipe can make it one (it lies in a fence, or the line before was no table row).
   */
  get rowClosed(): boolean {
    return this.phase === BODY && !this.tableRow && (this.inFence || !this.previousTableRow);
  }

  /**
   * Take units of a line's body that were hyphens or {@link PLAIN}, as {@link advance} would one by
   * one: `hyphens` hyphens before the first plain unit, and `plain` when one came.
   */
  takeUnits(hyphens: number, plain: boolean): void {
    this.escaped = false;
    if (!this.delimiterOnly) return;
    this.hyphens += hyphens;
    if (plain) this.delimiterOnly = false;
  }

  /**
   * Count a pipe known to be unescaped without reading the units before it; callers that only
   * need to know whether a line has a pipe may skip the later ones (then `pipes` is a lower bound).
   */
  notePipe(): void {
    this.countPipe();
  }

  /** True while the current line holds nothing but indentation so far. */
  get atLineStart(): boolean {
    return this.phase === LEAD;
  }

  /** True while the body of the current line has begun (no indentation or fence marker pending). */
  get inBody(): boolean {
    return this.phase === BODY;
  }

  /**
   * At a line's start, from `index`: pass the indentation, and when the first unit after it is
   * plain (none of `| - : \\ ` ~`, no line feed) take it as {@link advance} would: the body begins
   * and the line is no delimiter row, so {@link canSkip} holds. Returns the index after that unit,
   * or else the index of the unit (or the piece's end) left for {@link advance}. Lets callers pass
   * the start of an ordinary line without a call per unit.
   */
  beginLine(piece: string, index: number): number {
    if (this.phase !== LEAD) return index;
    let at = index;
    let code = 0;
    for (; at < piece.length; at += 1) {
      code = piece.charCodeAt(at);
      if (!isBlank(code)) break;
    }
    if (at === piece.length || !isPlainStart(code)) return at;
    this.phase = BODY;
    this.leadingPipe = false;
    this.delimiterOnly = false;
    this.escaped = false;
    return at + 1;
  }

  /**
   * Account for the units from `from` to `to` (exclusive) of `piece`, skipped while
   * {@link canSkip} held and known to hold no line feed and no pipe: of all they could do, only
   * the escape a trailing odd run of backslashes leaves pending matters.
   */
  skipped(piece: string, from: number, to: number): void {
    this.escaped = (backslashesBefore(piece, from, to) & 1) === 1;
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
    } else if (this.phase !== BODY) this.stepMarker(code);
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
  }

  /**
   * Right after {@link endLine}: `count` more lines ended, none read, each known to hold no pipe and
   * to open no fence (so all {@link endLine} would do is count them); the next starts at `lineStart`.
   */
  passPlainLines(count: number, lineStart: number): void {
    this.previousTableRow = false;
    this.previousPipes = 0;
    this.lineStart = lineStart;
    this.line += count;
  }

  /** True when a line with an unescaped pipe here would continue the table above (no new table). */
  get continuesTable(): boolean {
    return this.previousTableRow && !this.inFence;
  }

  /**
   * Right after {@link endLine}, with the line not read: it was a row of the current table (its first
   * unit a pipe) and ended just before `lineStart`. Its pipes are not counted: `previousPipes`
   * becomes 1, a lower bound (only whether it is positive is known; table-padding never reads it).
   */
  passTableRow(lineStart: number): void {
    this.previousTableRow = true;
    this.previousPipes = 1;
    this.lineStart = lineStart;
    this.line += 1;
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
      this.startMarker(code);
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
}
