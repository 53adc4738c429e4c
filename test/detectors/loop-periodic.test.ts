import { describe, expect, it } from 'vitest';
import {
  ABORT_MIN_REPEATED,
  CODE_ABORT_MIN_COPIES,
  DIGITS_ABORT_MIN_REPEATED,
  SHORT_PERIOD_MIN_REPEATED,
  SYMBOLS_ABORT_MIN_REPEATED,
  TABLE_ABORT_MIN_COPIES,
} from '../../detectors/loop-thresholds.js';
import { createTextLoopDetector, type TextLoopOptions } from '../../detectors/text-loop.js';
import { clipEvidence, type Finding } from '../../src/finding.js';
import { feedPieces, splitRandomly } from '../support/feed.js';

const LEAD = 'Here is some ordinary text that leads into the problem:\n';

/** Pseudo-random lowercase words, exactly `length` chars, ending in a letter (so a copy never ends in a space). */
function wordsOf(length: number, seed: number): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x1_0000_0000;
  };
  let text = '';
  while (text.length < length) {
    let word = '';
    for (let letters = 2 + Math.floor(next() * 7); letters > 0; letters -= 1)
      word += String.fromCharCode(97 + Math.floor(next() * 26));
    text += `${word} `;
  }
  return `${text.slice(0, length - 1)}q`;
}

const run = (text: string, options: TextLoopOptions = {}, seed = 0) =>
  feedPieces(createTextLoopDetector(options), seed === 0 ? [text] : splitRandomly(text, seed, 64));
const aborts = (findings: readonly Finding[]) => findings.filter((finding) => finding.severity === 'abort');

describe('exact loops', () => {
  it.each([1, 2, 3, 4, 7, 11, 26, 64, 126, 500, 1000, 2481, 2600])(
    'aborts a period of %i at the exact character where the bar is passed',
    (period) => {
      const unit = period <= 5 ? 'abcde'.slice(0, period) : wordsOf(period, period);
      const text = LEAD + unit.repeat(Math.ceil(9000 / period) + 3);
      const repeated = Math.max(period <= 3 ? SHORT_PERIOD_MIN_REPEATED : ABORT_MIN_REPEATED, 2 * period);
      const findings = run(text, {}, period);
      expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'abort']);
      expect(findings[1]).toMatchObject({
        start: LEAD.length,
        end: LEAD.length + period + repeated,
        data: { period, exact: true },
      });
      expect(findings[0]?.end).toBeLessThan(findings[1]?.end ?? 0);
      // One copy, aligned on the loop start, even when the copy is longer than the ring holds.
      expect(findings[1]?.evidence).toBe(clipEvidence(unit));
    },
  );

  it('needs maxPeriod to reach a period: 2,601 is beyond the default, within 3,500', () => {
    const text = LEAD + wordsOf(2601, 5).repeat(4);
    expect(run(text)).toEqual([]);
    expect(aborts(run(text, { maxPeriod: 3500 }))).toMatchObject([{ data: { period: 2601, copies: 3 } }]);
    expect(
      run(LEAD + wordsOf(126, 3).repeat(6), { maxPeriod: 100 }).filter((finding) => finding.data?.exact),
    ).toEqual([]);
  });

  it('finds a loop inside a JSON string value', () => {
    const text = `{\n  "description": "The horizon is orange where the sky meets the ocean, ${'own '.repeat(60)}`;
    expect(aborts(run(text, {}, 3))).toMatchObject([{ data: { period: 4, exact: true }, evidence: ' own' }]);
  });

  it('reads JSON escapes: a cycle of lines joined by \\n inside a string is one loop', () => {
    const lines = 'Yeah I know exercise helps my mood\\n\\nLet us talk about Emma again\\n\\n';
    const findings = aborts(run(`{"user_quote": "${lines.repeat(8)}`, {}, 4));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toContain('mood Let us talk');
    const period = 'Yeah I know exercise helps my mood Let us talk about Emma again '.length;
    expect(findings[0]?.data).toMatchObject({ period, exact: true });
  });

  it('sees through terminal wraps and indents', () => {
    const sentence = 'I will also try to find an example of how to get an operation by name. ';
    const wrapped = sentence.repeat(6).replace(/(.{50,58}) /g, '$1\n  ');
    expect(aborts(run(LEAD + wrapped, {}, 5))).toMatchObject([{ data: { period: sentence.length } }]);
  });

  it('drops box-drawing borders of terminal panels', () => {
    const sentence = 'I will also try to find an example of how to get an operation by name. ';
    const boxed = sentence
      .repeat(5)
      .match(/.{1,60}/g)
      ?.map((line) => `│ ${line.padEnd(60)} │`)
      .join('\n');
    expect(aborts(run(`╭${'─'.repeat(64)}╮\n${boxed}`))).toHaveLength(1);
  });
});

