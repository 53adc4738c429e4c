/**
 * The per-channel `newline-flood` state machine, scanning half: it walks each piece unit by unit in
 * principle, but jumps with native searches over the units that cannot change any state, and
 * passes a line break that starts a run too short to ever report in one tight loop. Runs and
 * findings live in flood-runs.ts, the lexical state in json-string-state.ts.
 */
import type { TextChannel } from '../src/events.js';
import { type FloodBars, FloodRuns, LAYOUT, PROSE } from './flood-runs.js';
import {
  MODE_PROSE,
  MODE_STRUCTURED,
  nextRareUnit,
  rawUnit,
  stringStop,
  trailingSpaces,
  UNIT_BLANK,
  UNIT_ESCAPE_PENDING,
  UNIT_OTHER,
} from './json-string-state.js';

export { type FloodBars, NEWLINE_FLOOD_ID } from './flood-runs.js';

// Events of the JSON scan, by row (inside a string, or between tokens) and ASCII unit.
const EVENT_NONE = 0;
const EVENT_QUOTE = 1;
const EVENT_OPEN = 2;
const EVENT_CLOSE = 3;
/** A line feed between tokens: maybe a run too short to report. */
const EVENT_BREAK = 4;
/** A unit left to the unit by unit path. */
const EVENT_STOP = 5;
const STRING_ROW = 0;
const LAYOUT_ROW = 128;

function jsonEvents(): Uint8Array {
  const events = new Uint8Array(256);
  for (const unit of '\n\r\t\\') events[STRING_ROW + unit.charCodeAt(0)] = EVENT_STOP;
  for (const unit of '\r\t') events[LAYOUT_ROW + unit.charCodeAt(0)] = EVENT_STOP;
  for (const unit of '{[') events[LAYOUT_ROW + unit.charCodeAt(0)] = EVENT_OPEN;
  for (const unit of '}]') events[LAYOUT_ROW + unit.charCodeAt(0)] = EVENT_CLOSE;
  events[STRING_ROW + 34] = EVENT_QUOTE;
  events[LAYOUT_ROW + 34] = EVENT_QUOTE;
  events[LAYOUT_ROW + 10] = EVENT_BREAK;
  return events;
}

/** What each ASCII unit means to the JSON scan, inside a string (row 0) or between tokens (row 128). */
const JSON_EVENTS = jsonEvents();

/** One channel's state: how its units classify, the current blank stretch and its counts. */
export class FloodTracker extends FloodRuns {
  private position = 0;
  /** Next line feed in the current piece at or after the last search, the piece's length if none; -1 before any. */
  private nextLineFeed = -1;
  /** The same for the next backslash, carriage return or tab (see `nextRareUnit`). */
  private nextRare = -1;
  /** Line breaks a run may hold and still never report, in prose and between JSON tokens. */
  private readonly quietBreaks: Int32Array;

  constructor(settings: FloodBars, channel: TextChannel, initialMode: number) {
    super(settings, channel, initialMode);
    this.quietBreaks = Int32Array.of(this.warnBars[PROSE]! - 1, this.warnBars[LAYOUT]! - 1);
  }

  /** Read one piece, which starts at absolute offset `offset`; findings wait in {@link takeFindings}. */
  scan(piece: string, offset: number, candidate: number): void {
    this.window.enter(piece, offset);
    this.candidate = candidate;
    this.nextLineFeed = -1;
    this.nextRare = -1;
    const length = piece.length;
    let index = 0;
    while (index < length) {
      if (this.pendingEscape < 0) {
        if (this.blankStart < 0) index = this.quiet(piece, index, offset);
        index = this.blanks(piece, index, offset);
        if (index === length) break;
      }
      this.unit(piece, index, offset);
      index += 1;
    }
    this.window.leave();
    this.position = offset + length;
  }

  /** The text ended: close the open stretch, if any; findings wait in {@link takeFindings}. */
  finish(candidate: number): void {
    this.candidate = candidate;
    if (this.blankStart >= 0) this.closeStretch(this.pendingEscape >= 0 ? this.pendingEscape : this.position);
    this.pendingEscape = -1;
  }

  /** Forget everything, as for a new text. */
  reset(): void {
    this.resetLexer();
    this.resetRuns();
    this.position = 0;
  }

