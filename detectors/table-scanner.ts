/**
 * The scanning both table detectors share: a Markdown line tracker fed piece by piece, the evidence
 * window, and the native-speed skipping of stretches and whole lines that cannot change their state.
 * Each detector keeps its own scan loop and calls into one {@link TableScan}: shared code called
 * back from a common base class made the hot loop polymorphic when both detectors run (measured:
 * both on markdown 9.2 -> 11 ms/MB), while these calls always see the same classes. The units left
 * unread across pieces, and whole plain pieces, are handled in table-unread.ts.
 */
import type { GuardEvent } from '../src/events.js';
import { type Finding, NO_FINDINGS } from '../src/finding.js';
import type { DetectorContext } from '../src/registry.js';
import { UnreadLines } from './table-unread.js';

export { READ_UNREAD } from './table-unread.js';

const LF = 10;
const HYPHEN = 45;
/**
 * Longest hyphen run searched for natively in skipped stretches; a longer bar (options allow up to
 * 1e9) makes runs past this length tracked unit by unit instead: same findings, no giant pattern.
 */
const LONGEST_PATTERN = 1024;

/** Where the run of hyphens that ends `piece` starts, not before `from`; the length if none. */
export function runStart(piece: string, from: number): number {
  let at = piece.length;
  while (at > from && piece.charCodeAt(at - 1) === HYPHEN) at -= 1;
  return at;
}

/**
 * The state a table detector's scan loop shares: the lines and unread units (see `UnreadLines`),
 * the findings of the current call, and the skipping of stretches that cannot change the state.
 */
export class TableScan extends UnreadLines {
  candidate = 0;
  private found: Finding[] | undefined;
  /** True when hyphen runs matter in skipped stretches (a run bar was given). */
  private readonly runs: boolean;

  /** `runBar`: hyphens in one run that matter anywhere (0: none do); `meter` counts the work. */
  constructor(
    runBar: number,
    private readonly meter: DetectorContext['meter'],
  ) {
    super(
      runBar > 0 ? runBar : Number.POSITIVE_INFINITY,
      runBar > 0 ? '-'.repeat(Math.min(runBar, LONGEST_PATTERN)) : '',
    );
    this.runs = runBar > 0;
  }

  /** True when the event is text to scan; note its candidate. */
  accepts(event: GuardEvent): event is GuardEvent & { type: 'text-delta' } {
    if (event.type !== 'text-delta' || event.text === '') return false;
    this.candidate = event.candidate;
    return true;
  }

  /** True when unread units must be read before `offset`: the offsets have a gap. */
  gapAt(offset: number): boolean {
    return this.unread > 0 && offset !== this.position;
  }

  /** Before scanning `piece` (at `offset`): hold it for evidence, search it from now on. */
  enter(piece: string, offset: number): void {
    this.window.enter(piece, offset);
    this.stops.start(piece);
  }

  /** After scanning `piece`: keep it for evidence, count the work, return the findings. */
  leave(piece: string, offset: number): Finding[] {
    this.stops.release();
    this.window.leave();
    this.position = offset + piece.length;
    if (this.meter) this.meter.units += piece.length;
    return this.take();
  }

  /** Add a finding to what this push or end returns. */
  report(finding: Finding): void {
    if (this.found === undefined) this.found = [];
    this.found.push(finding);
  }

  /** The findings of this call, allocated only when there are some (most pushes have none). */
  take(): Finding[] {
    const found = this.found;
    if (found === undefined) return NO_FINDINGS;
    this.found = undefined;
    return found;
  }

  /** Forget everything, as for a new text. */
  reset(): void {
    this.resetLines();
    this.candidate = 0;
    this.found = undefined;
  }

  /**
   * From `from`, where the tracker may skip: the next unit that matters (a line feed, left for the
   * caller; a pipe; a hyphen run long enough for the bar, or one that reaches the piece's end and
   * may go on), or the piece's length. Settles the escape the skipped units leave pending.
   */
  skip(piece: string, from: number): number {
    const stops = this.stops;
    const stop = stops.find(from);
    if (stops.isLineFeed(stop)) return stop;
    const at = stop === piece.length && this.runs ? runStart(piece, from) : stop;
    this.lines.skipped(piece, from, at);
    return at;
  }

  /** True when the unit at `index` is a line feed: known without reading it when it was a stop. */
  atLineFeed(piece: string, index: number): boolean {
    return this.stops.isLineFeed(index) || piece.charCodeAt(index) === LF;
  }
}
