/** The `table-padding` state machine: separate so the detector file holds the measured bars and options. */
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import type { DetectorContext } from '../src/registry.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { isBlank, MarkdownLineState } from './markdown-line.js';
import {
  GROUP_ABORT,
  GROUP_BROKE,
  GROUP_GREW,
  GROUP_WARN,
  type Hit,
  type Kind,
  paddingMessage,
  passSpaces,
  TokenRuns,
} from './padding-tokens.js';
import { StopScanner, StreamWindow } from './stream-window.js';
import { makeFinding } from './support.js';

const LF = 10;
const SPACE = 32;
const HYPHEN = 45;
const PIPE = 124;
/** The units that can make a line a table row or end it; backslashes are settled on arrival. */
const STOP_UNITS = '\n|';

/** The id of the `table-padding` detector, which its findings name. */
export const TABLE_PADDING_ID = 'table-padding';

/** The bars a {@link TablePaddingDetector} applies (the parsed `table-padding` options). */
export type PaddingBars = Readonly<
  Record<
    'warnSpaces' | 'abortSpaces' | 'warnRepeat' | 'abortRepeat' | 'warnEmptyCells' | 'abortEmptyCells',
    number
  >
>;

const ID = TABLE_PADDING_ID;
const REMEDIATIONS: readonly RemediationId[] = ['table-heading-pipe', 'table-format', 'raise-temperature'];
const SEMICOLON = 59;
const GREATER = 62;

/**
 * The state machine; see the `table-padding.ts` module comment. Tokens are split at blanks and
 * pipes, and end after `;` or `>` so `&nbsp;&nbsp;` and `<br><br>` are runs of one token. At most
 * one abort per row and one warn per table; an abort in a row drops the warn still waiting in it.
 */
export class TablePaddingDetector implements Detector {
  readonly id = ID;
  private readonly lines = new MarkdownLineState();
  private readonly window = new StreamWindow();
  private readonly stops = new StopScanner(STOP_UNITS);
  private readonly tokens: TokenRuns;
  private candidate = 0;
  private position = 0;
  private charRun = 0;
  private charCode = 0;
  private charStart = 0;
  private segmentBlank = true;
  private segmentStart = 0;
  private emptyCells = 0;
  private emptyStart = 0;
  private rowAborted = false;
  private warnedTable = 0;
  private pending: { kind: Kind; start: number; token: string; cell: number } | undefined;

  constructor(
    private readonly settings: PaddingBars,
    private readonly meter: DetectorContext['meter'],
  ) {
    this.tokens = new TokenRuns(settings.warnRepeat, settings.abortRepeat);
  }

  push(event: GuardEvent): Finding[] {
    if (event.type !== 'text-delta' || event.text === '') return [];
    this.candidate = event.candidate;
    const found: Finding[] = [];
    this.window.enter(event.text, event.offset);
    this.scan(event.text, event.offset, found);
    this.stops.release();
    this.window.leave();
    this.position = event.offset + event.text.length;
    if (this.meter) this.meter.units += event.text.length;
    return found;
  }

  end(): Finding[] {
    const found: Finding[] = [];
    this.finishLine(this.position, found);
    return found;
  }

  reset(): void {
    this.lines.reset();
    this.window.reset();
    this.candidate = 0;
    this.position = 0;
    this.warnedTable = 0;
    this.clearLine();
  }

  private scan(piece: string, offset: number, found: Finding[]): void {
    const lines = this.lines;
    const stops = this.stops;
    stops.start(piece);
    for (let index = 0; index < piece.length; index += 1) {
      // Outside table rows only a pipe (a row without its leading pipe) or a line end matters.
      if (!lines.tableRow && lines.canSkip) {
        const stop = stops.find(index);
        lines.skipped(piece, index, stop);
        index = stop;
        if (index === piece.length) break;
      } else if (!lines.tableRow) {
        // Indentation, before any pipe: not a table row yet, so nothing to track.
        index = lines.skipIndent(piece, index);
        if (index === piece.length) break;
      } else if (this.charRun > 0 && this.charCode === SPACE && this.tokens.length === 0 && lines.inBody) {
        index = this.skipPadding(piece, index);
        if (index === piece.length) break;
      }
      const code = piece.charCodeAt(index);
      const pos = offset + index;
      if (code === LF) {
        this.finishLine(pos, found);
        continue;
      }
      const pipesBefore = lines.pipes;
      lines.advance(code);
      if (!lines.tableRow) continue;
      this.trackCharacters(code, pos, found);
      this.trackCells(lines.pipes !== pipesBefore, code, pos, found);
      this.trackTokens(code, pos, found);
    }
  }

  /**
   * Inside a run of spaces in a table row: pass the spaces from `index` that cannot reach a bar, as
   * unit by unit tracking would (each only grows the run: no token is open, and no bar is met).
   * Returns where tracking must resume.
   */
  private skipPadding(piece: string, index: number): number {
    const { warnSpaces, abortSpaces } = this.settings;
    const at = passSpaces(piece, index, this.charRun, warnSpaces, abortSpaces);
    this.charRun += at - index;
    return at;
  }

  /** Runs of one character: spaces, or any other but `-` (table-hyphens) and `|` (empty cells). */
  private trackCharacters(code: number, pos: number, found: Finding[]): void {
    if (code === this.charCode && this.charRun > 0) {
      this.charRun += 1;
      this.checkCharacters(code, pos, found);
      return;
    }
    if (this.charRun > 0 && this.pending !== undefined) {
      this.endRun(this.charCode === SPACE ? 'spaces' : 'repeated-character', pos, pos, found);
    }
    this.charRun = code === HYPHEN || code === PIPE ? 0 : 1;
    this.charCode = code;
    this.charStart = pos;
  }

