import { describe, expect, it } from 'vitest';
import { caseDetectors, pickBest, summarizeRuns } from '../../src/bench/summarize.js';
import { FIXTURE_CONFIG, fixtureRuns } from './support/fixtures.js';

describe('summarizeRuns', () => {
  it('turns runs into rates with intervals, tokens and latency percentiles per variant', () => {
    const runs = [...fixtureRuns('a', 10, 4), ...fixtureRuns('b', 10, 0), ...fixtureRuns('c', 10, 1)];
    const [a] = summarizeRuns(FIXTURE_CONFIG, runs);
    expect(a).toMatchObject({ caseId: 'tables', variantId: 'a', label: 'plain, t=0.2', runs: 10, errors: 0 });
    expect(a?.failure).toMatchObject({ count: 4, runs: 10, rate: 0.4 });
    expect(a?.detectors['table-hyphens']).toMatchObject({ count: 4, rate: 0.4 });
    expect(a?.aborted.count).toBe(4);
    expect(a?.meanOutputTokens).toBe((4 * 200 + 6 * 50) / 10);
    expect(a?.wastedTokens).toBe(800);
    expect(a?.latencyP50Ms).toBe(14.5);
    expect(a?.latencyP95Ms).toBeCloseTo(18.55, 10);
  });

  it('leaves failed calls out of every rate and counts them as errors', () => {
    const runs = fixtureRuns('a', 4, 2).map((run, index) =>
      index === 0 ? { ...run, verdict: undefined, error: 'HTTP 500' } : run,
    );
    const [a] = summarizeRuns(FIXTURE_CONFIG, runs);
    expect(a).toMatchObject({ runs: 3, errors: 1 });
    expect(a?.failure.count).toBe(1);
  });

  it('lists the detectors of a case, the most frequent first', () => {
    const runs = [...fixtureRuns('a', 5, 1, 'text-loop'), ...fixtureRuns('b', 5, 3, 'table-hyphens')];
    expect(caseDetectors(runs, 'tables')).toEqual(['table-hyphens', 'text-loop']);
  });
});

describe('pickBest', () => {
  it('picks the lowest failure rate and says nothing of overlap when the intervals are apart', () => {
    const runs = [...fixtureRuns('a', 60, 40), ...fixtureRuns('b', 60, 2), ...fixtureRuns('c', 60, 45)];
    const [best] = pickBest(summarizeRuns(FIXTURE_CONFIG, runs));
    expect(best).toMatchObject({ variantId: 'b', overlapsWith: [] });
    expect(best?.note).toMatch(/overlaps no other/);
  });

  it('notes every variant whose interval overlaps the best one', () => {
    const runs = [...fixtureRuns('a', 10, 3), ...fixtureRuns('b', 10, 2), ...fixtureRuns('c', 10, 9)];
    const [best] = pickBest(summarizeRuns(FIXTURE_CONFIG, runs));
    expect(best).toMatchObject({ variantId: 'b', overlapsWith: ['a'] });
    expect(best?.note).toMatch(/cannot tell them apart/);
  });

  it('breaks a tie in rate by the narrower interval', () => {
    const runs = [...fixtureRuns('a', 5, 0), ...fixtureRuns('b', 20, 0), ...fixtureRuns('c', 10, 5)];
    expect(pickBest(summarizeRuns(FIXTURE_CONFIG, runs))[0]?.variantId).toBe('b');
  });
});
