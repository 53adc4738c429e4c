import { isBulkUnit, RUN_FREE } from './loop-anchors.js';
import { BoundaryAnchorIndex } from './loop-boundary.js';
import { CandidateSlots, MAX_CANDIDATES } from './loop-candidates.js';
import { BLOCK_CODE, BLOCK_TABLE, type BlockKind } from './loop-markdown.js';
import { type LoopRing, MIN_PROPOSAL_MATCH, RING_CAPACITY } from './loop-ring.js';
import type { BoundaryHost, LoopSink, ProposalJudge } from './loop-sink.js';

/**
 * Finds exact periodic stretches of the normalised text. The {@link AnchorIndex} proposes a
 * period in O(1) at each anchor; a proposal is verified by comparing characters backwards, and
 * then kept as a candidate checked with one comparison per character (s[i] === s[i - period])
 * until it breaks. Memory is fixed (the anchor table and {@link MAX_CANDIDATES} slots); work per
 * character is O(candidates), plus the verification of each proposal (counted in `work`).
 */
export class PeriodicTracker extends CandidateSlots implements ProposalJudge {
  private readonly anchors: BoundaryAnchorIndex;
  private readonly chars: Uint16Array;
  private readonly mask: number;
  /** Next position of the current run that {@link survives} has to compare; -1 once one differed. */
  private survivalChecked = 0;

  constructor(
    ring: LoopRing,
    private readonly maxPeriod: number,
    sink: LoopSink,
    host: BoundaryHost,
  ) {
    super(ring, sink);
    this.chars = ring.chars;
    this.mask = ring.mask;
    this.anchors = new BoundaryAnchorIndex(ring, maxPeriod, this, host);
  }

  /** True while no candidate is live: nothing waits to see the characters of a run. */
  get idle(): boolean {
    return this.active === 0;
  }

  /**
   * Take plain characters (see `isBulkUnit`) from `text[from]` on, with the unit boundaries
   * between them that a run passes, `base` being the original offset of `text[0]`; returns the
   * index of the first character not taken. They go in bulk runs; live candidates verify each
   * run afterwards.
   */
  takeRun(text: string, from: number, base: number, kind: BlockKind): number {
    const anchors = this.anchors;
    let index = from;
    let lineKind = kind;
    while (index < text.length) {
      const first = this.ring.count;
      this.survivalChecked = first;
      anchors.freeUntil = this.active === 0 ? RUN_FREE : first + this.untilCheck();
      const stop = anchors.sparse
        ? anchors.run(text, index, base, lineKind)
        : anchors.runDense(text, index, base, lineKind);
      // A run may pass line breaks: the characters after it belong to its last line.
      lineKind = anchors.kind;
      // Live candidates see the run afterwards, character by character in order, before the
      // anchor that stopped it proposes: the same sequence as taking each character alone.
      if (this.active !== 0) this.verifyStored(first);
      if (anchors.proposal !== 0) this.consider(anchors.proposal, this.ring.count - 1);
      if (stop > index) {
        index = stop;
        // The run stopped at a character the slow path must see: return without calling again.
        if (index < text.length && !isBulkUnit(text.charCodeAt(index))) break;
        continue;
      }
      const code = text.charCodeAt(index);
      if (!isBulkUnit(code)) break;
      this.take(code, base + index, lineKind);
      index += 1;
    }
    return index;
  }

  /**
   * {@link ProposalJudge}: true when a proposal of `distance` made inside a run at `position`
   * would be dropped by {@link propose} once the live candidates have seen the run: the ring
   * rejects it (whatever the candidates), or the one live candidate divides it and still holds
   * at `position` (checked here, once per character of the run).
   */
  drops(distance: number, position: number): boolean {
    if (this.ring.rejects(distance, position)) {
      this.done += 1;
      return true;
    }
    return this.active === 1 && distance % this.periods[0]! === 0 && this.survives(position);
  }

  /** True when the one live candidate's period repeats from the run's start through `position`. */
  private survives(position: number): boolean {
    const checked = this.survivalChecked;
    if (checked < 0) return false;
    const chars = this.chars;
    const mask = this.mask;
    const period = this.periods[0]!;
    let next = checked;
    while (next <= position && chars[next & mask] === chars[(next - period) & mask]) next += 1;
    this.done += next - checked;
    this.survivalChecked = next > position ? next : -1;
    return next > position;
  }

