/**
 * The fence half of the Markdown line tracker (markdown-line.ts extends it): where the tracker is
 * in the current line (indentation, a fence marker, the body), the escape a backslash leaves
 * pending, and the code fences that marker lines open and close. Split out for size; one object
 * still holds all the state, so the hot paths load no other.
 */
const TAB = 9;
const CR = 13;
const SPACE = 32;
const BACKSLASH = 92;
const BACKTICK = 96;

/** CommonMark: a fence marker is a run of at least three backticks or tildes. */
const FENCE_MIN = 3;

/** Where the tracker is inside the current line (markdown-line.ts repeats `LEAD` and `BODY`). */
const LEAD = 0; // ^   |a|  only indentation so far
const MARKER = 1; // ^``` a run of backticks or tildes opened the line
const MARKER_REST = 2; // ```js^ after a marker of three or more
const BODY = 3; // |a^| anything else

/** True for the blanks a Markdown line may carry anywhere: space, tab, carriage return. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR;
}

/** Backslashes right before `end` in `piece`, not counting any before `from`. */
export function backslashesBefore(piece: string, from: number, end: number): number {
  let at = end;
  while (at > from && piece.charCodeAt(at - 1) === BACKSLASH) at -= 1;
  return end - at;
}

/** Fence markers and code fences of a Markdown stream; see `MarkdownLineState`. */
export class MarkdownFence {
  /** True while the current line lies inside a fenced code block (closing fence line included). */
  inFence = false;
  /** A `LEAD`, `MARKER`, `MARKER_REST` or `BODY` constant. */
  protected phase = LEAD;
  /** True when a backslash just read escapes the next unit. */
  protected escaped = false;
  private markerChar = 0;
  private markerLength = 0;
  private markerRestBlank = true;
  private markerRestBacktick = false;
  private fenceChar = 0;
  private fenceLength = 0;

  /** True while the current line opened with a run of backticks or tildes (a fence marker, maybe). */
  get inMarker(): boolean {
    return this.phase === MARKER || this.phase === MARKER_REST;
  }

  /**
   * In a fence marker line (see {@link inMarker}), take the units from `at` to `end` (exclusive),
   * known to hold no line feed and no pipe, as `advance` would one by one. Returns `end`.
   */
  passMarker(piece: string, at: number, end: number): number {
    let index = at;
    if (this.phase === MARKER) {
      const marker = this.markerChar;
      while (index < end && piece.charCodeAt(index) === marker) index += 1;
      this.markerLength += index - at;
      if (index === end) return this.settleEscape(piece, at, end);
      // Shorter than a fence: an ordinary line (inline code), already no delimiter row.
      this.phase = this.markerLength >= FENCE_MIN ? MARKER_REST : BODY;
    }
    if (this.phase === MARKER_REST) {
      for (; index < end; index += 1) {
        const code = piece.charCodeAt(index);
        if (!isBlank(code)) this.markerRestBlank = false;
        if (code === BACKTICK) this.markerRestBacktick = true;
      }
    }
    return this.settleEscape(piece, at, end);
  }

  /** After the units from `at` to `end` (no pipe among them): the escape they leave pending. Returns `end`. */
  protected settleEscape(piece: string, at: number, end: number): number {
    const run = backslashesBefore(piece, at, end);
    const odd = (run & 1) === 1;
    this.escaped = run === end - at ? this.escaped !== odd : odd;
    return end;
  }

  /** The first unit of a line's body is a backtick or tilde: a fence marker begins. */
  protected startMarker(code: number): void {
    this.phase = MARKER;
    this.markerChar = code;
    this.markerLength = 1;
    this.markerRestBlank = true;
    this.markerRestBacktick = false;
  }

  /** One unit of a marker line, as `advance` takes it (the marker run, then what follows it). */
  protected stepMarker(code: number): void {
    if (this.phase === MARKER) {
      if (code !== this.markerChar) this.phase = this.markerLength >= FENCE_MIN ? MARKER_REST : BODY;
      else this.markerLength += 1;
    }
    if (this.phase === MARKER_REST) {
      if (!isBlank(code)) this.markerRestBlank = false;
      if (code === BACKTICK) this.markerRestBacktick = true;
    }
  }

  /** At a line end: open or close a fence when the line was a fence marker; then a new line begins. */
  protected closeFence(): void {
    const length = this.markerLength;
    const marker = (this.phase === MARKER || this.phase === MARKER_REST) && length >= FENCE_MIN;
    this.phase = LEAD;
    this.escaped = false;
    this.markerLength = 0;
    if (!marker) return;
    if (!this.inFence) {
      // CommonMark: a backtick fence's info string may not contain backticks (that is inline code).
      if (this.markerChar === BACKTICK && this.markerRestBacktick) return;
      this.inFence = true;
      this.fenceChar = this.markerChar;
      this.fenceLength = length;
    } else if (this.markerChar === this.fenceChar && length >= this.fenceLength && this.markerRestBlank) {
      this.inFence = false;
    }
  }
}
