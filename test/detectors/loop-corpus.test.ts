import { describe, expect, it } from 'vitest';
import { createTextLoopDetector } from '../../detectors/text-loop.js';
import type { Finding } from '../../src/finding.js';
import { listCorpus, readCorpus, readCorpusJson, reportMissingCorpus } from '../support/corpus.js';
import { feedEveryWay, feedPieces, splitEvery } from '../support/feed.js';

/**
 * Real loops whose recorded text shows fewer than three copies of the loop: the excerpt stops
 * too early for certainty (copies measured on the normalised text). text-loop may warn on them
 * but must not abort, since legit text repeats a block twice (two copies of 75 chars in
 * legit-docs/gemini-cli-docs/docs__reference__configuration.md).
 */
const FEWER_THAN_THREE_COPIES: Readonly<Record<string, string>> = {
  'degenerate/004-geminicli15495-save-memory-block-loop.txt': '2.26 copies of a 499-char block',
  'degenerate/007-opencode262-build-successful-loop.txt': '2.24 copies of a 100-char passage',
  'degenerate/008-geminicli4807-two-paragraph-alternating-loop.txt':
    '1.6 copies of a ~769-char paragraph pair',
  'degenerate/009-geminicli15089-three-paragraph-block-loop.txt': '2.9 copies of a 375-char block',
  'degenerate/010-geminicli4937-success-message-loop.txt': '2.85 copies of a 92-char sentence',
  'gemini-cli-issues/gh-4807-implementation-plan-chant.txt': '1.6 copies of a ~769-char paragraph pair',
  'gemini-cli-issues/gh-15495-save-memory-long-period.txt': '2.26 copies of a 499-char block',
  'gemini-cli-issues/gh-15593-generating-go-done.txt': '2.0 copies of a 49-char four-line cycle',
};

/**
 * json-loop cases left to the structured-output detectors: only a parser's log line survives,
 * holding 4 copies of `"AI",` (15 repeated characters), no more than legit prose repeats
 * (4.8 copies of `> <br` in legit/024-awesome-list.md).
 */
const LEFT_TO_STRUCTURED_OUTPUT: Readonly<Record<string, string>> = {
  'degenerate/015-kompl7-entities-ai-json-loop.txt': '4 copies of a 5-char array item',
};

interface DegenerateIndex {
  cases: { file: string; kind: string }[];
}
interface IssueIndex {
  cases: { file: string; kind: string }[];
}

const findingsOf = (text: string, size = 0) =>
  feedPieces(createTextLoopDetector(), size > 0 ? splitEvery(text, size) : [text]);
const aborts = (findings: readonly Finding[]) => findings.filter((finding) => finding.severity === 'abort');

function loopCases(): string[] {
  const degenerate = readCorpusJson<DegenerateIndex>('degenerate/index.json').cases;
  const issues = readCorpusJson<IssueIndex>('gemini-cli-issues/index.json').cases;
  return [
    ...degenerate
      .filter((entry) => entry.kind === 'text-loop' || entry.kind === 'json-loop')
      .map((entry) => `degenerate/${entry.file}`),
    ...issues.filter((entry) => entry.kind === 'real-loop').map((entry) => `gemini-cli-issues/${entry.file}`),
  ];
}

/** Copies an exact loop has when it first passes the prose bar (see loop-thresholds.ts). */
function copiesAtBar(period: number): number {
  const repeated = Math.max(period <= 3 ? 128 : 64, 2 * period);
  return (repeated + period) / period;
}

describe.runIf(reportMissingCorpus('text-loop corpus'))('text-loop on the corpus', () => {
  const cases = corpusCases();

  it('knows every exception it lists', () => {
    for (const file of [...Object.keys(FEWER_THAN_THREE_COPIES), ...Object.keys(LEFT_TO_STRUCTURED_OUTPUT)]) {
      expect(cases).toContain(file);
    }
  });

  it.each(cases.filter((file) => !(file in FEWER_THAN_THREE_COPIES) && !(file in LEFT_TO_STRUCTURED_OUTPUT)))(
    'aborts the real loop in %s promptly',
    (file) => {
      const found = aborts(findingsOf(readCorpus(file)));
      expect(found.length).toBeGreaterThan(0);
      const first = found[0] as Finding;
      const data = first.data as { period: number; copies: number; exact: boolean };
      // Exact loops abort within one copy of the bar; drift chains at 11 or 21 units.
      if (data.exact) expect(data.copies).toBeLessThanOrEqual(copiesAtBar(data.period) + 1);
      else expect([11, 21]).toContain(data.copies);
      expect(first.evidence.length).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries({ ...FEWER_THAN_THREE_COPIES, ...LEFT_TO_STRUCTURED_OUTPUT }))(
    'does not abort %s (%s)',
    (file) => {
      const findings = findingsOf(readCorpus(file));
      expect(aborts(findings)).toEqual([]);
      for (const finding of findings) expect((finding.data as { copies: number }).copies).toBeLessThan(3);
    },
  );

  it.each(cases)('finds the same in %s however it is split', (file) => {
    const ways = feedEveryWay(() => createTextLoopDetector(), readCorpus(file));
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it('does not abort the shared-prefix list gemini-cli wrongly flagged (recon-18007)', () => {
    const text = readCorpus('gemini-cli-issues/recon-18007-shared-prefix-list.txt');
    for (const size of [0, 1, 7, 64]) expect(findingsOf(text, size)).toEqual([]);
  });

  it.each(listCorpus('legit'))('never aborts legit/%s whole or in 1-, 7-, 64-, 512-char pieces', (file) => {
    const text = readCorpus(file);
    for (const size of [0, 1, 7, 64, 512]) expect(aborts(findingsOf(text, size)), `size ${size}`).toEqual([]);
  });

  it('never aborts the 977 legit-docs files, whole or in 64-char pieces', () => {
    const files = listCorpus('legit-docs');
    expect(files.length).toBeGreaterThan(900);
    const aborted: string[] = [];
    for (const file of files) {
      const text = readCorpus(file);
      for (const size of [0, 64])
        if (aborts(findingsOf(text, size)).length > 0) aborted.push(`${file} @${size}`);
    }
    expect(aborted).toEqual([]);
  });
});

/** The loop cases, or none when the corpus is missing (the suite is then skipped anyway). */
function corpusCases(): string[] {
  return reportMissingCorpus('text-loop corpus cases') ? loopCases() : [];
}
