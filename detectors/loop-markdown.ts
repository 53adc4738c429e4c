import { isBoxDrawing, isDigitUnit, isLineBreak } from './loop-chars.js';

/** Where a character sits in Markdown: loops are judged with different bars in each. */
export type BlockKind = 0 | 1 | 2 | 3;
/** Ordinary text (also quoted text and terminal-indented text). */
export const BLOCK_PROSE = 0;
/** A list item line (`- `, `* `, `+ `, `1. `, `1) `). */
export const BLOCK_LIST = 1;
/** A table row: starts with `|`, or has enough cell separators. */
export const BLOCK_TABLE = 2;
/** Inside a code fence, fence lines included. */
export const BLOCK_CODE = 3;

/**
 * A line that does not start with `|` becomes a table row at its third cell separator (`|` or a
 * box-drawing character). Why three: TUI panels put prose between two box borders per line
 * (degenerate/014 has exactly two per line and is prose), while nushell's box tables in
 * legit-docs have a separator between every pair of cells.
 */
export const TABLE_MIN_SEPARATORS = 3;

/** A code fence is three or more backticks or tildes at the start of a line (CommonMark). */
const FENCE_RUN = 3;

// Where the tracker is within the current line.
const AT_START = 0;
const IN_BULLET = 1;
const IN_ORDERED = 2;
const AFTER_ORDERED = 3;
const IN_FENCE_RUN = 4;
const IN_BODY = 5;

const BACKTICK = 0x60;
const TILDE = 0x7e;
const PIPE = 0x7c;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE_MARK = 0x3e;

/**
 * Tracks the Markdown block of the current line from raw characters, one at a time: code fences
 * (toggle on a line starting with three backticks or tildes), table rows, list items (`- `, `* `,
 * `+ `, `1. `, `1) `) and prose. Leading spaces and `>` quote markers are skipped, so terminal
 * indents and quoted pastes classify like the text they hold. O(1) per character, no buffer.
 */
export class MarkdownContext {
  /** The block kind of the current line, as far as it is known. */
  kind: BlockKind = BLOCK_PROSE;
  /**
   * True once the line's start (indent, quote markers, fence, bullet) is behind: then only `|`,
   * box-drawing and line breaks matter, and callers may skip {@link step} for other characters.
   */
  inBody = false;
  /** True while only indentation and quote markers have been seen on the current line. */
  atLineStart = true;
  /**
   * The final block kind of the last line that had content: a line becomes a table row only at
   * its third separator, often its last character, so what ends a line is judged by this.
   */
  endedKind: BlockKind = BLOCK_PROSE;
  private state = AT_START;
  private inFence = false;
  private fenceChar = 0;
  private runChar = 0;
  private run = 0;
  private separators = 0;

  /** Feed one raw UTF-16 unit. */
  step(code: number): void {
    if (this.inBody) {
      if (code === PIPE || isBoxDrawing(code)) this.countSeparator();
      else if (isLineBreak(code)) this.newLine();
      return;
    }
    if (isLineBreak(code)) {
      this.newLine();
      return;
    }
    this.stepLineStart(code);
  }

  /**
   * At a line's start, take a first visible unit that opens no Markdown block (no quote marker,
   * fence, bullet, number or pipe): the line's body begins with it, exactly as {@link step}
   * would do. Returns false, changing nothing, for any other unit or state. Lets the caller put
   * the first character of most lines on its bulk path.
   */
  startsBody(code: number): boolean {
    if (!this.atLineStart || !isPlainStarter(code)) return false;
    this.atLineStart = false;
    this.toBody();
    return true;
  }

  /**
   * A line break in a line's body, with any blank lines and indentation after it, followed by a
   * unit that {@link startsBody} takes: the same as stepping the break, the blanks and that unit.
   * Returns the new line's kind. Lets a bulk run go on through the line breaks of prose and JSON.
   */
  breakToBody(): BlockKind {
    this.newLine();
    this.atLineStart = false;
    this.toBody();
    return this.kind;
  }

  /** Forget everything (a new text). */
  reset(): void {
    this.kind = BLOCK_PROSE;
    this.endedKind = BLOCK_PROSE;
    this.state = AT_START;
    this.inBody = false;
    this.atLineStart = true;
    this.inFence = false;
    this.fenceChar = 0;
    this.runChar = 0;
    this.run = 0;
    this.separators = 0;
  }

  private newLine(): void {
    if (!this.atLineStart) this.endedKind = this.kind;
    this.state = AT_START;
    this.inBody = false;
    this.atLineStart = true;
    this.kind = this.inFence ? BLOCK_CODE : BLOCK_PROSE;
    this.separators = 0;
    this.run = 0;
  }

  private toBody(): void {
    this.state = IN_BODY;
    this.inBody = true;
  }

  private countSeparator(): void {
    this.separators += 1;
    if (this.separators >= TABLE_MIN_SEPARATORS && this.kind === BLOCK_PROSE) this.kind = BLOCK_TABLE;
  }

  /** The first characters of a line: indentation, quote markers, fences, bullets. */
  private stepLineStart(code: number): void {
    switch (this.state) {
      case AT_START:
        this.stepFirst(code);
        return;
      case IN_FENCE_RUN:
        this.stepFence(code);
        return;
      case IN_BULLET:
        if ((code === SPACE || code === TAB) && !this.inFence) this.kind = BLOCK_LIST;
        this.toBody();
        return;
      case IN_ORDERED:
        if (code === 0x2e || code === 0x29) this.state = AFTER_ORDERED;
        else if (!isDigitUnit(code)) this.toBody();
        return;
      default:
        if ((code === SPACE || code === TAB) && !this.inFence) this.kind = BLOCK_LIST;
        this.toBody();
    }
  }

  private stepFirst(code: number): void {
    if (code === SPACE || code === TAB || code === QUOTE_MARK) return;
    this.atLineStart = false;
    if (code === BACKTICK || code === TILDE) {
      this.runChar = code;
      this.run = 1;
      this.state = IN_FENCE_RUN;
      return;
    }
    if (!this.inFence && (code === 0x2d || code === 0x2a || code === 0x2b)) this.state = IN_BULLET;
    else if (!this.inFence && isDigitUnit(code)) this.state = IN_ORDERED;
    else {
      this.toBody();
      if (this.inFence) return;
      if (code === PIPE) {
        this.kind = BLOCK_TABLE;
        this.separators = 1;
      } else if (isBoxDrawing(code)) this.countSeparator();
    }
  }

  private stepFence(code: number): void {
    if (code !== this.runChar) {
      this.toBody();
      if (code === PIPE || isBoxDrawing(code)) this.countSeparator();
      return;
    }
    this.run += 1;
    if (this.run !== FENCE_RUN) return;
    if (!this.inFence) {
      this.inFence = true;
      this.fenceChar = code;
      this.kind = BLOCK_CODE;
    } else if (code === this.fenceChar) {
      this.inFence = false;
    }
  }
}

/** A visible ASCII unit (not `\\` or `|`) that starts no quote, fence, list item or table row. */
export function isPlainStarter(code: number): boolean {
  if (code <= SPACE || code >= 0x7f || code === PIPE || code === 0x5c) return false;
  if (isDigitUnit(code)) return false;
  return (
    code !== QUOTE_MARK &&
    code !== BACKTICK &&
    code !== TILDE &&
    code !== 0x2d &&
    code !== 0x2a &&
    code !== 0x2b
  );
}
