/**
 * Padding runs inside a table row, for the `table-padding` detector: runs of one repeated short
 * token (the current token, hashed as it grows and never copied, and the group of equal tokens it
 * may extend), the fast pass over padding spaces, and the words of its findings. Split from
 * table-padding.ts, which decides when a run is reported.
 */

/**
 * Longest token that counts as padding, in UTF-16 units: covers `&nbsp;` (6), `&#160;` (6),
 * `<br/>` (5) and short words; longer repeats are the text-loop detector's business.
 */
export const MAX_TOKEN = 16;
/**
 * A token must repeat at least 4 times to count: legit tables repeat a value across two or three
 * cells (`| string | string |`) with wide padding between them.
 */
export const MIN_REPEATS = 4;

/** What {@link TokenRuns.close} says: the token extended its group and no new bar was crossed. */
export const GROUP_GREW = 0;
/** The group crossed the warn bar for the first time. */
export const GROUP_WARN = 1;
/** The group crossed the abort bar for the first time. */
export const GROUP_ABORT = 2;
/** The token differs from the group: the group ended at {@link TokenRuns.brokenEnd}, a new one began. */
export const GROUP_BROKE = -1;

/**
 * The token being read and the run of equal tokens before it. Equal means same length and same
 * 32-bit hash: a collision could only merge two different short tokens into one padding run.
 */
export class TokenRuns {
  /** Units in the open token; 0 when none is open. */
  length = 0;
  /** Where the open (or last closed) token starts. */
  start = 0;
  /** Tokens in the current group; 0 when the last token was too long to count. */
  count = 0;
  /** Where the current group starts and ends (exclusive). */
  groupStart = 0;
  groupEnd = 0;
  /** Where the group that the last {@link GROUP_BROKE} ended had ended. */
  brokenEnd = 0;
  private hash = 0;
  private groupLength = 0;
  private groupHash = 0;
  /** The highest bar the group has been reported for: 0, {@link GROUP_WARN} or {@link GROUP_ABORT}. */
  private flagged = 0;

  constructor(
    private readonly warnRepeat: number,
    private readonly abortRepeat: number,
  ) {}

  /** Add a unit that belongs to a token (no blank, no pipe) at `position`. */
  add(code: number, position: number): void {
    if (this.length === 0) {
      this.start = position;
      this.hash = 0;
    }
    this.length += 1;
    this.hash = (Math.imul(this.hash, 31) + code) | 0;
  }

  /**
   * Close the open token at `end` (exclusive) and say what it did to its group: a `GROUP_`
   * constant. A warn or abort is only a candidate: call {@link flag} when it is reported, since
   * rows that cannot be padding never report one.
   */
  close(end: number): number {
    const length = this.length;
    this.length = 0;
    if (this.count === 0 || length !== this.groupLength || this.hash !== this.groupHash) {
      this.brokenEnd = this.groupEnd;
      this.count = length > MAX_TOKEN ? 0 : 1;
      this.groupLength = length;
      this.groupHash = this.hash;
      this.groupStart = this.start;
      this.groupEnd = end;
      this.flagged = 0;
      return GROUP_BROKE;
    }
    this.count += 1;
    this.groupEnd = end;
    const span = end - this.groupStart;
    const level = span >= this.abortRepeat ? GROUP_ABORT : span >= this.warnRepeat ? GROUP_WARN : 0;
    return level > this.flagged && this.count >= MIN_REPEATS ? level : GROUP_GREW;
  }

  /** The group was reported at `level`: report it again only for a higher bar. */
  flag(level: number): void {
    this.flagged = level;
  }

  /** Forget the open token and the group, as at a line end. */
  clear(): void {
    this.length = 0;
    this.count = 0;
  }
}

/** The kinds of padding run a finding names. */
export type Kind = 'spaces' | 'repeated-character' | 'repeated-token' | 'empty-cells';

/** A padded run as a finding reports it; `now` is the unit being scanned when it is reported. */
export interface Hit {
  kind: Kind;
  start: number;
  end: number;
  now: number;
  length: number;
  token: string;
  /** The table cell the run lay in when it crossed the bar. */
  cell: number;
}

const WARN_ADVICE = 'send the table rules (one space around each cell) with the next request.';

/** The message of a padding finding: a `warn` gives advice, an `abort` says the output is lost. */
export function paddingMessage(severity: 'warn' | 'abort', { kind, length, token }: Hit): string {
  let what: string;
  if (kind === 'spaces') what = `A table row is padded with ${length} spaces`;
  else if (kind === 'empty-cells') what = `A table row is padded with ${length} empty cells`;
  else what = `A table row is padded with ${JSON.stringify(token)} repeated over ${length} characters`;
  return severity === 'warn'
    ? `${what} to line up columns; ${WARN_ADVICE}`
    : `${what} and still growing; the output is degenerate.`;
}

/**
 * Inside a run of `run` spaces in a table row: the index where the spaces from `index` on stop, or
 * where the next would bring the run to a bar (`warnSpaces` or `abortSpaces`), whichever is first.
 * The spaces before it only grow the run, so the caller passes them without tracking each.
 */
export function passSpaces(
  piece: string,
  index: number,
  run: number,
  warnSpaces: number,
  abortSpaces: number,
): number {
  const bar = run < warnSpaces ? warnSpaces : run < abortSpaces ? abortSpaces : Number.POSITIVE_INFINITY;
  // The space that would make the run reach `bar` is left to the full tracking.
  const end = Math.min(piece.length, index + (bar - run - 1));
  let at = index;
  while (at < end && piece.charCodeAt(at) === 32) at += 1;
  return at;
}
