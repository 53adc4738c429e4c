/**
 * The `table-padding` state machine, unit by unit: runs of one character, empty cells, repeated
 * tokens, and the warn or abort each may earn. table-padding-detector.ts decides which units reach
 * it (skipping what cannot matter); table-padding.ts holds the measured bars and options.
 */
import type { Finding } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { isBlank, type MarkdownLineState } from './markdown-line.js';
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
import { makeFinding } from './support.js';
import type { TableScan } from './table-scanner.js';

const SPACE = 32;
const HYPHEN = 45;
const SEMICOLON = 59;
const GREATER = 62;
const PIPE = 124;

/** The id of the `table-padding` detector, which its findings name. */
export const TABLE_PADDING_ID = 'table-padding';

/** The bars a `TablePaddingDetector` applies (the parsed `table-padding` options). */
export type PaddingBars = Readonly<
  Record<
    'warnSpaces' | 'abortSpaces' | 'warnRepeat' | 'abortRepeat' | 'warnEmptyCells' | 'abortEmptyCells',
    number
  >
>;

const ID = TABLE_PADDING_ID;

// Unit kinds for PaddingTracker.passUnits: a unit it leaves to PaddingTracker.step; one that only
// extends the token and the run of one character (and ends a delimiter row); a hyphen.
const KIND_STOP = 0;
const KIND_PLAIN = 1;
const KIND_HYPHEN = 2;

/** The kind of each ASCII unit: blanks, controls, `|`, `\\`, `:`, `;` and `>` stop a bulk pass. */
const UNIT_KINDS = (() => {
  const kinds = new Uint8Array(128);
  for (let code = 33; code < 128; code += 1) kinds[code] = KIND_PLAIN;
  for (const unit of '|\\:;>') kinds[unit.charCodeAt(0)] = KIND_STOP;
  kinds[HYPHEN] = KIND_HYPHEN;
  return kinds;
})();
const REMEDIATIONS: readonly RemediationId[] = ['table-heading-pipe', 'table-format', 'raise-temperature'];

/**
 * The state machine; see the `table-padding.ts` module comment. Tokens are split at blanks and
 * pipes, and end after `;` or `>` so `&nbsp;&nbsp;` and `<br><br>` are runs of one token. At most
 * one abort per row and one warn per table; an abort in a row drops the warn still waiting in it.
 */
export class PaddingTracker {
  protected readonly lines: MarkdownLineState;
  protected readonly tokens: TokenRuns;
  protected charRun = 0;
  protected charCode = 0;
  protected charStart = 0;
  protected segmentBlank = true;
  private segmentStart = 0;
  private emptyCells = 0;
  private emptyStart = 0;
  private rowAborted = false;
  protected warnedTable = 0;
  protected pending: { kind: Kind; start: number; token: string; cell: number } | undefined;

  constructor(
    protected readonly settings: PaddingBars,
    protected readonly scan: TableScan,
  ) {
    this.lines = scan.lines;
    this.tokens = new TokenRuns(settings.warnRepeat, settings.abortRepeat);
  }

  /** Track one unit (`code` at absolute `pos`), never a line feed. */
  protected step(code: number, pos: number): void {
    const lines = this.lines;
    const pipesBefore = lines.pipes;
    lines.advance(code);
    if (!lines.tableRow) return;
    this.trackCharacters(code, pos);
    this.trackCells(lines.pipes !== pipesBefore, code, pos);
    this.trackTokens(code, pos);
  }

  /**
   * Inside a run of spaces in a table row: pass the spaces from `index` that cannot reach a bar, as
   * unit by unit tracking would (each only grows the run: no token is open, and no bar is met).
   * Returns where tracking must resume.
   */
  protected skipPadding(piece: string, index: number): number {
    const { warnSpaces, abortSpaces } = this.settings;
    const at = passSpaces(piece, index, this.charRun, warnSpaces, abortSpaces);
    this.charRun += at - index;
    return at;
  }

  /**
   * In a table row's body, with no warn waiting: take the units from `index` that are plain or
   * hyphens (see {@link UNIT_KINDS}) as {@link step} would one by one, up to a run of one
   * character about to reach a bar. Returns where tracking must resume. One loop with the state in
   * locals instead of four calls per unit (measured on separator rows: 15 -> 6 ns a unit).
   */
  protected passUnits(piece: string, index: number, offset: number): number {
    const { warnRepeat, abortRepeat } = this.settings;
    const tokens = this.tokens;
    let { charRun, charCode, charStart } = this;
    let hyphens = 0;
    let plain = false;
    let at = index;
    for (; at < piece.length; at += 1) {
      const code = piece.charCodeAt(at);
      const kind = code < 128 ? UNIT_KINDS[code]! : KIND_PLAIN;
      if (kind === KIND_STOP) break;
      const pos = offset + at;
      if (kind === KIND_HYPHEN) {
        if (!plain) hyphens += 1;
        charRun = 0;
        charCode = code;
        charStart = pos;
      } else {
        plain = true;
        if (code !== charCode || charRun === 0) {
          charRun = 1;
          charCode = code;
          charStart = pos;
        } else if (charRun + 1 === warnRepeat || charRun + 1 === abortRepeat) break;
        else charRun += 1;
      }
      tokens.add(code, pos);
    }
    if (at === index) return at;
    this.lines.takeUnits(hyphens, plain);
    this.segmentBlank = false;
    this.charRun = charRun;
    this.charCode = charCode;
    this.charStart = charStart;
    return at;
  }

