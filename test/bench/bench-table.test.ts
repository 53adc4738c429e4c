import { describe, expect, it } from 'vitest';
import { formatBenchTable } from '../../src/bench/bench-table.js';
import { fixtureResult, fixtureRuns } from './support/fixtures.js';

const runs = [...fixtureRuns('a', 10, 4), ...fixtureRuns('b', 10, 0), ...fixtureRuns('c', 10, 1)];

describe('formatBenchTable', () => {
  it('opens with the SIMULATED banner and shows every figure of every variant', () => {
    const table = formatBenchTable(fixtureResult(runs));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^SIMULATED · /);
    expect(lines[0]).toMatch(/NOT measurements of Gemini/);
    const header = lines.find((line) => line.includes('failed [95% CI]'));
    for (const column of [
      'runs',
      'table-hyphens',
      'aborted',
      'out tok/run',
      'wasted tok',
      'p50 ms',
      'p95 ms',
    ]) {
      expect(header).toContain(column);
    }
    const rowA = lines.find((line) => line.includes('plain, t=0.2'));
    expect(rowA).toMatch(/ 10 +40% \[17-69\] +40% \[17-69\] +40% +110 +800 +15 +19/);
    expect(lines.find((line) => line.trimStart().startsWith('* '))).toMatch(/\* b /);
    expect(table).toMatch(/best: b is best \(0% failed/);
  });

  it('says LIVE for live results and leaves out the guarded section when it did not run', () => {
    const table = formatBenchTable(fixtureResult(runs, false));
    expect(table.startsWith('LIVE · ')).toBe(true);
    expect(table).not.toContain('guarded loop');
  });

  it('shows the guarded loop when its figures are there', () => {
    const guarded = runs.map((run) => ({
      ...run,
      guarded: {
        ok: true,
        attempts: run.failedBy.length > 0 ? 2 : 1,
        stopReason: 'accepted',
        outputTokens: 60,
        wastedTokens: 10,
        latencyMs: 5,
      },
    }));
    const table = formatBenchTable(fixtureResult(guarded));
    expect(table).toMatch(/guarded loop +clean \[95% CI\] +attempts\/call +attempts to clean +wasted tok/);
    expect(table).toMatch(/plain, t=0.2 +100% \[72-100\] +1.40 +1.40 +100/);
  });

  it('colours only when asked', () => {
    expect(formatBenchTable(fixtureResult(runs))).not.toMatch(/\u001b\[/);
    expect(formatBenchTable(fixtureResult(runs), { color: true })).toMatch(/\u001b\[/);
  });
});
