/**
 * The run half of the per-channel `newline-flood` state: the current blank stretch, its counts and
 * the findings it makes. The scanning half (flood-tracker.ts) extends it, so all the state of a
 * channel lives in one object.
 */
import type { TextChannel } from '../src/events.js';
import { type Finding, NO_FINDINGS } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import {
  FloodLexer,
  MODE_STRUCTURED,
  UNIT_CR,
  UNIT_ESCAPED_CR,
  UNIT_ESCAPED_LF,
  UNIT_ESCAPED_TAB,
  UNIT_LF,
  UNIT_OTHER,
  UNIT_TAB,
} from './json-string-state.js';
import { StreamWindow } from './stream-window.js';
import { makeFinding } from './support.js';

/** The id of the `newline-flood` detector, which every finding of a tracker names. */
export const NEWLINE_FLOOD_ID = 'newline-flood';

/** The bars a flood tracker applies (the parsed `newline-flood` options); line breaks or tabs. */
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
/** A run in prose, or in a text not yet known to be JSON. */
export const PROSE = 0;
const STRING = 1;
/** A run between JSON tokens inside a container. */
export const LAYOUT = 2;
const TRAILING = 3;
const CONTEXT_NAMES = ['prose', 'string', 'layout', 'trailing'] as const;
const WHERE = ['in the text', 'inside a JSON string', 'between JSON tokens', 'after the complete JSON value'];

/** One channel's runs: the current blank stretch, its counts, and the findings of the current push. */
export class FloodRuns extends FloodLexer {
  protected readonly window = new StreamWindow();
  protected candidate = 0;
  /** Position of a backslash whose escape the next unit decides, or -1. */
  protected pendingEscape = -1;
  protected line = 1;
  protected lineStart = 0;
  /** Start of the current stretch of blank units (raw or escaped), or -1 outside one. */
  protected blankStart = -1;
  protected tabs = 0;
  protected lastUnit = UNIT_OTHER;
  /** Warn bar on line breaks per context (see {@link PROSE}); also the abort bar's lower bound. */
  protected readonly warnBars: Int32Array;
  protected readonly warnTabs: number;
  /** True once the stretch holds a line break or tab: only then is it counted as a run. */
  private active = false;
  private aborted = false;
  private context = PROSE;
  private newlines = 0;
  private maxTabs = 0;
  private escapes = 0;
  private runLine = 1;
  private runColumn = 0;
  private readonly abortBars: Int32Array;
  private readonly abortTabs: number;
  private found: Finding[] | undefined = undefined;

  constructor(
    settings: FloodBars,
    private readonly channel: TextChannel,
    initialMode: number,
  ) {
    super(initialMode);
    const s = settings;
    this.warnBars = Int32Array.of(
      s.warnNewlines,
      s.stringWarnNewlines,
      s.layoutWarnNewlines,
      s.layoutWarnNewlines,
    );
    this.abortBars = Int32Array.of(
      s.abortNewlines,
      s.stringAbortNewlines,
      s.layoutAbortNewlines,
      s.layoutAbortNewlines,
    );
    this.warnTabs = s.warnTabs;
    this.abortTabs = s.abortTabs;
  }

  /** The findings since the last call: a shared frozen empty array when there are none. */
  takeFindings(): Finding[] {
    const found = this.found;
    if (found === undefined) return NO_FINDINGS;
    this.found = undefined;
    return found;
  }

  /** A line break or tab, raw or escaped: count it, and abort the moment the run crosses a bar. */
  protected count(unit: number, pos: number): void {
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
    if (!newlinesOver && this.tabs < this.abortTabs) return;
    this.aborted = true;
    this.report('abort', newlinesOver ? 'newlines' : 'tabs', pos + 1);
  }

  /** The blank stretch ended at `end` (exclusive): a counted run that crossed a warn bar warns. */
  protected closeStretch(end: number): void {
    if (this.active && !this.aborted) {
      if (this.newlines >= this.warnBars[this.context]!) this.report('warn', 'newlines', end);
      else if (this.maxTabs >= this.warnTabs) this.report('warn', 'tabs', end);
    }
    this.active = false;
    this.blankStart = -1;
    this.lastUnit = UNIT_OTHER;
  }

  /** Forget the runs, as for a new text. */
  protected resetRuns(): void {
    this.window.reset();
    this.pendingEscape = -1;
    this.line = 1;
    this.lineStart = 0;
    this.blankStart = -1;
    this.active = false;
    this.lastUnit = UNIT_OTHER;
    this.found = undefined;
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
    if (this.mode !== MODE_STRUCTURED) this.context = PROSE;
    else if (this.inString) this.context = STRING;
    else this.context = this.complete ? TRAILING : LAYOUT;
  }

  private report(severity: 'warn' | 'abort', kind: 'newlines' | 'tabs', end: number): void {
    const finding = this.finding(severity, kind, end);
    if (this.found === undefined) this.found = [finding];
    else this.found.push(finding);
  }

  private finding(severity: 'warn' | 'abort', kind: 'newlines' | 'tabs', end: number): Finding {
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
      candidate: this.candidate,
      channel: this.channel,
      start,
      end,
      evidence,
    };
    return makeFinding({ ...fields, remediations: REMEDIATIONS, data });
  }
}
