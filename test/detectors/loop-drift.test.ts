import { describe, expect, it } from 'vitest';
import { BLOCK_PROSE } from '../../detectors/loop-markdown.js';
import { LoopRing } from '../../detectors/loop-ring.js';
import {
  DRIFT_ABORT_LINKS,
  DRIFT_END_ABORT_LINKS,
  DRIFT_END_WARN_LINKS,
  DRIFT_WARN_LINKS,
} from '../../detectors/loop-thresholds.js';
import { DRIFTED, DRIFTED_AT_END, NO_MATCH, SAME, UnitComparer } from '../../detectors/loop-units.js';
import { createTextLoopDetector, type TextLoopOptions } from '../../detectors/text-loop.js';
import type { Finding } from '../../src/finding.js';
import { feedEveryWay, feedPieces } from '../support/feed.js';

const NOUNS = [
  'camera',
  'photo library',
  'microphone',
  'location',
  'contacts',
  'calendar',
  'reminders',
  'bluetooth',
  'speech recognition',
  'motion and fitness',
  'health',
  'homekit',
  'siri',
  'media library',
  'notifications',
  'tracking',
  'local network',
  'face id',
  'nearby devices',
  'focus status',
  'music',
  'files',
  'home data',
  'wallet',
  'keyboard',
];

const checklist = (count: number) =>
  NOUNS.slice(0, count).map(
    (noun) => `[X] Fix bug where the app crashes when the user denies ${noun} permissions.`,
  );
const endSlots = (count: number) =>
  NOUNS.slice(0, count).map((noun) => `I am going to make sure we also cover ${noun}.`);
const run = (text: string, options: TextLoopOptions = {}, channel: 'text' | 'thought' = 'text') =>
  feedPieces(createTextLoopDetector(options), [text], channel);
const severities = (findings: readonly Finding[]) => findings.map((finding) => finding.severity);

/** Where line `index` (0-based) ends in `lines.join('\n')`. */
function lineEnd(lines: readonly string[], index: number): number {
  return lines.slice(0, index + 1).join('\n').length;
}

