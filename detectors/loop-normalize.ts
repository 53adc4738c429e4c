import { isBulkUnit } from './loop-anchors.js';
import { hexValue, isBoxDrawing, isCloser, isLineBreak, isSpaceUnit, isTerminator } from './loop-chars.js';
import { type BlockKind, MarkdownContext } from './loop-markdown.js';

const BACKSLASH = 0x5c;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const TAB = 0x09;
const LETTER_U = 0x75;
/** Escape states: none, after a backslash, inside the four hex digits of `\uXXXX`. */
const NO_ESCAPE = 0;
const AFTER_BACKSLASH = 1;
const IN_UNICODE = 2;

/**
 * Normalises raw model text one UTF-16 unit at a time, so loops are measured on what the model
 * meant rather than on how it was rendered or pasted: every run of whitespace becomes one space
 * (terminal wraps and indents, padding), box-drawing characters are dropped (terminal panels),
 * and JSON string escapes are decoded (`\n`, `\r`, `\t` are whitespace, `\uXXXX` is its
 * character), so a loop inside a JSON string value looks like the same loop in prose. A space is
 * emitted only when the next visible character arrives, so trailing whitespace never counts.
 * State is a handful of fields: the output is the same however the text is split.
 */
export abstract class LoopNormalizer {
  /** The Markdown block of the current line (runs that pass line breaks move it on). */
  protected readonly markdown = new MarkdownContext();
  private pendingSpace = false;
  private spaceOffset = 0;
  private spaceBreaksLine = false;
  private lastCode = 0;
  private codeBefore = 0;
  private escape = NO_ESCAPE;
  private escapeOffset = 0;
  private hexCount = 0;
  private hexCode = 0;
  private readonly hexDigits = new Uint16Array(4);

  /**
   * Receives each normalised character with its original offset and Markdown block. `unitEnds`
   * is set on a collapsed space that ends a sentence or a line (a drift-unit boundary).
   */
  protected abstract take(code: number, offset: number, kind: BlockKind, unitEnds: boolean): void;

  /**
   * Receives a run of plain characters (see `isBulkUnit`) starting at `text[from]`, `base`
   * being the original offset of `text[0]`; takes as many as it likes (at least one) and
   * returns the index of the first character it did not take. It may also take the blanks and
   * line breaks between plain characters, as this class would, moving {@link markdown} on.
   */
  protected abstract takeRun(text: string, from: number, base: number, kind: BlockKind): number;

