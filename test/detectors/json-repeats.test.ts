import { describe, expect, it } from 'vitest';
import { ItemRepeatTracker, type RunHit, WordRepeatTracker } from '../../detectors/json-repeats.js';

const bars = { warn: { copies: 3, chars: 10 }, abort: { copies: 5, chars: 20 } };

/** Feed items of `width` characters, back to back, with the given hashes; returns each hit by item index. */
function feedItems(tracker: ItemRepeatTracker, hashes: readonly number[], width: number, level = 1) {
  const hits: [number, RunHit][] = [];
  hashes.forEach((hash, index) => {
    const hit = tracker.item(level, hash, index * width, index * width + width);
    if (hit) hits.push([index, hit]);
  });
  return hits;
}

describe('ItemRepeatTracker', () => {
  it('warns, then aborts, when one item repeats, each bar once', () => {
    const tracker = new ItemRepeatTracker(bars, 4, 8);
    tracker.begin(1);
    const hits = feedItems(tracker, [9, 7, 7, 7, 7, 7, 7, 7, 7], 4);
    expect(hits.map(([index, hit]) => [index, hit.severity, hit.period, hit.copies, hit.start])).toEqual([
      [3, 'warn', 1, 3, 4],
      [5, 'abort', 1, 5, 4],
    ]);
    expect(hits[1]?.[1]).toMatchObject({ end: 24, lastStart: 20 });
  });

  it('needs both bars: many tiny items reach the copies bar long before the length bar', () => {
    const tracker = new ItemRepeatTracker(bars, 4, 8);
    tracker.begin(1);
    const hits = feedItems(tracker, new Array(30).fill(1), 1);
    expect(hits.map(([index, hit]) => [index, hit.severity, hit.copies])).toEqual([
      [9, 'warn', 10],
      [19, 'abort', 20],
    ]);
  });

  it('finds cycles of several items up to the longest period, and no longer ones', () => {
    const cycle = (period: number) => Array.from({ length: period * 6 }, (_, index) => index % period);
    const tracker = new ItemRepeatTracker(bars, 4, 8);
    tracker.begin(1);
    const found = feedItems(tracker, cycle(3), 4).find(([, hit]) => hit.severity === 'abort');
    expect(found?.[1]).toMatchObject({ period: 3, copies: 5, start: 0 });
    expect(found?.[0]).toBe(14);
    tracker.begin(1);
    expect(feedItems(tracker, cycle(5), 4)).toEqual([]);
  });

  it('tells items of equal hash but different length apart', () => {
    const tracker = new ItemRepeatTracker(bars, 2, 8);
    tracker.begin(1);
    const hits = [0, 1, 2, 3, 4, 5].map((index) =>
      tracker.item(1, 5, index * 10, index * 10 + 1 + (index % 2)),
    );
    expect(hits.every((hit) => hit === undefined || hit.period === 2)).toBe(true);
  });

  it('keeps arrays at different levels apart, restarts on begin, and ignores levels past its cap', () => {
    const tracker = new ItemRepeatTracker(bars, 2, 2);
    tracker.begin(1);
    tracker.begin(2);
    feedItems(tracker, [1, 1], 10, 1);
    feedItems(tracker, [2, 2], 10, 2);
    expect(tracker.item(1, 1, 100, 110)).toMatchObject({ severity: 'warn', copies: 3 });
    tracker.begin(1);
    expect(tracker.item(1, 1, 200, 210)).toBeUndefined();
    tracker.begin(3);
    expect(feedItems(tracker, new Array(20).fill(4), 10, 3)).toEqual([]);
  });

  it('counts one unit of work per period compared', () => {
    const tracker = new ItemRepeatTracker(bars, 4, 8);
    tracker.begin(1);
    feedItems(tracker, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);
    expect(tracker.units).toBe(0 + 1 + 2 + 3 + 4 * 6);
  });
});

describe('WordRepeatTracker', () => {
  const wordBars = { warn: { copies: 3, chars: 8 }, abort: { copies: 5, chars: 16 } };

  /** Feed the words of `text` (split at spaces) with their offsets; the hash is the word's text length and first code. */
  function words(texts: readonly string[]) {
    const hits: RunHit[] = [];
    const tracker = new WordRepeatTracker(wordBars, (hit) => hits.push(hit));
    let offset = 0;
    for (const text of texts) {
      tracker.begin();
      for (const match of text.matchAll(/\S+/g)) {
        const start = offset + (match.index ?? 0);
        tracker.word(
          match[0].charCodeAt(0) * 1000 + match[0].length,
          match[0].length,
          start,
          start + match[0].length,
        );
      }
      offset += text.length + 2;
    }
    return hits;
  }

  it('warns, then aborts, on one word repeated, with the run span', () => {
    const hits = words(['say own own own own own own']);
    expect(hits.map((hit) => [hit.severity, hit.copies, hit.start, hit.end, hit.lastStart])).toEqual([
      ['warn', 3, 4, 15, 12],
      ['abort', 5, 4, 23, 20],
    ]);
  });

  it('needs both bars: a one-letter word must repeat until the run is long enough', () => {
    const hits = words(['a a a a a a a a a']);
    // A run of k one-letter words spans 2k - 1 characters: 5 reach the warn length, 9 the abort length.
    expect(hits.map((hit) => [hit.severity, hit.copies])).toEqual([
      ['warn', 5],
      ['abort', 9],
    ]);
  });

  it('starts a new run for a different word or a new string value', () => {
    expect(words(['a a b a a b a a'])).toEqual([]);
    expect(words(['yes yes', 'yes yes', 'yes yes'])).toEqual([]);
  });

  it('counts one unit of work per word', () => {
    const tracker = new WordRepeatTracker(wordBars, () => {});
    for (let index = 0; index < 7; index++) tracker.word(index, 1, index * 2, index * 2 + 1);
    expect(tracker.units).toBe(7);
  });
});