  /** A run of one character grew to `charRun` (every bar is at least 2). */
  private checkCharacters(code: number, pos: number, found: Finding[]): void {
    const { charRun: run, charStart: start, settings } = this;
    if (code === SPACE) {
      if (run === settings.warnSpaces) this.startWarn('spaces', start, ' ');
      if (run === settings.abortSpaces) this.abort('spaces', start, pos, run, ' ', found);
    } else if ((run === settings.warnRepeat || run === settings.abortRepeat) && this.isPaddingRow()) {
      const token = String.fromCharCode(code);
      if (run === settings.warnRepeat) this.startWarn('repeated-character', start, token);
      else this.abort('repeated-character', start, pos, run, token, found);
    }
  }

  private trackCells(isPipe: boolean, code: number, pos: number, found: Finding[]): void {
    if (!isPipe) {
      if (!isBlank(code)) this.segmentBlank = false;
      return;
    }
    if (this.segmentBlank && this.lines.pipes > 1) {
      if (this.emptyCells === 0) this.emptyStart = this.segmentStart;
      this.emptyCells += 1;
      const cells = this.emptyCells;
      if (cells === this.settings.warnEmptyCells) this.startWarn('empty-cells', this.emptyStart, '| ');
      if (cells === this.settings.abortEmptyCells)
        this.abort('empty-cells', this.emptyStart, pos, cells, '| ', found);
    }
    this.segmentBlank = true;
    this.segmentStart = pos;
  }

  private trackTokens(code: number, pos: number, found: Finding[]): void {
    if (code === SPACE || code === PIPE || isBlank(code)) {
      if (this.tokens.length > 0) this.endToken(pos, pos, found);
      return;
    }
    this.tokens.add(code, pos);
    if (code === SEMICOLON || code === GREATER) this.endToken(pos + 1, pos, found);
  }

  /** A token ended at `end` (exclusive) while scanning `now`: extend its group or start another. */
  private endToken(end: number, now: number, found: Finding[]): void {
    const tokens = this.tokens;
    const verdict = tokens.close(end);
    if (verdict === GROUP_BROKE) {
      if (this.pending !== undefined) this.endRun('repeated-token', tokens.brokenEnd, now, found);
      return;
    }
    if (verdict === GROUP_GREW || !this.isPaddingRow()) return;
    tokens.flag(verdict);
    const token = this.window.slice(tokens.start, end, now);
    if (verdict === GROUP_WARN) this.startWarn('repeated-token', tokens.groupStart, token);
    else if (verdict === GROUP_ABORT)
      this.abort('repeated-token', tokens.groupStart, end - 1, end - tokens.groupStart, token, found);
  }

  /** Delimiter rows (`|---|:--|`) are the table-hyphens detector's business. */
  private isPaddingRow(): boolean {
    return !this.lines.delimiterOnly || this.lines.hyphens === 0;
  }

  private startWarn(kind: Kind, start: number, token: string): void {
    if (this.warnedTable === this.lines.tableCount || this.rowAborted) return;
    this.warnedTable = this.lines.tableCount;
    this.pending = { kind, start, token, cell: this.lines.cell };
  }

  /** A run of `kind` ended at `end` (exclusive) while scanning `now`: emit its waiting warn. */
  private endRun(kind: Kind, end: number, now: number, found: Finding[]): void {
    const pending = this.pending;
    if (pending?.kind !== kind) return;
    this.pending = undefined;
    const length = kind === 'empty-cells' ? this.emptyCells : end - pending.start;
    const hit = { ...pending, length, end, now };
    found.push(this.finding('warn', paddingMessage('warn', hit), hit));
  }

  private abort(
    kind: Kind,
    start: number,
    pos: number,
    length: number,
    token: string,
    found: Finding[],
  ): void {
    if (this.rowAborted) return;
    this.rowAborted = true;
    this.pending = undefined;
    this.warnedTable = this.lines.tableCount;
    const hit = { kind, start, end: pos + 1, now: pos, length, token, cell: this.lines.cell };
    found.push(this.finding('abort', paddingMessage('abort', hit), hit));
  }

  private finishLine(pos: number, found: Finding[]): void {
    if (this.lines.tableRow) {
      if (this.tokens.length > 0) this.endToken(pos, pos, found);
      const kind = this.pending?.kind;
      if (kind !== undefined)
        this.endRun(kind, kind === 'repeated-token' ? this.tokens.groupEnd : pos, pos, found);
    }
    this.lines.endLine(pos);
    this.clearLine();
  }

  private clearLine(): void {
    this.charRun = 0;
    this.tokens.clear();
    this.segmentBlank = true;
    this.emptyCells = 0;
    this.rowAborted = false;
    this.pending = undefined;
  }

  private finding(severity: 'warn' | 'abort', message: string, hit: Hit): Finding {
    const { kind, start, end, now, length, token, cell } = hit;
    const data = { kind, length, token, line: this.lines.line, column: start - this.lines.lineStart, cell };
    const evidence = this.window.excerpt(start, end, now);
    const fields = { detector: ID, severity, message, candidate: this.candidate, start, end, evidence };
    return makeFinding({ ...fields, remediations: REMEDIATIONS, data });
  }
}
