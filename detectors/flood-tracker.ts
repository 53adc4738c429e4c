/** The per-channel `newline-flood` state machine: separate so the detector file holds options and wiring. */
import type { TextChannel } from '../src/events.js';
import type { Finding } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import {
  MODE_STRUCTURED,
  trailingSpaces,
  UNIT_BLANK,
  UNIT_CR,
  UNIT_ESCAPE_PENDING,
  UNIT_ESCAPED_CR,
  UNIT_ESCAPED_LF,
  UNIT_ESCAPED_TAB,
  UNIT_LF,
  UNIT_OTHER,
  UNIT_TAB,
  WhitespaceUnits,
} from './json-string-state.js';
import { StreamWindow } from './stream-window.js';
import { makeFinding } from './support.js';

/** The id of the `newline-flood` detector, which every finding of a tracker names. */
export const NEWLINE_FLOOD_ID = 'newline-flood';

/** The bars a {@link FloodTracker} applies (the parsed `newline-flood` options); line breaks or tabs. */
export type FloodBars = Readonly<
  Record<
    | 'warnNewlines'
    | 'abortNewlines'
    | 'stringWarnNewlines'
    | 'stringAbortNewlines'
    | 'layoutWarnNewlines'
    | 'layoutAbortNewlines'
    | 'warnTabs'
    | 'abortTabs',
    number
  >
>;

const ID = NEWLINE_FLOOD_ID;
const REMEDIATIONS: readonly RemediationId[] = ['escape-policy', 'rewrite-escapes'];

// Where a run lies; each has its own bars.
const PROSE = 0;
const STRING = 1;
const LAYOUT = 2;
const TRAILING = 3;
const CONTEXT_NAMES = ['prose', 'string', 'layout', 'trailing'] as const;
const WHERE = ['in the text', 'inside a JSON string', 'between JSON tokens', 'after the complete JSON value'];

/** One channel's state: how its units classify, the current blank stretch and its counts. */
export class FloodTracker {
  private readonly units: WhitespaceUnits;
  private readonly window = new StreamWindow();
  private readonly warnBars: readonly number[];
  private readonly abortBars: readonly number[];
  private pendingEscape = -1;
  private position = 0;
  private line = 1;
  private lineStart = 0;
  /** Start of the current stretch of blank units (raw or escaped), or -1 outside one. */
  private blankStart = -1;
  /** True once the stretch holds a line break or tab: only then is it counted as a run. */
  private active = false;
  private aborted = false;
  private context = PROSE;
  private newlines = 0;
  private tabs = 0;
  private maxTabs = 0;
  private escapes = 0;
  private lastUnit = UNIT_OTHER;
  private runLine = 1;
  private runColumn = 0;

  constructor(
    private readonly settings: FloodBars,
    private readonly channel: TextChannel,
    initialMode: number,
  ) {
    this.units = new WhitespaceUnits(initialMode);
    const s = settings;
    this.warnBars = [s.warnNewlines, s.stringWarnNewlines, s.layoutWarnNewlines, s.layoutWarnNewlines];
    this.abortBars = [s.abortNewlines, s.stringAbortNewlines, s.layoutAbortNewlines, s.layoutAbortNewlines];
  }

  scan(piece: string, offset: number, candidate: number, found: Finding[]): void {
    this.window.enter(piece, offset);
    const units = this.units;
    units.startPiece(piece);
    for (let index = 0; index < piece.length; index += 1) {
      if (this.blankStart < 0) index = this.skipQuiet(piece, index, offset);
      else if (piece.charCodeAt(index) === 32 && units.spaceIsPlain) index = this.skipSpaces(piece, index);
      if (index === piece.length) break;
      const code = piece.charCodeAt(index);
      const pos = offset + index;
      if (code === 34 && units.quoteIsPlain) {
        // The commonest JSON event, taken straight: a quote ends any stretch and toggles the string.
        if (this.blankStart >= 0) this.closeStretch(pos, candidate, found);
        units.json.step(code);
        continue;
      }
      const unit = units.classify(code);
      if (unit === UNIT_ESCAPE_PENDING) {
        this.pendingEscape = pos;
        continue;
      }
      // A pending backslash belongs to whatever the unit after it joins.
      const unitStart = this.pendingEscape >= 0 ? this.pendingEscape : pos;
      this.pendingEscape = -1;
      if (unit === UNIT_OTHER) {
        if (this.blankStart >= 0) this.closeStretch(unitStart, candidate, found);
      } else {
        if (this.blankStart < 0) this.blankStart = unitStart;
        if (unit === UNIT_BLANK) this.tabs = 0;
        else this.count(unit, pos, candidate, found);
        this.lastUnit = unit;
      }
      if (code === 10) {
        this.line += 1;
        this.lineStart = pos + 1;
      }
    }
    units.releasePiece();
    this.window.leave();
    this.position = offset + piece.length;
  }

