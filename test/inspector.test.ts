import { describe, expect, it } from 'vitest';
import { isInvalidOptionsError } from '../src/errors/invalid-options-error.js';
import type { GuardEvent } from '../src/events.js';
import type { Finding } from '../src/finding.js';
import { inspectText } from '../src/inspect.js';
import { createInspector, type InspectorOptions } from '../src/inspector.js';
import { splitEvery, splitRandomly } from './support/feed.js';
import { createMarkerDetector, MARKER_ONLY } from './testing/marker-detector.js';

const chunkOf = (text: string, index?: number) => ({
  candidates: [{ content: { parts: [{ text }] }, ...(index === undefined ? {} : { index }) }],
});

describe('createInspector', () => {
  it('collects findings in order, reports each to onFinding and keeps the first abort', () => {
    const reported: Finding[] = [];
    const inspector = createInspector({ ...MARKER_ONLY, onFinding: (finding) => reported.push(finding) });
    expect(inspector.pushChunk(chunkOf('intro #HA'))).toEqual([]);
    const first = inspector.pushChunk(chunkOf('LT! middle #HALT! end'));
    expect(first.map((finding) => [finding.start, finding.end])).toEqual([
      [6, 12],
      [20, 26],
    ]);
    expect(inspector.abortedBy).toEqual(first[0]);
    const ended = inspector.end();
    expect(ended).toEqual([expect.objectContaining({ severity: 'info', data: { characters: 30 } })]);
    expect(inspector.findings).toEqual([...first, ...ended]);
    expect(reported).toEqual(inspector.findings);
  });

  it('builds one detector instance per candidate, so text of different candidates never combines', () => {
    let created = 0;
    const inspector = createInspector({
      only: [],
      custom: [
        () => {
          created += 1;
          return createMarkerDetector();
        },
      ],
    });
    inspector.pushChunk({
      candidates: [chunkOf('#HA').candidates[0], { ...chunkOf('LT!', 1).candidates[0] }],
    });
    expect(inspector.findings).toEqual([]);
    expect(created).toBe(2);
    const found = inspector.pushChunk(chunkOf('LT!', 0));
    expect(found).toEqual([expect.objectContaining({ candidate: 0, start: 0, end: 6 })]);
    // end() flushes every candidate's instance.
    expect(inspector.end()).toHaveLength(2);
  });

  it('sends usage events to the detectors of every candidate', () => {
    const seen: GuardEvent[][] = [[], []];
    let next = 0;
    const inspector = createInspector({ only: [], custom: [() => createMarkerDetector(seen[next++])] });
    inspector.pushChunk({ candidates: [chunkOf('a').candidates[0], chunkOf('b', 1).candidates[0]] });
    inspector.pushChunk({ usageMetadata: { totalTokenCount: 5 } });
    for (const events of seen) {
      expect(events.at(-1)).toEqual({ type: 'usage', candidate: 0, usage: { totalTokenCount: 5 } });
    }
  });

  it('reset() forgets findings, the abort and the stream offsets but keeps the options', () => {
    const inspector = createInspector(MARKER_ONLY);
    inspector.pushChunk(chunkOf('xx#HALT!'));
    expect(inspector.abortedBy).toMatchObject({ start: 2 });
    inspector.reset();
    expect(inspector.findings).toEqual([]);
    expect(inspector.abortedBy).toBeUndefined();
    expect(inspector.pushChunk(chunkOf('#HALT!'))).toEqual([expect.objectContaining({ start: 0, end: 6 })]);
  });

  it('keeps working when its methods are passed around on their own', () => {
    const inspector = createInspector(MARKER_ONLY);
    const { pushChunk, end, reset } = inspector;
    const found = [chunkOf('xx#HA'), chunkOf('LT!')].flatMap((chunk) => pushChunk(chunk));
    expect(found).toEqual([expect.objectContaining({ start: 2, end: 8 })]);
    expect(end()).toEqual([expect.objectContaining({ severity: 'info' })]);
    reset();
    expect(inspector.findings).toEqual([]);
  });
  it('rejects bad options with InvalidOptionsError naming the path', () => {
    const issuesOf = (options: unknown) => {
      try {
        createInspector(options as InspectorOptions);
      } catch (error) {
        expect(isInvalidOptionsError(error)).toBe(true);
        return (error as { issues: { code: string; path: unknown[] }[] }).issues;
      }
      throw new Error('expected InvalidOptionsError');
    };
    expect(issuesOf({ detectors: { 'no-such': {} } })).toEqual([
      expect.objectContaining({ code: 'unknown_detector', path: ['detectors', 'no-such'] }),
    ]);
    expect(issuesOf({ only: ['nope'] })).toEqual([expect.objectContaining({ code: 'unknown_detector' })]);
    expect(issuesOf({ custom: [42] })).toEqual([expect.objectContaining({ path: ['custom', 0] })]);
    expect(issuesOf({ onFinding: 'log' })).toEqual([expect.objectContaining({ path: ['onFinding'] })]);
    expect(issuesOf({ detectorz: {} })).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    const [builtIn] = issuesOf({ detectors: { 'table-hyphens': { noSuchOption: 1 } } });
    expect(builtIn?.path.slice(0, 2)).toEqual(['detectors', 'table-hyphens']);
  });
});

describe('findings do not depend on how the input is split', () => {
  const text = `${'lorem ipsum '.repeat(20)}#HALT!${' dolor #H#HALT!'.repeat(3)}##HALT!!`;

  it('gives the same findings through inspectText whole, per character and in 7- and 64-char pieces', () => {
    const whole = inspectText(text, MARKER_ONLY).findings;
    expect(whole.filter((finding) => finding.severity === 'abort')).toHaveLength(5);
    for (const chunkSize of [1, 7, 64])
      expect(inspectText(text, { ...MARKER_ONLY, chunkSize }).findings).toEqual(whole);
  });

  it('gives the same findings through pushChunk of stream chunks split anywhere', () => {
    const feed = (pieces: string[]) => {
      const inspector = createInspector(MARKER_ONLY);
      for (const piece of pieces) inspector.pushChunk(chunkOf(piece));
      inspector.end();
      return inspector.findings;
    };
    const whole = feed([text]);
    expect(whole).toEqual(inspectText(text, MARKER_ONLY).findings);
    expect(feed(splitEvery(text, 1))).toEqual(whole);
    for (const seed of [1, 2, 3, 4]) expect(feed(splitRandomly(text, seed, 9))).toEqual(whole);
  });
});