describe('exact loops in Markdown blocks', () => {
  const table = (rows: number) => `| Name | Value |\n|---|---|\n${'| Yes | No |\n'.repeat(rows)}`;

  it(`aborts identical table rows only at ${TABLE_ABORT_MIN_COPIES} copies and 256 repeated characters`, () => {
    expect(aborts(run(table(15)))).toEqual([]);
    const found = aborts(run(table(40), {}, 6));
    expect(found).toHaveLength(1);
    expect(found[0]?.data?.copies).toBeGreaterThanOrEqual(TABLE_ABORT_MIN_COPIES);
  });

  it(`aborts repeated code lines only at ${CODE_ABORT_MIN_COPIES} copies and 160 repeated characters`, () => {
    const code = (lines: number) => `\`\`\`js\n${'expect(value).toBe(1);\n'.repeat(lines)}\`\`\`\n`;
    expect(aborts(run(code(7)))).toEqual([]);
    expect(aborts(run(code(30)))).toHaveLength(1);
  });

  it('aborts identical list items at the prose bar', () => {
    const item = '- Retry the request with the same payload.\n';
    const findings = aborts(run(`${LEAD}${item.repeat(8)}`, {}, 7));
    expect(findings).toMatchObject([{ data: { period: item.length, exact: true } }]);
    expect(findings[0]?.data?.copies).toBe(3);
  });

  it('treats the same lines outside a fence as prose', () => {
    expect(aborts(run(`${LEAD}${'expect(value).toBe(1);\n'.repeat(7)}`))).toHaveLength(1);
  });

  it(`lets runs of symbols go up to ${SYMBOLS_ABORT_MIN_REPEATED} repeated characters`, () => {
    expect(run(`${LEAD}${'-'.repeat(1000)}\n${'='.repeat(800)}\n${'.'.repeat(900)}`)).toEqual([]);
    const flood = run(`${LEAD}${'!?'.repeat(3000)}`);
    expect(flood.map((finding) => finding.severity)).toEqual(['warn', 'abort']);
    expect(flood[1]?.end).toBe(LEAD.length + 2 + SYMBOLS_ABORT_MIN_REPEATED);
  });

  it(`lets digit patterns go up to ${DIGITS_ABORT_MIN_REPEATED} repeated characters`, () => {
    expect(aborts(run(`[${'0, '.repeat(300)}0]`))).toEqual([]);
    expect(aborts(run(`[${'0, '.repeat(400)}0]`))).toHaveLength(1);
  });
});

describe('legit repetition stays clean', () => {
  it.each([
    ['laughter', 'She laughed: ha ha ha ha ha ha, and then ha ha ha again.'],
    [
      'a nursery rhyme',
      'Row, row, row your boat,\nGently down the stream.\nMerrily, merrily, merrily, merrily,\n',
    ],
    [
      'a refrain sung twice',
      `${'Let it be, let it be, let it be, let it be.\nWhisper words of wisdom, let it be.\n'.repeat(2)}`,
    ],
    ['rules and ellipses', `Title\n=====\n\nSection\n-------\n\nWait...... what?\n\n${'*'.repeat(80)}\n`],
    ['a table separator', `| a | b | c | d | e |\n| --- | --- | --- | --- | --- |\n| 1 | 2 | 3 | 4 | 5 |\n`],
    ['a hex dump', hexDump()],
    [
      'base64',
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    ],
    [
      'spinner frames',
      JSON.stringify({ dots: { interval: 80, frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] } }),
    ],
    ['interleaved boilerplate', settingsList()],
  ])('does not abort %s', (_label, text) => {
    for (const seed of [0, 1, 2]) expect(aborts(run(text, {}, seed))).toEqual([]);
  });
});

function hexDump(): string {
  const lines: string[] = [];
  for (let line = 0; line < 40; line += 1) {
    const bytes = Array.from({ length: 16 }, (_, index) =>
      ((line * 7 + index * 13) % 256).toString(16).padStart(2, '0'),
    );
    lines.push(`${(line * 16).toString(16).padStart(8, '0')}  ${bytes.join(' ')}`);
  }
  return `${lines.join('\n')}\n${'00000280  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n'}`;
}

/** 108 settings, each with the same "Requires restart" line between different descriptions. */
function settingsList(): string {
  const parts: string[] = [];
  for (let index = 0; index < 108; index += 1) {
    parts.push(`- **\`general.option${index}\`** (boolean): Turns feature number ${index} on or off.`);
    parts.push(`  - **Default:** \`${index % 2 === 0}\``);
    parts.push('  - **Requires restart:** Yes');
  }
  return parts.join('\n');
}
