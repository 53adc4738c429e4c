/**
 * Table repairs: runaway separator rows collapsed to `---` per column, padding stripped from
 * cells. Each function looks at one line of the original text and returns an edit, or nothing
 * when the line needs no change.
 */

/** One change to the original text: `start..end` is replaced by `replacement`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** A cell repeated this many times or more in a row is a padding run (the detector warns at 4 spaces). */
const MIN_PADDING_COPIES = 4;
/** Longest repeated token treated as padding (the table-padding detector's MAX_TOKEN). */
const MAX_PADDING_TOKEN = 16;
/** Padding tokens that mean "blank" and are removed rather than kept once. */
const BLANK_TOKENS = new Set([' ', '\t', '\u00a0', '&nbsp;', '&#160;']);

/** Start of the line holding `position`. */
export function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
}

/** End of the line holding `position` (the index of its line feed, or the text's length). */
export function lineEnd(text: string, position: number): number {
  const found = text.indexOf('\n', position);
  return found < 0 ? text.length : found;
}

/** Number of cells in the table row on the line before `start`, or undefined when it is not a row. */
function previousRowCells(text: string, start: number): number | undefined {
  if (start === 0) return undefined;
  const line = text.slice(lineStart(text, start - 1), start - 1);
  return line.includes('|') ? cellsOf(line).cells.length : undefined;
}

/** A row split into its cells, with whether it had an outer pipe on each side. */
function cellsOf(line: string): { cells: string[]; leading: boolean; trailing: boolean } {
  const trimmed = line.trim();
  const leading = trimmed.startsWith('|');
  const trailing = trimmed.length > 1 && trimmed.endsWith('|');
  const inner = trimmed.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  return { cells: inner.split('|'), leading, trailing };
}

function joinRow(cells: readonly string[], leading: boolean, trailing: boolean): string {
  return `${leading ? '| ' : ''}${cells.join(' | ')}${trailing ? ' |' : ''}`;
}

/**
 * The separator row on the line holding `position`, rebuilt with `---` per column (alignment
 * colons kept) and no more cells than the header row has. A hyphen run that is not a separator
 * row (a runaway rule line) becomes `---`.
 */
export function collapseSeparator(text: string, position: number): TextEdit | undefined {
  const start = lineStart(text, position);
  const end = lineEnd(text, position);
  const line = text.slice(start, end);
  if (!/^[\s|:-]*$/.test(line) || !line.includes('|')) {
    let runStart = position;
    while (runStart > start && text.charAt(runStart - 1) === '-') runStart -= 1;
    let runEnd = position;
    while (runEnd < end && text.charAt(runEnd) === '-') runEnd += 1;
    return runEnd - runStart > 3 ? { start: runStart, end: runEnd, replacement: '---' } : undefined;
  }
  const { cells, leading, trailing } = cellsOf(line);
  const header = previousRowCells(text, start);
  const kept = cells
    .map((cell) => cell.trim())
    .filter((cell, index) => cell !== '' || index < cells.length - 1)
    .slice(0, header ?? cells.length)
    .map(
      (cell) => `${cell.startsWith(':') ? ':' : ''}---${cell.length > 1 && cell.endsWith(':') ? ':' : ''}`,
    );
  const replacement = `${leading ? '|' : ''}${kept.join('|')}${trailing || leading ? '|' : ''}`;
  return replacement === line ? undefined : { start, end, replacement };
}

/**
 * The table row on the line holding `position` with padding stripped: runs of blanks and of a
 * repeated short token collapsed (blanks to one space, other tokens to one copy), each cell
 * trimmed to one space either side, and empty cells beyond the header's column count dropped.
 */
export function stripRowPadding(text: string, position: number): TextEdit | undefined {
  const start = lineStart(text, position);
  const end = lineEnd(text, position);
  const line = text.slice(start, end);
  if (!line.includes('|')) return undefined;
  const { cells, leading, trailing } = cellsOf(line);
  const header = previousRowCells(text, start);
  let cleaned = cells.map((cell) => collapseRuns(cell).trim());
  if (header !== undefined && cleaned.length > header) {
    const extra = cleaned.slice(header);
    if (extra.every((cell) => cell === '')) cleaned = cleaned.slice(0, header);
  }
  const replacement = joinRow(cleaned, leading, trailing || leading);
  return replacement === line ? undefined : { start, end, replacement };
}

/** Collapse every run of a token (1-16 characters) repeated {@link MIN_PADDING_COPIES}+ times. */
export function collapseRuns(cell: string): string {
  let result = cell.replace(/[ \t\u00a0]{2,}/g, ' ');
  for (let size = 1; size <= MAX_PADDING_TOKEN; size += 1) {
    result = collapseTokenRuns(result, size);
  }
  return result;
}

function collapseTokenRuns(cell: string, size: number): string {
  if (cell.length < size * MIN_PADDING_COPIES) return cell;
  const out: string[] = [];
  let index = 0;
  while (index < cell.length) {
    const token = cell.slice(index, index + size);
    let copies = 1;
    while (token.length === size && cell.startsWith(token, index + copies * size)) copies += 1;
    if (copies >= MIN_PADDING_COPIES && token.length === size) {
      out.push(BLANK_TOKENS.has(token) ? ' ' : token);
      index += copies * size;
    } else {
      out.push(cell.charAt(index));
      index += 1;
    }
  }
  return out.join('');
}
