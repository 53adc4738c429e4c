import type { TextChannel } from '../src/events.js';
import type { Finding } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { DriftTracker } from './loop-drift.js';
import type { BlockKind } from './loop-markdown.js';
import { LoopNormalizer } from './loop-normalize.js';
import { PeriodicTracker } from './loop-periodic.js';
import { LoopRing } from './loop-ring.js';
import type { BoundaryHost, LoopReport, LoopSink } from './loop-sink.js';
import { LEVEL_ABORT, type LoopLevel } from './loop-thresholds.js';
import { makeFinding } from './support.js';

/** What a channel needs besides its text. */
export interface LoopChannelSettings {
  readonly channel: TextChannel;
  readonly maxPeriod: number;
  readonly drift: boolean;
  readonly remediations: readonly RemediationId[];
}

/**
 * The text-loop state of one channel (answer text or thought text) of one candidate: the
 * normaliser feeds a fixed ring of normalised characters, and each character goes to the exact
 * (periodic) tracker; unit boundaries go to the drift tracker. Reports become findings here, once
 * per loop and level: a report that overlaps a loop already reported at that level (still running,
 * or ended less than one period before it starts) is the same loop and is dropped.
 */
export class LoopChannel extends LoopNormalizer implements LoopSink, BoundaryHost {
  private readonly ring = new LoopRing();
  private readonly periodic: PeriodicTracker;
  private readonly drift: DriftTracker;
  private candidate = 0;
  private read = 0;
  private out: Finding[] = [];
  /** Original offset where the last reported loop of each level ended. */
  private readonly ended = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];

  constructor(private readonly settings: LoopChannelSettings) {
    super();
    this.periodic = new PeriodicTracker(this.ring, settings.maxPeriod, this, this);
    this.drift = new DriftTracker(this.ring, this);
  }

  /** Units of work done so far (characters read and compared), for the linear-work meter. */
  get work(): number {
    return this.read + this.periodic.work + this.drift.work;
  }

  /** Feed one piece that starts at original offset `offset`; findings are appended to `out`. */
  feed(text: string, offset: number, candidate: number, out: Finding[]): void {
    this.out = out;
    this.candidate = candidate;
    this.read += text.length;
    this.normalize(text, offset);
  }

  /** End of the text: flush an unfinished escape and the last unit. */
  finish(candidate: number, out: Finding[]): void {
    this.out = out;
    this.candidate = candidate;
    this.flush();
    if (this.settings.drift) this.drift.endUnit(this.ring.count);
  }

  /** Forget everything. */
  reset(): void {
    this.read = 0;
    this.ring.reset();
    this.resetNormalizer();
    this.periodic.reset();
    this.drift.reset();
    this.ended.fill(Number.NEGATIVE_INFINITY);
  }

  /** Store one normalised character and let the trackers see it. */
  protected take(code: number, offset: number, kind: BlockKind, unitEnds: boolean): void {
    this.periodic.take(code, offset, kind);
    if (unitEnds && this.settings.drift) this.drift.endUnit(this.ring.count - 1);
  }

  /**
   * {@link BoundaryHost}: a unit may end inside a run unless the drift tracker could report
   * there while live candidates have not yet seen the run: a report's order against theirs, and
   * the duplicate check of {@link report}, must stay those of one character at a time.
   */
  mayEndUnit(): boolean {
    return !this.settings.drift || this.periodic.idle || this.drift.quiet;
  }

  /** {@link BoundaryHost}: a unit ended at the space just stored at `position`. */
  endUnit(position: number): void {
    if (this.settings.drift) this.drift.endUnit(position);
  }

  /** {@link BoundaryHost}: a run passed a line break. */
  breakLine(): BlockKind {
    return this.markdown.breakToBody();
  }

  /** Store a run of plain characters in bulk. */
  protected takeRun(text: string, from: number, base: number, kind: BlockKind): number {
    return this.periodic.takeRun(text, from, base, kind);
  }

  /** {@link LoopSink}: turn a tracker's report into a finding unless it repeats a reported loop. */
  report(report: LoopReport): void {
    const level = report.level;
    const previousEnd = this.ended[level] ?? 0;
    this.ended[level] = Math.max(previousEnd, report.end);
    const running = this.periodic.hasLiveReport(level) || this.drift.hasLiveReport(level);
    if (running || report.start < previousEnd + report.period) return;
    this.out.push(this.toFinding(report));
  }

  /** {@link LoopSink}: a reported loop ended here. */
  loopEnded(level: LoopLevel, end: number): void {
    for (let each = 1; each <= level; each += 1) this.ended[each] = Math.max(this.ended[each] ?? 0, end);
  }

  private toFinding(report: LoopReport): Finding {
    const channel = this.settings.channel;
    const where = channel === 'thought' ? 'The thought text' : 'The answer text';
    const copies = Math.floor(report.copies * 10) / 10;
    const message = report.exact
      ? `${where} repeats a ${report.period}-character passage ${copies} times in a row.`
      : `${where} repeats one sentence ${copies} times in a row, changing only a word or two each time.`;
    return makeFinding({
      detector: 'text-loop',
      severity: report.level === LEVEL_ABORT ? 'abort' : 'warn',
      message: report.level === LEVEL_ABORT ? message : `${message} It may be a loop.`,
      candidate: this.candidate,
      channel,
      start: report.start,
      end: report.end,
      evidence: report.evidence,
      remediations: this.settings.remediations,
      data: { period: report.period, copies, exact: report.exact, channel },
    });
  }
}