describe('drifting loops', () => {
  it(`warns at ${DRIFT_WARN_LINKS + 1} and aborts at ${DRIFT_ABORT_LINKS + 1} lines that change one slot`, () => {
    const lines = checklist(14);
    const findings = run(lines.join('\n'));
    expect(severities(findings)).toEqual(['warn', 'abort']);
    expect(findings[0]).toMatchObject({
      start: 0,
      end: lineEnd(lines, DRIFT_WARN_LINKS),
      data: { exact: false },
    });
    expect(findings[1]).toMatchObject({
      start: 0,
      end: lineEnd(lines, DRIFT_ABORT_LINKS),
      evidence: lines[DRIFT_ABORT_LINKS],
      data: { copies: DRIFT_ABORT_LINKS + 1, exact: false, channel: 'text' },
    });
  });

  it('finds the same drift however the text is split', () => {
    const ways = feedEveryWay(() => createTextLoopDetector(), checklist(14).join('\n'));
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it(`needs ${DRIFT_END_ABORT_LINKS + 1} sentences when the slot always ends the sentence`, () => {
    const few = endSlots(DRIFT_ABORT_LINKS + 3).join(' ');
    expect(severities(run(few))).toEqual(['warn']);
    const sentences = endSlots(DRIFT_END_ABORT_LINKS + 2);
    const findings = run(sentences.join(' '));
    expect(severities(findings)).toEqual(['warn', 'abort']);
    expect(findings[0]?.data?.copies).toBe(DRIFT_END_WARN_LINKS + 1);
    expect(findings[1]?.data?.copies).toBe(DRIFT_END_ABORT_LINKS + 1);
  });

  it('finds drift in list items whose slot is inside the item', () => {
    const items = checklist(14).map((line) => `- ${line.slice(4)}`);
    const findings = run(items.join('\n'));
    expect(findings.at(-1)).toMatchObject({ severity: 'abort', end: lineEnd(items, DRIFT_ABORT_LINKS) });
  });

  it('sees numbered items that repeat one text as a loop, their numbers being structure', () => {
    const items = Array.from(
      { length: 14 },
      (_, index) => `${index + 1}. Check the server logs for the failing request.`,
    );
    const findings = run(items.join('\n'));
    expect(findings.at(-1)).toMatchObject({
      severity: 'abort',
      end: lineEnd(items, DRIFT_ABORT_LINKS),
      data: { copies: DRIFT_ABORT_LINKS + 1, exact: true },
    });
  });

  it('finds drift inside a JSON string value', () => {
    const value = endSlots(DRIFT_END_ABORT_LINKS + 3).join(' ');
    const findings = run(`{"internal_notes": {"content": "${value}`);
    expect(findings.at(-1)).toMatchObject({ severity: 'abort', data: { copies: DRIFT_END_ABORT_LINKS + 1 } });
  });

  it('reports drift in thought text on the thought channel', () => {
    const findings = run(checklist(12).join('\n'), {}, 'thought');
    expect(findings.at(-1)).toMatchObject({ severity: 'abort', channel: 'thought' });
  });

  it('can be switched off', () => {
    expect(run(checklist(14).join('\n'), { drift: false })).toEqual([]);
  });
});

describe('legit templates are not drift', () => {
  it('ignores verses that differ only by a counter', () => {
    const verses: string[] = [];
    for (let count = 99; count > 1; count -= 1) {
      verses.push(
        `There are ${count} green bottles standing on the garden wall, ${count} green bottles on the wall.`,
      );
      verses.push(
        `If one green bottle should fall down, there will be ${count - 1} green bottles on the wall.\n`,
      );
    }
    expect(run(verses.join('\n'))).toEqual([]);
  });

  it('ignores cumulative verses that grow by an inserted clause', () => {
    const clauses = [
      'the cat that chased',
      'the dog that worried',
      'the cow that tossed',
      'the maid that milked',
      'the man that kissed',
      'the priest that married',
      'the farmer that sowed',
    ];
    const verses: string[] = [];
    for (let length = 0; length <= clauses.length; length += 1) {
      verses.push(
        `This is ${clauses.slice(0, length).reverse().join(' ')} the rat that ate the malt in the house we built.`,
      );
    }
    expect(run(verses.join('\n'))).toEqual([]);
  });

  it('ignores list items that share a prefix and end in their own word', () => {
    const items = NOUNS.map((noun) => `- Added support for exporting ${noun}.`);
    expect(run(items.join('\n'))).toEqual([]);
  });

  it('ignores identifiers that share a long prefix (gemini-cli issue #18007)', () => {
    const names = NOUNS.map(
      (noun) => `projects/my-project-12345/locations/us-central1/services/${noun.replace(/ /g, '')}`,
    );
    expect(run(names.join('\n'))).toEqual([]);
  });

  it('ignores templated table rows and code lines', () => {
    const rows = NOUNS.map(
      (noun) => `| ${noun} permission | denied when the user says no to the ${noun} prompt |`,
    );
    expect(run(`| Name | Effect |\n|---|---|\n${rows.join('\n')}`)).toEqual([]);
    const code = NOUNS.map((noun) => `  requestPermission("${noun}", onDenied, { retry: false });`);
    expect(run(`\`\`\`js\n${code.join('\n')}\n\`\`\``)).toEqual([]);
  });
});

describe('unit comparison', () => {
  const compare = (a: string, b: string) => {
    const ring = new LoopRing();
    for (const [index, char] of [...`${b} ${a}`].entries()) ring.push(char.charCodeAt(0), index, BLOCK_PROSE);
    return new UnitComparer(ring).compare(b.length + 1, a.length, 0, b.length);
  };

  it.each([
    [
      'the same sentence',
      'The user denies camera access today.',
      'The user denies camera access today.',
      SAME,
    ],
    [
      'a middle slot',
      'The user denies camera access on the phone.',
      'The user denies photo library access on the phone.',
      DRIFTED,
    ],
    [
      'an end slot',
      'I am going to make her feel understood.',
      'I am going to make her feel cherished.',
      DRIFTED_AT_END,
    ],
    [
      'a counter',
      'There are 98 bottles standing on the garden wall.',
      'There are 99 bottles standing on the garden wall.',
      NO_MATCH,
    ],
    [
      'an insertion',
      'This is the house that we built together.',
      'This is the cat that chased the house that we built together.',
      NO_MATCH,
    ],
    [
      'a slot of four words',
      'The app crashes when it opens the camera today.',
      'The app crashes when it calls out to the network stack today.',
      NO_MATCH,
    ],
    [
      'a slot with punctuation',
      '"description": "a string is valid", "data": 1,',
      '"description": "a number is valid", "data": 2,',
      NO_MATCH,
    ],
  ])('judges %s', (_label, a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
  });

  it('widens a slot to whole words', () => {
    const a = 'The app crashes when the user denies contacts permissions.';
    const b = 'The app crashes when the user denies calendar permissions.';
    expect(compare(a, b)).toBe(DRIFTED);
  });
});
