import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, workspace } from './support/cli.js';

const space = workspace();
afterAll(() => space.remove());

const TABLE = `| a | b |\n|${'-'.repeat(2000)}|---|\n| 1 | 2 |\n`;
const LOOP = 'I will run the tests now and check the output again. '.repeat(40);

describe('gemini-guard repair', () => {
  it('prints the repaired text on standard output and the edits on standard error, and exits 0 once clean', () => {
    const run = cli(['repair', space.file('table.md', TABLE)], space.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(run.stderr).toMatch(/table\.md degenerate → clean \(1 edits\)/);
    expect(run.stderr).toMatch(/2:1 +collapse-separator +table-hyphens +removed 2006 chars/);
  });

  it('cuts a looped answer back to its first copy', () => {
    const run = cli(['repair', space.file('loop.txt', LOOP), '--json'], space.dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ before: 'degenerate', after: 'clean' });
    expect(report.text.trim()).toBe('I will run the tests now and check the output again.');
    expect(report.edits).toEqual([
      expect.objectContaining({ kind: 'cut-loop', detector: 'text-loop', line: 1 }),
    ]);
  });

  it('writes the repaired text to --out and lists the edits on standard output', () => {
    const run = cli(['repair', space.file('table2.md', TABLE), '--out', 'fixed.md'], space.dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(space.dir, 'fixed.md'), 'utf8')).toBe('| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(run.stdout).toMatch(/collapse-separator/);
  });

  it('exits 1 when the output stays unusable: a block cannot be repaired', () => {
    const blocked = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Partial' }] }, finishReason: 'SAFETY' }],
    };
    const run = cli(['repair', space.file('blocked.json', JSON.stringify(blocked))], space.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Partial');
    expect(run.stderr).toMatch(/blocked → blocked/);
    expect(run.stderr).toMatch(/not repairable: safety/);
  });

  it('reads standard input with - and exits 2 naming an unreadable file', () => {
    expect(cli(['repair', '-'], space.dir, TABLE).stdout).toBe('| a | b |\n|---|---|\n| 1 | 2 |\n');
    const missing = cli(['repair', 'absent.txt'], space.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('absent.txt');
  });

  it('prints help naming its options', () => {
    const help = cli(['repair', '--help'], space.dir);
    expect(help.code).toBe(0);
    for (const option of ['--json', '--out', '--schema', 'Exit codes']) expect(help.stdout).toContain(option);
  });
});
