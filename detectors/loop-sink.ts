import type { BlockKind } from './loop-markdown.js';
import type { LoopLevel } from './loop-thresholds.js';

/** One loop a tracker wants reported; the channel turns it into a finding (or drops a duplicate). */
export interface LoopReport {
  readonly level: LoopLevel;
  /** Original offsets: where the first copy began, and one past the current character. */
  readonly start: number;
  readonly end: number;
  /** Period in normalised characters (exact) or distance between the last two copies (drift). */
  readonly period: number;
  readonly copies: number;
  readonly exact: boolean;
  /** One copy of the loop, normalised, at most 201 characters (clipped again by makeFinding). */
  readonly evidence: string;
}

/** Where trackers send reports. */
export interface LoopSink {
  report(report: LoopReport): void;
  /** A reported loop stopped at original offset `end`; later reports that adjoin it are the same loop. */
  loopEnded(level: LoopLevel, end: number): void;
}

/** Decides whether a proposal can be dropped inside a run (see `PeriodicTracker.drops`). */
export interface ProposalJudge {
  /** True when a proposal of `distance` at `position` would change nothing once verified. */
  drops(distance: number, position: number): boolean;
}

/** What a bulk run needs from its channel to pass a unit boundary (see `AnchorIndex.run`). */
export interface BoundaryHost {
  /** True when a unit may end inside the current run (see `LoopChannel.mayEndUnit`). */
  mayEndUnit(): boolean;
  /** A unit ended at the space just stored at `position`. */
  endUnit(position: number): void;
  /** The run passed a line break before a line that starts plain; returns the new line's kind. */
  breakLine(): BlockKind;
}