  /** Runs of one character: spaces, or any other but `-` (table-hyphens) and `|` (empty cells). */
  private trackCharacters(code: number, pos: number): void {
    if (code === this.charCode && this.charRun > 0) {
      this.charRun += 1;
      this.checkCharacters(code, pos);
      return;
    }
    if (this.charRun > 0 && this.pending !== undefined) {
      this.endRun(this.charCode === SPACE ? 'spaces' : 'repeated-character', pos, pos);
    }
    this.charRun = code === HYPHEN || code === PIPE ? 0 : 1;
    this.charCode = code;
    this.charStart = pos;
  }

  /** A run of one character grew to `charRun` (every bar is at least 2). */
  private checkCharacters(code: number, pos: number): void {
    const { charRun: run, charStart: start, settings } = this;
    if (code === SPACE) {
      if (run === settings.warnSpaces) this.startWarn('spaces', start, ' ');
      if (run === settings.abortSpaces) this.abort('spaces', start, pos, run, ' ');
    } else if ((run === settings.warnRepeat || run === settings.abortRepeat) && this.isPaddingRow()) {
      const token = String.fromCharCode(code);
      if (run === settings.warnRepeat) this.startWarn('repeated-character', start, token);
      else this.abort('repeated-character', start, pos, run, token);
    }
  }

  private trackCells(isPipe: boolean, code: number, pos: number): void {
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
        this.abort('empty-cells', this.emptyStart, pos, cells, '| ');
    }
    this.segmentBlank = true;
    this.segmentStart = pos;
  }

  private trackTokens(code: number, pos: number): void {
    if (code === SPACE || code === PIPE || isBlank(code)) {
      if (this.tokens.length > 0) this.endToken(pos, pos);
      return;
    }
    this.tokens.add(code, pos);
    if (code === SEMICOLON || code === GREATER) this.endToken(pos + 1, pos);
  }

  /** A token ended at `end` (exclusive) while scanning `now`: extend its group or start another. */
  private endToken(end: number, now: number): void {
    const tokens = this.tokens;
    const verdict = tokens.close(end);
    if (verdict === GROUP_BROKE) {
      if (this.pending !== undefined) this.endRun('repeated-token', tokens.brokenEnd, now);
      return;
    }
    if (verdict === GROUP_GREW || !this.isPaddingRow()) return;
    tokens.flag(verdict);
    const token = this.scan.window.slice(tokens.start, end, now);
    if (verdict === GROUP_WARN) this.startWarn('repeated-token', tokens.groupStart, token);
    else if (verdict === GROUP_ABORT)
      this.abort('repeated-token', tokens.groupStart, end - 1, end - tokens.groupStart, token);
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
  private endRun(kind: Kind, end: number, now: number): void {
    const pending = this.pending;
    if (pending?.kind !== kind) return;
    this.pending = undefined;
    const length = kind === 'empty-cells' ? this.emptyCells : end - pending.start;
    const hit = { ...pending, length, end, now };
    this.scan.report(this.finding('warn', paddingMessage('warn', hit), hit));
  }

  private abort(kind: Kind, start: number, pos: number, length: number, token: string): void {
    if (this.rowAborted) return;
    this.rowAborted = true;
    this.pending = undefined;
    this.warnedTable = this.lines.tableCount;
    const hit = { kind, start, end: pos + 1, now: pos, length, token, cell: this.lines.cell };
    this.scan.report(this.finding('abort', paddingMessage('abort', hit), hit));
  }

  /** At a line end (a line feed at `pos`, or the text's end): emit what the row still holds. */
  protected finishLine(pos: number): void {
    if (this.lines.tableRow) this.finishRow(pos);
    this.lines.endLine(pos);
    this.clearLine();
  }

  /** At the end of a table row: close its last token and emit the warn still waiting. */
  private finishRow(pos: number): void {
    if (this.tokens.length > 0) this.endToken(pos, pos);
    const kind = this.pending?.kind;
    if (kind !== undefined) this.endRun(kind, kind === 'repeated-token' ? this.tokens.groupEnd : pos, pos);
  }

  protected clearLine(): void {
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
    const evidence = this.scan.window.excerpt(start, end, now);
    const fields = { detector: ID, severity, message, candidate: this.scan.candidate, start, end, evidence };
    return makeFinding({ ...fields, remediations: REMEDIATIONS, data });
  }
}