  /**
   * Outside a blank stretch, no escape pending: jump from `index` to the next unit that can matter,
   * opening the stretch that a run of spaces right before it starts, as unit by unit scanning
   * would have. Returns `index` itself when every unit matters here.
   */
  private quiet(piece: string, index: number, offset: number): number {
    if (this.mode === MODE_PROSE) return this.quietProse(piece, index, offset);
    if (this.mode === MODE_STRUCTURED && this.opening === 0) return this.quietJson(piece, index, offset);
    return index;
  }

  /**
   * Prose: only line breaks, tabs and backslashes matter, found with cached `indexOf` (measured on
   * 64-unit pieces: about 10 ns a call, against 2.4 ns a unit for a `charCodeAt` loop on sliced
   * strings). The three rare stops cost one search each per piece; the line feeds one each.
   */
  private quietProse(piece: string, index: number, offset: number): number {
    let from = index;
    for (;;) {
      const lf = this.lineFeedAt(piece, from);
      const stop = this.rareAt(piece, from);
      if (lf >= stop) return this.openBefore(piece, from, stop, offset);
      const end = this.quietRun(piece, lf, offset, this.quietBreaks[0]!);
      if (end < 0) return this.openBefore(piece, from, lf, offset);
      from = end;
    }
  }

  /**
   * Structured and decided: inside a string only line breaks, tabs, backslashes and the closing
   * quote matter; inside a container only line breaks, tabs, quotes and brackets. At depth 0 every
   * unit does. One `charCodeAt` loop over both rows of {@link JSON_EVENTS}, state in locals, but
   * string bodies in a tighter loop of their own (`stringStop`): JSON stops are too close for
   * native searches to pay (measured on legit/ JSON in 64-unit pieces: 5.3 ms/MB with the table
   * alone, 5.8 with `indexOf` over string bodies, 5.6 with separate table-driven string and layout
   * scans; the later `stringStop` loop, three comparisons a unit, took 4.3 to 3.7).
   */
  private quietJson(piece: string, index: number, offset: number): number {
    let depth = this.depth;
    let row = this.inString ? STRING_ROW : LAYOUT_ROW;
    if (row === LAYOUT_ROW && depth === 0) return index;
    const length = piece.length;
    let at = row === STRING_ROW ? stringStop(piece, index) : index;
    // Where the scan stops: at `at` (a stop or the end: open spaces before it), or after a value.
    let after = -1;
    for (; at < length; at += 1) {
      const code = piece.charCodeAt(at);
      if (code >= 128) continue;
      const event = JSON_EVENTS[row + code]!;
      if (event === EVENT_NONE) continue;
      if (event === EVENT_QUOTE) {
        row ^= LAYOUT_ROW;
        if (row === STRING_ROW) {
          at = stringStop(piece, at + 1) - 1;
          continue;
        }
        if (depth > 0) continue;
      } else if (event === EVENT_OPEN) {
        depth += 1;
        continue;
      } else if (event === EVENT_CLOSE) {
        depth -= 1;
        if (depth > 0) continue;
      } else {
        const end = event === EVENT_BREAK ? this.quietRun(piece, at, offset, this.quietBreaks[1]!) : -1;
        if (end < 0) break;
        at = end - 1;
        continue;
      }
      // A top-level value just ended: every unit matters from here.
      this.complete = true;
      after = at + 1;
      break;
    }
    this.depth = depth;
    this.inString = row === STRING_ROW;
    return after >= 0 ? after : this.openBefore(piece, index, at, offset);
  }