  /** Normalise one piece that starts at original offset `offset`. */
  protected normalize(text: string, offset: number): void {
    const markdown = this.markdown;
    let index = 0;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      // Fast path: plain ASCII inside a line, no escape pending, nothing for Markdown to see.
      if (this.escape === NO_ESCAPE && markdown.inBody && isBulkUnit(code)) {
        if (this.pendingSpace) this.flushSpace(markdown.kind);
        const stop = this.takeRun(text, index, offset, markdown.kind);
        // A `takeRun` that took nothing would stall the loop: the slow path takes that unit.
        if (stop > index) {
          this.noteRun(text, index, stop);
          index = stop;
          continue;
        }
      }
      // Most lines start with a character that opens no Markdown block: it starts the line's
      // body, and the fast path above takes it on the next turn.
      if (this.escape === NO_ESCAPE && markdown.startsBody(code)) continue;
      // Blanks and line breaks between lines and words go in one loop (see `skipBlanks`).
      if (code <= SPACE && this.escape === NO_ESCAPE && (markdown.inBody || markdown.atLineStart)) {
        const stop = this.skipBlanks(text, index, offset);
        if (stop > index) {
          index = stop;
          continue;
        }
      }
      if (this.escape !== NO_ESCAPE) this.stepEscape(code, offset + index);
      else if (code === BACKSLASH) {
        this.escape = AFTER_BACKSLASH;
        this.escapeOffset = offset + index;
      } else this.raw(code, offset + index);
      index += 1;
    }
  }

  /**
   * Pass the spaces, tabs and line breaks from `text[from]` on, as {@link raw} would one by one:
   * a blank only starts the pending space, a line break also starts a new Markdown line. Valid
   * while Markdown is in a line's body or at its start, where blanks change nothing else (and a
   * line break leaves it at the next line's start). One loop over a line break and the next
   * line's indentation, instead of a turn of the slow path per unit. Returns where the blanks end.
   */
  private skipBlanks(text: string, from: number, offset: number): number {
    let index = from;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === NEWLINE || code === RETURN) {
        this.markdown.step(code);
        this.space(offset + index, true);
      } else if (code === SPACE || code === TAB) {
        if (!this.pendingSpace) this.space(offset + index, false);
        // Indentation: the rest of a run of spaces changes nothing.
        while (index + 1 < text.length && text.charCodeAt(index + 1) === SPACE) index += 1;
      } else break;
      index += 1;
    }
    return index;
  }

  /**
   * Remember the last two visible characters of a run `text[from..stop)` (it ends on a visible
   * character; blanks and line breaks may sit between visible ones), as the slow path would.
   */
  private noteRun(text: string, from: number, stop: number): void {
    const last = stop - 1;
    let before = last - 1;
    while (before >= from && text.charCodeAt(before) <= SPACE) before -= 1;
    this.codeBefore = before >= from ? text.charCodeAt(before) : this.lastCode;
    this.lastCode = text.charCodeAt(last);
  }

  /** End of text: an unfinished escape is kept as the characters it was. */
  protected flush(): void {
    if (this.escape !== NO_ESCAPE) this.abandonEscape();
  }

  /** Forget everything. */
  protected resetNormalizer(): void {
    this.markdown.reset();
    this.pendingSpace = false;
    this.lastCode = 0;
    this.codeBefore = 0;
    this.escape = NO_ESCAPE;
  }

  /** One raw (or decoded) character: track Markdown, collapse whitespace, drop box-drawing. */
  private raw(code: number, offset: number): void {
    this.markdown.step(code);
    if (code <= SPACE || (code >= 0x85 && isSpaceUnit(code))) {
      this.space(offset, isLineBreak(code));
      return;
    }
    if (isBoxDrawing(code)) return;
    const kind = this.markdown.kind;
    if (this.pendingSpace) this.flushSpace(kind);
    this.take(code, offset, kind, false);
    this.codeBefore = this.lastCode;
    this.lastCode = code;
  }

  /**
   * Emit the collapsed space before a visible character (never before the first one). A space
   * that stands for a line break belongs to the line it ends and takes that line's final kind.
   */
  private flushSpace(kind: BlockKind): void {
    this.pendingSpace = false;
    if (this.lastCode === 0) return;
    if (this.spaceBreaksLine) this.take(SPACE, this.spaceOffset, this.markdown.endedKind, true);
    else this.take(SPACE, this.spaceOffset, kind, this.endsSentence());
  }

  private space(offset: number, breaksLine: boolean): void {
    if (!this.pendingSpace) {
      this.pendingSpace = true;
      this.spaceOffset = offset;
      this.spaceBreaksLine = breaksLine;
    } else if (breaksLine) {
      this.spaceBreaksLine = true;
    }
  }

  private endsSentence(): boolean {
    return isTerminator(this.lastCode) || (isCloser(this.lastCode) && isTerminator(this.codeBefore));
  }

  private stepEscape(code: number, offset: number): void {
    if (this.escape === IN_UNICODE) {
      const digit = hexValue(code);
      if (digit < 0) {
        this.abandonEscape();
        this.resume(code, offset);
        return;
      }
      this.hexDigits[this.hexCount] = code;
      this.hexCount += 1;
      this.hexCode = this.hexCode * 16 + digit;
      if (this.hexCount === 4) {
        this.escape = NO_ESCAPE;
        this.raw(this.hexCode, this.escapeOffset);
      }
      return;
    }
    this.escape = NO_ESCAPE;
    if (code === 0x6e || code === 0x72) {
      this.markdown.step(NEWLINE);
      this.space(this.escapeOffset, true);
    } else if (code === 0x74) {
      this.markdown.step(0x09);
      this.space(this.escapeOffset, false);
    } else if (code === LETTER_U) {
      this.escape = IN_UNICODE;
      this.hexCount = 0;
      this.hexCode = 0;
    } else {
      // `\\` is one literal backslash; any other escape keeps its backslash and goes on.
      this.raw(BACKSLASH, this.escapeOffset);
      if (code !== BACKSLASH) this.resume(code, offset);
    }
  }

  /** Emit an unfinished escape as the literal characters it consisted of. */
  private abandonEscape(): void {
    const at = this.escapeOffset;
    const unicode = this.escape === IN_UNICODE;
    this.escape = NO_ESCAPE;
    this.raw(BACKSLASH, at);
    if (!unicode) return;
    this.raw(LETTER_U, at + 1);
    for (let index = 0; index < this.hexCount; index += 1)
      this.raw(this.hexDigits[index] ?? 0, at + 2 + index);
  }

  /** Continue with `code` after an escape ended: it may itself start a new escape. */
  private resume(code: number, offset: number): void {
    if (code === BACKSLASH) {
      this.escape = AFTER_BACKSLASH;
      this.escapeOffset = offset;
    } else this.raw(code, offset);
  }
}
