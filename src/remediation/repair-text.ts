import type { Finding } from '../finding.js';
import { collapseSeparator, stripRowPadding, type TextEdit } from './repair-tables.js';

/** What an edit of {@link repairText} did. */
export type RepairKind = 'collapse-separator' | 'strip-padding' | 'collapse-newlines' | 'cut-loop';

/** One change made by {@link repairText}, in offsets of the ORIGINAL text. */
export interface RepairEdit extends TextEdit {
  readonly kind: RepairKind;
  /** The detector whose finding asked for it. */
  readonly detector: string;
}

/** The repaired text and every edit made, in text order. */
export interface RepairResult {
  readonly text: string;
  readonly edits: readonly RepairEdit[];
}

/** Characters after which a kept loop copy may end. */
const SENTENCE_ENDS = new Set(['.', '!', '?', '\n']);
/** A loop's first copy is searched for with a needle of at most this many characters. */
const LOOP_NEEDLE_LENGTH = 32;

/**
 * Repair degenerate answer text guided by its findings: runaway table separators collapse to
 * `---` per column, padding runs in table cells are stripped, newline floods collapse (to a blank
 * line in prose, one line break between JSON tokens, one `\n` escape inside a JSON string, nothing
 * after the JSON value), and a looped tail is cut back to its first copy. Only `text`-channel
 * findings are used; overlapping edits keep the one that starts first. Pure; never throws.
 */
export function repairText(text: string, findings: readonly Finding[]): RepairResult {
  const proposed: RepairEdit[] = [];
  for (const finding of findings) {
    if (finding.channel !== 'text' || finding.start < 0 || finding.start > text.length) continue;
    const edit = editFor(text, finding);
    if (edit) proposed.push(edit);
  }
  proposed.sort((a, b) => a.start - b.start || b.end - a.end);
  const edits: RepairEdit[] = [];
  for (const edit of proposed) {
    const last = edits[edits.length - 1];
    if (last && edit.start < last.end) continue;
    edits.push(edit);
  }
  const pieces: string[] = [];
  let copied = 0;
  for (const edit of edits) {
    pieces.push(text.slice(copied, edit.start), edit.replacement);
    copied = edit.end;
  }
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), edits };
}

function editFor(text: string, finding: Finding): RepairEdit | undefined {
  const tag = (kind: RepairKind, edit: TextEdit | undefined): RepairEdit | undefined =>
    edit ? { ...edit, kind, detector: finding.detector } : undefined;
  switch (finding.detector) {
    case 'table-hyphens':
      return tag('collapse-separator', collapseSeparator(text, Math.min(finding.start, text.length)));
    case 'table-padding':
      return tag('strip-padding', stripRowPadding(text, Math.min(finding.start, text.length)));
    case 'newline-flood':
      return tag('collapse-newlines', collapseFlood(text, finding));
    case 'text-loop':
      return tag('cut-loop', cutLoop(text, finding));
    default:
      return undefined;
  }
}

/** A whitespace character or an escaped line break or tab (`\n`, `\r`, `\t` written as two characters). */
function floodUnitLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x0a || code === 0x0d || code === 0x09 || code === 0x20) return 1;
  if (code === 0x5c && /[nrt]/.test(text.charAt(index + 1))) return 2;
  return 0;
}

function collapseFlood(text: string, finding: Finding): TextEdit | undefined {
  let start = Math.min(finding.start, text.length);
  while (start > 0 && /[\n\r\t ]/.test(text.charAt(start - 1))) start -= 1;
  let end = start;
  let escaped = false;
  while (end < text.length) {
    const length = floodUnitLength(text, end);
    if (length === 0) break;
    escaped ||= length === 2;
    end += length;
  }
  if (end - start < 2) return undefined;
  const context = finding.data?.context;
  const replacement =
    context === 'trailing' || end === text.length
      ? ''
      : escaped || context === 'string'
        ? '\\n'
        : context === 'layout'
          ? '\n'
          : '\n\n';
  return { start, end, replacement };
}

/** Cut from the start of the loop's second copy to the end of the loop (the end of the text when it ran there). */
function cutLoop(text: string, finding: Finding): TextEdit | undefined {
  const start = finding.start;
  const copies =
    typeof finding.data?.copies === 'number' && finding.data.copies > 1 ? finding.data.copies : 2;
  const loopEnd = Math.min(text.length, Math.max(finding.end, start));
  const period = Math.max(1, Math.round((loopEnd - start) / copies));
  const needle = text.slice(start, start + Math.min(period, LOOP_NEEDLE_LENGTH)).trim();
  const found = needle === '' ? -1 : text.indexOf(needle, start + 1);
  const second = found > start && found <= start + 2 * period ? found : start + period;
  if (second >= text.length) return undefined;
  // Match later copies against the second copy, not the first: the detector compares text with
  // whitespace folded, so its first copy may begin across a line break that later copies write as
  // a space ("plan.\nI will ..." then "again. I will ...").
  const copy = text.slice(second, second + (second - start));
  let end = second;
  while (copy.length > 0 && text.startsWith(copy, end)) end += copy.length;
  const cut = naturalEnd(text, second, Math.min(end, second + period));
  // Drifting copies are not equal: the finding's end bounds them. A loop that ran to (or within
  // one period of) the end of the text, the usual case for an aborted stream, is cut whole.
  if (end < loopEnd) end = loopEnd;
  if (text.length - end < period) end = text.length;
  return { start: cut, end: Math.max(cut, end), replacement: '' };
}

/**
 * A loop's copies can be read from any rotation; the detector's first copy may start mid-sentence.
 * Keep one copy that ends where a reader expects it to: at the first sentence or line end at or
 * after `from` (before `limit`, trailing spaces dropped), else at `from`.
 */
function naturalEnd(text: string, from: number, limit: number): number {
  for (let position = from; position <= limit; position += 1) {
    let end = position;
    while (end > 1 && (text.charAt(end - 1) === ' ' || text.charAt(end - 1) === '\t')) end -= 1;
    if (SENTENCE_ENDS.has(text.charAt(end - 1))) return end;
  }
  return from;
}
