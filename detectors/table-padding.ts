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
import { isBlank, MarkdownLineState, StreamWindow, skipUntil, stopSet } from './markdown-line.js';
import { makeFinding } from './support.js';

const LF = 10;
const SPACE = 32;
const HYPHEN = 45;
const PIPE = 124;
const STOPS = stopSet('\n|\\');

/**
 * Warn from 4 spaces in a row inside a table row: the guide says one space on each side of a cell
 * is enough and padding to match widths must not happen. Many human tables pad (legit-docs: most
 * padded rows have 4 to 353 spaces), so this warn fires on them by design, once per table.
 */
export const WARN_SPACES = 4;
/** Abort at 640 spaces: the measured maximum is 353 (legit-docs nushell-book configuration.md), so 1.8x. */
export const ABORT_SPACES = 640;
/**
 * Longest token that counts as padding, in UTF-16 units: covers `&nbsp;` (6), `&#160;` (6),
 * `<br/>` (5) and short words; longer repeats are the text-loop detector's business.
 */
export const MAX_TOKEN = 16;
/**
 * Warn when one short token (4 times or more) or one character repeats over 64 units of a table
 * row. Measured maxima in legit/ and legit-docs/ table rows: 43 units for a token (`<` across the
 * cells of nushell-book's operator map), 8 for a character; so legit tables never earn this warn.
 */
export const WARN_REPEAT = 64;
/**
 * A token must repeat at least 4 times to count: legit tables repeat a value across two or three
 * cells (`| string | string |`) with wide padding between them.
 */
export const MIN_REPEATS = 4;
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
type Kind = 'spaces' | 'repeated-character' | 'repeated-token' | 'empty-cells';

const ID = 'table-padding';
const REMEDIATIONS: readonly RemediationId[] = ['table-heading-pipe', 'table-format', 'raise-temperature'];
const SEMICOLON = 59;
const GREATER = 62;

const WARN_ADVICE = 'send the table rules (one space around each cell) with the next request.';

/** A padded run as a finding reports it; `now` is the unit being scanned when it is reported. */
interface Hit {
  kind: Kind;
  start: number;
  end: number;
  now: number;
  length: number;
  token: string;
  /** The table cell the run lay in when it crossed the bar. */
  cell: number;
}

function describe({ kind, length, token }: Hit): string {
  if (kind === 'spaces') return `A table row is padded with ${length} spaces`;
  if (kind === 'empty-cells') return `A table row is padded with ${length} empty cells`;
  return `A table row is padded with ${JSON.stringify(token)} repeated over ${length} characters`;
}

/**
 * The state machine; see the module comment. Tokens are split at blanks and pipes, and end after
 * `;` or `>` so `&nbsp;&nbsp;` and `<br><br>` are runs of one token. At most one abort per row and
 * one warn per table; an abort in a row drops the warn still waiting in it.
 */
class TablePaddingDetector implements Detector {
  readonly id = ID;
  private readonly lines = new MarkdownLineState();
  private readonly window = new StreamWindow();
  private candidate = 0;
  private position = 0;
  private charRun = 0;
  private charCode = 0;
  private charStart = 0;
  private tokenLength = 0;
  private tokenStart = 0;
  private tokenHash = 0;
  // The run of equal tokens the last token belongs to.
  private groupCount = 0;
  private groupLength = 0;
  private groupHash = 0;
  private groupStart = 0;
  private groupEnd = 0;
  private groupFlagged = 0;
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
  ) {}

  push(event: GuardEvent): Finding[] {
    if (event.type !== 'text-delta' || event.text === '') return [];
    this.candidate = event.candidate;
    const found: Finding[] = [];
    this.window.enter(event.text, event.offset);
    this.scan(event.text, event.offset, found);
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
    for (let index = 0; index < piece.length; index += 1) {
      // Outside table rows only a pipe (a row without its leading pipe) or a line end matters.
      if (!lines.tableRow && lines.canSkip) {
        index = skipUntil(piece, index, STOPS);
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
      if (this.tokenLength > 0) this.endToken(pos, pos, found);
      return;
    }
    if (this.tokenLength === 0) {
      this.tokenStart = pos;
      this.tokenHash = 0;
    }
    this.tokenLength += 1;
    this.tokenHash = (Math.imul(this.tokenHash, 31) + code) | 0;
    if (code === SEMICOLON || code === GREATER) this.endToken(pos + 1, pos, found);
  }

  /** A token ended at `end` (exclusive) while scanning `now`: extend its group or start another. */
  private endToken(end: number, now: number, found: Finding[]): void {
    const length = this.tokenLength;
    this.tokenLength = 0;
    const same = this.groupCount > 0 && length === this.groupLength && this.tokenHash === this.groupHash;
    if (!same) {
      if (this.pending !== undefined) this.endRun('repeated-token', this.groupEnd, now, found);
      this.groupCount = length > MAX_TOKEN ? 0 : 1;
      this.groupLength = length;
      this.groupHash = this.tokenHash;
      this.groupStart = this.tokenStart;
      this.groupEnd = end;
      this.groupFlagged = 0;
      return;
    }
    this.groupCount += 1;
    this.groupEnd = end;
    const span = end - this.groupStart;
    const level = span >= this.settings.abortRepeat ? 2 : span >= this.settings.warnRepeat ? 1 : 0;
    if (level <= this.groupFlagged || this.groupCount < MIN_REPEATS || !this.isPaddingRow()) return;
    this.groupFlagged = level;
    const token = this.window.slice(this.tokenStart, end, now);
    if (level === 1) this.startWarn('repeated-token', this.groupStart, token);
    else this.abort('repeated-token', this.groupStart, end - 1, span, token, found);
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
    found.push(this.finding('warn', `${describe(hit)} to line up columns; ${WARN_ADVICE}`, hit));
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
    found.push(this.finding('abort', `${describe(hit)} and still growing; the output is degenerate.`, hit));
  }

  private finishLine(pos: number, found: Finding[]): void {
    if (this.lines.tableRow) {
      if (this.tokenLength > 0) this.endToken(pos, pos, found);
      const kind = this.pending?.kind;
      if (kind !== undefined) this.endRun(kind, kind === 'repeated-token' ? this.groupEnd : pos, pos, found);
    }
    this.lines.endLine(pos);
    this.clearLine();
  }

  private clearLine(): void {
    this.charRun = 0;
    this.tokenLength = 0;
    this.groupCount = 0;
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
