import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { cli, workspace } from './support/cli.js';

const space = workspace();
afterAll(() => space.remove());

const CLEAN = {
  model: 'gemini-2.5-flash',
  contents: 'Why is the sky blue?',
  config: { temperature: 1, maxOutputTokens: 2048 },
};
const FAULTY = {
  model: 'gemini-2.5-flash',
  contents: 'Compare the planets in a Markdown table. Answer like {"name": "Caf\\u00e9"}.',
  config: { systemInstruction: 'Be helpful.', temperature: 0.3 },
};

describe('gemini-guard lint', () => {
  it('exits 0 for a request with nothing to fix', () => {
    const run = cli(['lint', space.file('clean.json', JSON.stringify(CLEAN))], space.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/clean\.json ok/);
  });

  it('lists parameter errors and prompt lints with their paths and fixes, and exits 1', () => {
    const request = { ...FAULTY, config: { ...FAULTY.config, candidateCount: 9 } };
    const run = cli(['lint', space.file('faulty.json', JSON.stringify(request))], space.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/error +config\.candidateCount +candidate-count-range/);
    expect(run.stdout).toMatch(/lint +contents +escape-sequences/);
    expect(run.stdout).toMatch(/lint +contents +table-without-guidelines/);
    expect(run.stdout).toMatch(/fix: table-format/);
    const json = JSON.parse(cli(['lint', join(space.dir, 'faulty.json'), '--json'], space.dir).stdout);
    expect(json.ok).toBe(false);
    expect(json.issues.map((issue: { code: string }) => issue.code)).toEqual(['candidate-count-range']);
    expect(json.lints.map((lint: { id: string }) => lint.id).sort()).toEqual([
      'escape-sequences',
      'table-without-guidelines',
    ]);
  });

  it('writes the rewritten request with --fix --out, and the rewritten request lints clean', () => {
    const input = space.file('fix-me.json', JSON.stringify(FAULTY));
    const run = cli(['lint', input, '--fix', '--out', 'fixed.json'], space.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /fix: wrote fixed\.json \(escape sequences rewritten as characters; table-format snippet added/,
    );
    const fixed = JSON.parse(readFileSync(join(space.dir, 'fixed.json'), 'utf8'));
    expect(fixed.contents).toContain('Café');
    expect(fixed.config.systemInstruction).toBe(`Be helpful.\n\n${DEFAULT_SNIPPETS['table-format']}`);
    expect(JSON.parse(readFileSync(input, 'utf8'))).toEqual(FAULTY);
    expect(cli(['lint', join(space.dir, 'fixed.json')], space.dir).code).toBe(0);
  });

  it('rewrites the file itself with --fix --in-place', () => {
    const input = space.file('in-place.json', JSON.stringify(FAULTY));
    expect(cli(['lint', input, '--fix', '--in-place'], space.dir).code).toBe(0);
    expect(JSON.parse(readFileSync(input, 'utf8')).contents).toContain('Café');
  });

  it('exits 2 on usage errors and unreadable or invalid files, naming the file', () => {
    const request = space.file('usage.json', JSON.stringify(FAULTY));
    expect(cli(['lint', request, '--fix'], space.dir).stderr).toMatch(/--out <file> or --in-place/);
    expect(cli(['lint', request, '--fix'], space.dir).code).toBe(2);
    expect(cli(['lint', request, '--out', 'x.json'], space.dir).code).toBe(2);
    const missing = cli(['lint', 'missing.json'], space.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.json');
    const notJson = cli(['lint', space.file('text.json', 'hello')], space.dir);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/text\.json is not valid JSON/);
    expect(cli(['lint', space.file('array.json', '[1]')], space.dir).code).toBe(2);
  });

  it('prints help naming --fix, --out and --in-place', () => {
    const help = cli(['lint', '--help'], space.dir);
    expect(help.code).toBe(0);
    for (const option of ['--fix', '--out', '--in-place', '--json', 'Exit codes'])
      expect(help.stdout).toContain(option);
  });
});
