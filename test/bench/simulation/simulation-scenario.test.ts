import { describe, expect, it } from 'vitest';
import {
  BENCH_CASE_HEADER,
  BENCH_RUN_HEADER,
  createSimulationScenario,
  simulationDraw,
} from '../../../src/bench/simulation/simulation-scenario.js';
import { DEFAULT_SNIPPETS } from '../../../src/remediation/snippets.js';
import { collect, withFake } from '../../testing/with-fake.js';

describe('simulationDraw', () => {
  it('gives the same draw for the same seed, run and attempt, and a different one otherwise', () => {
    expect(simulationDraw(7, '0.0.1.3', 1)).toBe(simulationDraw(7, '0.0.1.3', 1));
    expect(simulationDraw(7, '0.0.1.3', 1)).not.toBe(simulationDraw(8, '0.0.1.3', 1));
    expect(simulationDraw(7, '0.0.1.3', 1)).not.toBe(simulationDraw(7, '0.0.1.3', 2));
    expect(simulationDraw(7, '0.0.1.3', 1)).not.toBe(simulationDraw(7, '0.0.1.4', 1));
  });

  it('spreads draws evenly over [0, 1) across run keys', () => {
    const draws = Array.from({ length: 20_000 }, (_, index) =>
      simulationDraw(2025, `${index % 3}.0.${index % 5}.${index}`, 1),
    );
    const tenths = new Array(10).fill(0);
    for (const draw of draws) tenths[Math.floor(draw * 10)] += 1;
    // 2,000 expected per tenth; the standard deviation of a count is about 42, so 10% is > 4 sigma.
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });
});

describe('createSimulationScenario', () => {
  const cases = new Map([['tables', { mode: 'table-hyphens' as const, baseRate: 1 }]]);
  const scenario = createSimulationScenario({ seed: 1, cases, snippets: DEFAULT_SNIPPETS, chunkDelayMs: 0 });
  const headers = (run: string) => ({ [BENCH_RUN_HEADER]: run, [BENCH_CASE_HEADER]: 'tables' });

  it('plays the runaway at a failure rate of 1 (no remedy, t=0.2) and the clean answer at a rate of 0', async () => {
    const zero = new Map([['tables', { mode: 'table-hyphens' as const, baseRate: 0 }]]);
    const texts = await withFake({ scenario }, async (fake, ai) => {
      const runaway = await collect(
        await ai.models.generateContentStream({
          model: 'gemini-2.5-flash',
          contents: 'A table please',
          config: { temperature: 0.2, httpOptions: { headers: headers('run-1') } },
        }),
      );
      fake.setScenario(
        createSimulationScenario({ seed: 1, cases: zero, snippets: DEFAULT_SNIPPETS, chunkDelayMs: 0 }),
      );
      const clean = await collect(
        await ai.models.generateContentStream({
          model: 'gemini-2.5-flash',
          contents: 'A table please',
          config: { temperature: 0.2, httpOptions: { headers: headers('run-2') } },
        }),
      );
      return [runaway, clean].map((chunks) => chunks.map((chunk) => chunk.text ?? '').join(''));
    });
    expect(texts[0]).toMatch(/-{1000}/);
    expect(texts[1]).toMatch(/\|---\|---\|/);
    expect(texts[1]).not.toMatch(/-{4}/);
  });

  it('answers requests from outside the benchmark with a short SIMULATED text', async () => {
    const text = await withFake({ scenario }, async (_fake, ai) => {
      const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
      return response.text;
    });
    expect(text).toMatch(/^SIMULATED/);
  });
});