  /**
   * Outside a blank stretch: jump from `index` to the next unit that can matter, opening the
   * stretch that a run of spaces right before it starts, as unit by unit scanning would have.
   */
  private skipQuiet(piece: string, index: number, offset: number): number {
    const stops = this.units.stops();
    if (stops === undefined) return index;
    const stop = stops.find(index);
    const spaces = trailingSpaces(piece, index, stop);
    if (spaces < stop) {
      this.blankStart = offset + spaces;
      this.tabs = 0;
      this.lastUnit = UNIT_BLANK;
    }
    return stop;
  }

  /** Inside a blank stretch, with no escape pending: pass a run of plain spaces. */
  private skipSpaces(piece: string, index: number): number {
    let at = index + 1;
    while (at < piece.length && piece.charCodeAt(at) === 32) at += 1;
    this.tabs = 0;
    this.lastUnit = UNIT_BLANK;
    return at;
  }

  finish(candidate: number, found: Finding[]): void {
    if (this.blankStart >= 0)
      this.closeStretch(this.pendingEscape >= 0 ? this.pendingEscape : this.position, candidate, found);
    this.pendingEscape = -1;
  }

  reset(): void {
    this.units.reset();
    this.window.reset();
    this.pendingEscape = -1;
    this.position = 0;
    this.line = 1;
    this.lineStart = 0;
    this.blankStart = -1;
    this.active = false;
    this.lastUnit = UNIT_OTHER;
  }

  /** A line break or tab, raw or escaped: count it, and abort the moment the run crosses a bar. */
  private count(unit: number, pos: number, candidate: number, found: Finding[]): void {
    if (!this.active) this.begin();
    if (unit >= UNIT_ESCAPED_LF) this.escapes += 1;
    if (unit === UNIT_CR || unit === UNIT_ESCAPED_CR) this.newlines += 1;
    // `\r\n` is one line break, raw or escaped.
    else if (unit === UNIT_LF && this.lastUnit !== UNIT_CR) this.newlines += 1;
    else if (unit === UNIT_ESCAPED_LF && this.lastUnit !== UNIT_ESCAPED_CR) this.newlines += 1;
    if (unit === UNIT_TAB || unit === UNIT_ESCAPED_TAB) {
      this.tabs += 1;
      if (this.tabs > this.maxTabs) this.maxTabs = this.tabs;
    } else {
      this.tabs = 0;
    }
    if (this.aborted) return;
    const newlinesOver = this.newlines >= this.abortBars[this.context]!;
    if (!newlinesOver && this.tabs < this.settings.abortTabs) return;
    this.aborted = true;
    found.push(this.finding('abort', newlinesOver ? 'newlines' : 'tabs', pos + 1, candidate));
  }

  private begin(): void {
    this.active = true;
    this.aborted = false;
    this.newlines = 0;
    this.tabs = 0;
    this.maxTabs = 0;
    this.escapes = 0;
    this.runLine = this.line;
    this.runColumn = this.blankStart - this.lineStart;
    const json = this.units.json;
    if (this.units.mode !== MODE_STRUCTURED) this.context = PROSE;
    else if (json.inString) this.context = STRING;
    else this.context = json.complete ? TRAILING : LAYOUT;
  }

  /** The blank stretch ended at `end` (exclusive): a counted run that crossed a warn bar warns. */
  private closeStretch(end: number, candidate: number, found: Finding[]): void {
    if (this.active && !this.aborted) {
      if (this.newlines >= this.warnBars[this.context]!)
        found.push(this.finding('warn', 'newlines', end, candidate));
      else if (this.maxTabs >= this.settings.warnTabs)
        found.push(this.finding('warn', 'tabs', end, candidate));
    }
    this.active = false;
    this.blankStart = -1;
    this.lastUnit = UNIT_OTHER;
  }

  private finding(
    severity: 'warn' | 'abort',
    kind: 'newlines' | 'tabs',
    end: number,
    candidate: number,
  ): Finding {
    const length = kind === 'newlines' ? this.newlines : this.maxTabs;
    const what = `${length} ${kind === 'newlines' ? 'line breaks' : 'tabs'} in a row ${WHERE[this.context]}`;
    const message =
      severity === 'abort'
        ? `${what}: the output is flooding; stop it and ask again with the escape rules.`
        : `${what}; send the escape rules (plain UTF-8, only \\\\, \\n and \\" escapes) with the next request.`;
    const data = {
      kind,
      length,
      context: CONTEXT_NAMES[this.context],
      newlines: this.newlines,
      tabs: this.maxTabs,
      escaped: this.escapes,
      line: this.runLine,
      column: this.runColumn,
    };
    const start = this.blankStart;
    const evidence = this.window.excerpt(start, end, end);
    const fields = {
      detector: ID,
      severity,
      message,
      candidate,
      channel: this.channel,
      start,
      end,
      evidence,
    };
    return makeFinding({ ...fields, remediations: REMEDIATIONS, data });
  }
}
