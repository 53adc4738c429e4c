import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import escapePolicy from '../../prompts/escape-policy.md';
import noRepetition from '../../prompts/no-repetition.md';
import recitationOriginality from '../../prompts/recitation-originality.md';
import tableFormat from '../../prompts/table-format.md';
import tableHeadingPipe from '../../prompts/table-heading-pipe.md';
import thoughtRecap from '../../prompts/thought-recap.md';
import type { Issue } from '../errors/guard-error.js';
import { InvalidOptionsError } from '../errors/invalid-options-error.js';
import { SNIPPET_IDS, type SnippetId } from '../remediation-ids.js';

/** The text of every snippet, keyed by id. */
export type SnippetTexts = Readonly<Record<SnippetId, string>>;

/**
 * The snippets that ship with the package (`prompts/*.md`, bundled at build time), trimmed.
 * Each carries the rules of the guide's documented workaround for its failure mode.
 */
export const DEFAULT_SNIPPETS: SnippetTexts = {
  'table-format': tableFormat.trim(),
  'table-heading-pipe': tableHeadingPipe.trim(),
  'escape-policy': escapePolicy.trim(),
  'thought-recap': thoughtRecap.trim(),
  'no-repetition': noRepetition.trim(),
  'recitation-originality': recitationOriginality.trim(),
};

/** Where snippet texts come from besides the defaults. */
export interface SnippetSources {
  /**
   * A folder holding `<id>.md` files (for example `my-prompts/table-format.md`). Files that are
   * missing keep the default text; the folder itself must exist.
   */
  readonly snippetsDir?: string;
  /** Texts that replace the defaults (and the folder's files), by id. */
  readonly snippets?: Partial<Record<SnippetId, string>>;
}

/**
 * The snippet texts to use: the defaults, replaced by the files of `snippetsDir`, replaced by
 * `snippets`. Reads the folder once, synchronously (call it at set-up, not per request). Unknown
 * ids, empty texts and an unreadable folder throw `InvalidOptionsError`.
 */
export function resolveSnippets(sources: SnippetSources = {}): SnippetTexts {
  const issues: Issue[] = [];
  const texts: Record<SnippetId, string> = { ...DEFAULT_SNIPPETS };
  if (sources.snippetsDir !== undefined) readFolder(sources.snippetsDir, texts, issues);
  for (const [id, text] of Object.entries(sources.snippets ?? {})) {
    if (!isSnippetId(id)) {
      issues.push({ code: 'unknown_snippet', path: ['snippets', id], message: unknownMessage(id) });
    } else if (typeof text !== 'string' || text.trim() === '') {
      issues.push({ code: 'empty_snippet', path: ['snippets', id], message: 'must be a non-empty string' });
    } else {
      texts[id] = text.trim();
    }
  }
  if (issues.length > 0) throw new InvalidOptionsError('snippet options', issues);
  return texts;
}

function readFolder(folder: string, texts: Record<SnippetId, string>, issues: Issue[]): void {
  for (const id of SNIPPET_IDS) {
    let text: string;
    try {
      text = readFileSync(join(folder, `${id}.md`), 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' && folderExists(folder)) continue;
      issues.push({
        code: 'unreadable_snippet',
        path: ['snippetsDir'],
        message: `cannot read ${join(folder, `${id}.md`)} (${typeof code === 'string' ? code : 'error'})`,
      });
      return;
    }
    if (text.trim() === '') {
      issues.push({ code: 'empty_snippet', path: ['snippetsDir', id], message: `${id}.md is empty` });
    } else {
      texts[id] = text.trim();
    }
  }
}

function folderExists(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function isSnippetId(value: string): value is SnippetId {
  return (SNIPPET_IDS as readonly string[]).includes(value);
}

function unknownMessage(id: string): string {
  return `no snippet is called "${id}"; known: ${SNIPPET_IDS.join(', ')}`;
}
