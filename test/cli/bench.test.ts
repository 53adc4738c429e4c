import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT, workspace } from './support/cli.js';

const space = workspace();
afterAll(() => space.remove());
const EXAMPLE = join(ROOT, 'bench/variants.example.json');

describe('gemini-guard bench', () => {
  it('runs the example offline with --out and writes results.json, results.csv and report.html', () => {
    const run = cli(['bench', EXAMPLE, '--out', 'out/', '--repeats', '4'], space.dir);
    expect(run.stderr).toMatch(/SIMULATED \(GEMINI_API_KEY is not set\)/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SIMULATED · /);
    for (const entry of ['table-heavy', 'json-extraction', 'agent'])
      expect(run.stdout).toContain(`${entry} · gemini-2.5-flash`);
    expect(run.stdout).toMatch(/best: /);
    const out = join(space.dir, 'out');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ label: 'SIMULATED', simulated: true, mode: 'simulation' });
    expect(results.runs).toHaveLength(3 * 3 * 4);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(1 + 9);
    expect(csv.slice(1).every((line) => line.startsWith('SIMULATED,'))).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('SIMULATED');
    expect(run.stderr).toContain(join('out', 'report.html'));
  });

  it('prints results.json with --json and runs the guarded loop with --guarded', () => {
    const run = cli(['bench', EXAMPLE, '--json', '--repeats', '2', '--guarded', '--seed', '5'], space.dir);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.config).toMatchObject({ repeats: 2, seed: 5, guarded: true });
    expect(result.summaries.every((row: { guarded?: { runs: number } }) => row.guarded?.runs === 2)).toBe(
      true,
    );
  });

  it('exits 2 and names the file when the config is missing, not JSON, or invalid', () => {
    const missing = cli(['bench', 'nope.json'], space.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const broken = cli(['bench', space.file('broken.json', '{"models": [')], space.dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json.*not valid JSON/);
    const invalid = cli(
      ['bench', space.file('invalid.json', JSON.stringify({ models: [], cases: [], variants: [] }))],
      space.dir,
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.json.*models/s);
    expect(cli(['bench', EXAMPLE, '--repeats', '0'], space.dir).code).toBe(2);
    expect(existsSync(join(space.dir, 'results.json'))).toBe(false);
  });

  it('prints help that names every option', () => {
    const help = cli(['bench', '--help'], space.dir);
    expect(help.code).toBe(0);
    for (const option of [
      '--out',
      '--repeats',
      '--concurrency',
      '--seed',
      '--guarded',
      '--simulate',
      '--json',
    ]) {
      expect(help.stdout).toContain(option);
    }
  });
});