  /**
   * The run that the line feed at `at` starts, when it can never report: at most `breaks` line
   * feeds, tab runs below the warn bar, ended in this piece by a unit that is not a backslash.
   * Then it counts its lines and returns the index of the unit that ends it; else -1, and nothing
   * changed. (A run too short to report leaves no state behind: the next run starts afresh.)
   * Most line feeds of prose and pretty-printed JSON start such a run: passing it here rather than
   * unit by unit measured 2.9 -> 2.0 ms/MB on prose, 6.6 -> 5.2 on legit/ JSON (64-unit pieces).
   */
  private quietRun(piece: string, at: number, offset: number, breaks: number): number {
    let lines = 0;
    let tabs = 0;
    let last = at;
    for (let index = at; index < piece.length; index += 1) {
      const code = piece.charCodeAt(index);
      if (code === 32) tabs = 0;
      else if (code === 9) {
        tabs += 1;
        if (tabs >= this.warnTabs) return -1;
      } else if (code === 10) {
        lines += 1;
        if (lines > breaks) return -1;
        tabs = 0;
        last = index;
      } else {
        if (code === 13 || code === 92) return -1;
        this.line += lines;
        this.lineStart = offset + last + 1;
        return index;
      }
    }
    return -1;
  }

  /** Open the stretch that a run of spaces ending at `stop` starts (not before `from`); returns `stop`. */
  private openBefore(piece: string, from: number, stop: number, offset: number): number {
    const spaces = trailingSpaces(piece, from, stop);
    if (spaces < stop) {
      this.blankStart = offset + spaces;
      this.tabs = 0;
      this.lastUnit = UNIT_BLANK;
    }
    return stop;
  }

  /**
   * Raw blank units from `index`, with no escape pending: each joins the stretch (opening it), and
   * none changes the lexical state. A run of spaces joins at once: after its first space, each only
   * does again what that one did (indentation is most of what reaches here; measured on 64-unit
   * pieces: legit/ JSON 3.7 -> 3.6 ms/MB, markdown 1.9 -> 1.8). Returns the index of the first
   * other unit.
   */
  private blanks(piece: string, index: number, offset: number): number {
    let at = index;
    while (at < piece.length) {
      const code = piece.charCodeAt(at);
      if (code !== 32 && code !== 10 && code !== 9 && code !== 13) break;
      const pos = offset + at;
      this.join(rawUnit(code), pos, pos);
      if (code === 10) this.newLine(pos);
      at += 1;
      if (code === 32) while (at < piece.length && piece.charCodeAt(at) === 32) at += 1;
    }
    return at;
  }

  /** A blank or counted unit at `pos` joins the stretch, which opens at `start` if none is open. */
  private join(unit: number, start: number, pos: number): void {
    if (this.blankStart < 0) this.blankStart = start;
    if (unit === UNIT_BLANK) this.tabs = 0;
    else this.count(unit, pos);
    this.lastUnit = unit;
  }

  /** A line feed at `pos`: the next line starts after it. */
  private newLine(pos: number): void {
    this.line += 1;
    this.lineStart = pos + 1;
  }

  /** Any one unit, in any state, as the lexer classifies it. */
  private unit(piece: string, index: number, offset: number): void {
    const code = piece.charCodeAt(index);
    const pos = offset + index;
    if (code === 34 && this.quoteIsPlain) {
      // The commonest JSON event, taken straight: a quote ends any stretch and toggles the string.
      if (this.blankStart >= 0) this.closeStretch(pos);
      this.stepQuote();
      return;
    }
    const unit = this.classify(code);
    if (unit === UNIT_ESCAPE_PENDING) {
      this.pendingEscape = pos;
      return;
    }
    // A pending backslash belongs to whatever the unit after it joins.
    const unitStart = this.pendingEscape >= 0 ? this.pendingEscape : pos;
    this.pendingEscape = -1;
    if (unit === UNIT_OTHER) {
      if (this.blankStart >= 0) this.closeStretch(unitStart);
    } else this.join(unit, unitStart, pos);
    if (code === 10) this.newLine(pos);
  }

  /**
   * The next line feed at or after `from`, or the piece's length. Each line feed of a piece is
   * searched at most once (positions only move forward): linear work.
   */
  private lineFeedAt(piece: string, from: number): number {
    let at = this.nextLineFeed;
    if (at >= from) return at;
    at = piece.indexOf('\n', from);
    if (at < 0) at = piece.length;
    this.nextLineFeed = at;
    return at;
  }

  /** The next backslash, carriage return or tab at or after `from`, or the piece's length; cached the same way. */
  private rareAt(piece: string, from: number): number {
    let at = this.nextRare;
    if (at >= from) return at;
    at = nextRareUnit(piece, from, at < 0);
    this.nextRare = at;
    return at;
  }
}
