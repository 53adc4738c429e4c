import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { DEFAULT_SNIPPETS, resolveSnippets } from '../../src/remediation/snippets.js';
import { SNIPPET_IDS } from '../../src/remediation-ids.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'snippets-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('DEFAULT_SNIPPETS', () => {
  it('has a non-empty, trimmed text for every snippet id', () => {
    for (const id of SNIPPET_IDS) {
      expect(DEFAULT_SNIPPETS[id].length).toBeGreaterThan(40);
      expect(DEFAULT_SNIPPETS[id]).toBe(DEFAULT_SNIPPETS[id].trim());
    }
  });

  it('carries the table rules of the guide with an example table that follows them', () => {
    const text = DEFAULT_SNIPPETS['table-format'];
    expect(text).toContain('|---|');
    expect(text).toContain('|:---|');
    expect(text).toContain('|---:|');
    const separators = text.split('\n').filter((line) => /^\|(?:-{3}\|)+$/.test(line));
    expect(separators.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\|-{4,}/);
  });

  it('states the escape policy: only \\\\, \\n and \\" escapes, never \\u', () => {
    const text = DEFAULT_SNIPPETS['escape-policy'];
    for (const sequence of ['\\\\', '\\n', '\\"', '\\u']) expect(text).toContain(sequence);
    expect(text).toMatch(/UTF-8/);
  });
});

describe('resolveSnippets', () => {
  it('returns the bundled texts when nothing replaces them', () => {
    expect(resolveSnippets()).toEqual(DEFAULT_SNIPPETS);
  });

  it('replaces a snippet given as text and keeps the others', () => {
    const texts = resolveSnippets({ snippets: { 'no-repetition': '  Say it once.  ' } });
    expect(texts['no-repetition']).toBe('Say it once.');
    expect(texts['table-format']).toBe(DEFAULT_SNIPPETS['table-format']);
  });

  it('reads the files of a folder and keeps the defaults for files it lacks', () => {
    const folder = tempFolder({ 'thought-recap.md': 'Recap first.\n' });
    const texts = resolveSnippets({ snippetsDir: folder });
    expect(texts['thought-recap']).toBe('Recap first.');
    expect(texts['escape-policy']).toBe(DEFAULT_SNIPPETS['escape-policy']);
  });

  it('lets a text option win over the folder', () => {
    const folder = tempFolder({ 'thought-recap.md': 'From the folder.' });
    const texts = resolveSnippets({ snippetsDir: folder, snippets: { 'thought-recap': 'From the option.' } });
    expect(texts['thought-recap']).toBe('From the option.');
  });

  it('rejects a folder that does not exist with a typed error naming snippetsDir', () => {
    const error = thrownBy(() => resolveSnippets({ snippetsDir: join(tmpdir(), 'no-such-folder-h4') }));
    expect(isInvalidOptionsError(error)).toBe(true);
    expect((error as { issues: { path: unknown[] }[] }).issues[0]?.path).toEqual(['snippetsDir']);
  });

  it('rejects unknown ids and empty texts, naming each', () => {
    const folder = tempFolder({});
    mkdirSync(join(folder, 'nested'));
    writeFileSync(join(folder, 'table-format.md'), '   \n');
    const error = thrownBy(() =>
      resolveSnippets({ snippetsDir: folder, snippets: { 'no-such': 'x', 'no-repetition': ' ' } as never }),
    );
    const codes = (error as { issues: { code: string }[] }).issues.map((issue) => issue.code).sort();
    expect(codes).toEqual(['empty_snippet', 'empty_snippet', 'unknown_snippet']);
  });
});