  /** Verify the live candidates against the characters stored from position `first` on. */
  private verifyStored(first: number): void {
    const { chars, kinds } = this.ring;
    const mask = this.mask;
    const end = this.ring.count;
    let position = first;
    while (position < end && this.active !== 0) {
      if (this.active === 1) {
        position = this.verifyOne(position, end);
        continue;
      }
      const slot = position & mask;
      this.verify(position, chars[slot]!, kinds[slot] as BlockKind);
      position += 1;
    }
  }

  /**
   * {@link verify} for the one live candidate (87% of the verified characters of legit JSON),
   * from `from` until the repetition breaks, the candidate is due for a check, or `end`. Returns
   * the next position to verify.
   */
  private verifyOne(from: number, end: number): number {
    const { chars, kinds } = this.ring;
    const mask = this.mask;
    const period = this.periods[0]!;
    const due = this.nextCheck[0]!;
    let repeated = this.repeated[0]!;
    let table = 0;
    let code = 0;
    let position = from;
    let stop = 0;
    for (; position < end; position += 1) {
      const slot = position & mask;
      if (chars[(position - period) & mask] !== chars[slot]) {
        stop = 1;
        break;
      }
      repeated += 1;
      const kind = kinds[slot];
      if (kind === BLOCK_TABLE) table += 1;
      else if (kind === BLOCK_CODE) code += 1;
      if (repeated >= due) {
        stop = 2;
        break;
      }
    }
    this.repeated[0] = repeated;
    this.tableChars[0]! += table;
    this.codeChars[0]! += code;
    this.done += position - from + (stop === 2 ? 1 : 0);
    if (stop === 0) return position;
    if (stop === 1) this.remove(0, position);
    else this.check(0, position);
    return position + 1;
  }

  /** Units of work done (characters compared), for the linear-work meter. */
  get work(): number {
    return this.done;
  }

  /** Take one normalised character. */
  take(code: number, offset: number, kind: BlockKind): void {
    // The ring store is inlined: this runs for every character while a candidate is live.
    const ring = this.ring;
    const position = ring.count;
    const slot = position & this.mask;
    this.chars[slot] = code;
    ring.offsets[slot] = offset;
    ring.kinds[slot] = kind;
    ring.count = position + 1;
    if (this.active !== 0) this.verify(position, code, kind);
    const distance = this.anchors.step(position, code);
    if (distance !== 0) this.consider(distance, position);
  }

  private consider(distance: number, position: number): void {
    if (distance !== 0 && distance <= this.maxPeriod && distance <= position)
      this.propose(distance, position);
  }

  /** Extend each live candidate by one character, or drop it where the repetition breaks. */
  private verify(position: number, code: number, kind: BlockKind): void {
    const chars = this.chars;
    const mask = this.mask;
    const periods = this.periods;
    const repeatedBy = this.repeated;
    let slot = 0;
    while (slot < this.active) {
      if (chars[(position - periods[slot]!) & mask] === code) {
        // Extend the candidate by one character (`kind` is the block of the character just stored).
        const repeated = repeatedBy[slot]! + 1;
        repeatedBy[slot] = repeated;
        if (kind === BLOCK_TABLE) this.tableChars[slot]! += 1;
        else if (kind === BLOCK_CODE) this.codeChars[slot]! += 1;
        if (repeated >= this.nextCheck[slot]!) this.check(slot, position);
        slot += 1;
      } else {
        this.remove(slot, position);
      }
    }
    this.done += this.active;
  }

  /** Forget everything. */
  reset(): void {
    this.anchors.reset();
    this.active = 0;
    this.done = 0;
  }

  /** A window repeats at `distance`: verify it and start tracking that period. */
  private propose(distance: number, position: number): void {
    for (let slot = 0; slot < this.active; slot += 1) if (distance % (this.periods[slot] ?? 1) === 0) return;
    const chars = this.ring.chars;
    const kinds = this.ring.kinds;
    const mask = this.ring.mask;
    if (this.ring.rejects(distance, position)) {
      this.done += 1;
      return;
    }
    const limit = Math.min(position - distance + 1, RING_CAPACITY - 1 - distance);
    let matched = 0;
    let table = 0;
    let code = 0;
    while (
      matched < limit &&
      chars[(position - matched) & mask] === chars[(position - distance - matched) & mask]
    ) {
      const kind = kinds[(position - matched) & mask];
      if (kind === BLOCK_TABLE) table += 1;
      else if (kind === BLOCK_CODE) code += 1;
      matched += 1;
    }
    this.done += matched + 1;
    if (matched < MIN_PROPOSAL_MATCH) return;
    const slot = this.freeSlot(matched);
    if (slot < 0) return;
    this.open(slot, distance, matched, table, code, position);
  }
}
