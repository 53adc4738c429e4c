/**
 * `table-padding`: Markdown table rows padded to line columns up visually, with long runs of
 * spaces, of one short repeated token (`&nbsp;`, a word, `- `), or of empty cells (`| | | |`).
 * Padding at all is a prevention signal (`warn`, once per table, when the padded run ends); a run
 * that keeps growing is a runaway (`abort`, the moment it crosses the bar). Only table rows count,
 * and code fences are not tables. Separator rows and hyphen runs belong to `table-hyphens`.
 */
import { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
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

export { MAX_TOKEN, MIN_REPEATS } from './padding-tokens.js';

const LF = 10;
const SPACE = 32;
const HYPHEN = 45;
const PIPE = 124;
/** The units that can make a line a table row or end it; backslashes are settled on arrival. */
const STOP_UNITS = '\n|';

/**
 * Warn from 4 spaces in a row inside a table row: the guide says one space on each side of a cell
 * is enough and padding to match widths must not happen. Many human tables pad (legit-docs: most
 * padded rows have 4 to 353 spaces), so this warn fires on them by design, once per table.
 */
export const WARN_SPACES = 4;
/** Abort at 640 spaces: the measured maximum is 353 (legit-docs nushell-book configuration.md), so 1.8x. */
export const ABORT_SPACES = 640;
/**
 * Warn when one short token (4 times or more) or one character repeats over 64 units of a table
 * row. Measured maxima in legit/ and legit-docs/ table rows: 43 units for a token (`<` across the
 * cells of nushell-book's operator map), 8 for a character; so legit tables never earn this warn.
 */
export const WARN_REPEAT = 64;
/** Abort when one token or character repeats over 256 units: six times the legit maximum of 43. */
export const ABORT_REPEAT = 256;
/** Warn at 16 empty cells in one row. Measured maxima: 5 in a legit table row, 12 in any line. */
export const WARN_EMPTY_CELLS = 16;
/** Abort at 64 empty cells in one row (`| | | |...`): over five times any measured line. */
export const ABORT_EMPTY_CELLS = 64;

const count = (what: string, min: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(1_000_000_000, `${what} must be at most 1e9`);

const BAR_PAIRS = [
  ['warnSpaces', 'abortSpaces'],
  ['warnRepeat', 'abortRepeat'],
  ['warnEmptyCells', 'abortEmptyCells'],
] as const;

/** Options of the `table-padding` detector; bars count UTF-16 units, or cells for the cell bars. */
export const TablePaddingOptionsSchema = z
  .object({
    /** Spaces in a row inside a table row that earn a `warn` (once per table). */
    warnSpaces: count('warnSpaces', 2).default(WARN_SPACES),
    /** Spaces in a row inside a table row that earn an `abort`. */
    abortSpaces: count('abortSpaces', 8).default(ABORT_SPACES),
    /** Units covered by one repeated token or character that earn a `warn`. */
    warnRepeat: count('warnRepeat', 8).default(WARN_REPEAT),
    /** Units covered by one repeated token or character that earn an `abort`. */
    abortRepeat: count('abortRepeat', 16).default(ABORT_REPEAT),
    /** Empty cells in one row that earn a `warn`. */
    warnEmptyCells: count('warnEmptyCells', 2).default(WARN_EMPTY_CELLS),
    /** Empty cells in one row that earn an `abort`. */
    abortEmptyCells: count('abortEmptyCells', 4).default(ABORT_EMPTY_CELLS),
  })
  .strict()
  .superRefine((options, context) => {
    for (const [warn, abort] of BAR_PAIRS) {
      if (options[warn] < options[abort]) continue;
      context.addIssue({ code: 'custom', message: `${warn} must be below ${abort}`, path: [warn] });
    }
  });

/** Options of the `table-padding` detector. */
export type TablePaddingOptions = z.input<typeof TablePaddingOptionsSchema>;

type Settings = z.output<typeof TablePaddingOptionsSchema>;
const ID = 'table-padding';
const REMEDIATIONS: readonly RemediationId[] = ['table-heading-pipe', 'table-format', 'raise-temperature'];
const SEMICOLON = 59;
const GREATER = 62;

/**
 * The state machine; see the module comment. Tokens are split at blanks and pipes, and end after
 * `;` or `>` so `&nbsp;&nbsp;` and `<br><br>` are runs of one token. At most one abort per row and
 * one warn per table; an abort in a row drops the warn still waiting in it.
 */
class TablePaddingDetector implements Detector {
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
    private readonly settings: Settings,
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

/**
 * Create the `table-padding` detector. It reads answer text only (`text-delta`). Throws
 * `InvalidOptionsError` for bad options.
 */
export function createTablePaddingDetector(
  options: TablePaddingOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(TablePaddingOptionsSchema, options, `options of detector "${ID}"`);
  return new TablePaddingDetector(settings, context.meter);
}

/** The `table-padding` entry of the default detector set. */
export const TablePaddingDefinition = defineDetector({
  id: ID,
  summary: 'Markdown table cells padded with long runs of spaces, repeated tokens or empty cells.',
  optionsSchema: TablePaddingOptionsSchema,
  create: (options, context) => createTablePaddingDetector(options, context),
});
