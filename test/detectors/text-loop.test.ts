import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTextLoopDetector,
  DEFAULT_MAX_PERIOD,
  TextLoopDefinition,
  TextLoopOptionsSchema,
} from '../../detectors/text-loop.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { GuardEvent } from '../../src/events.js';
import type { Finding } from '../../src/finding.js';
import { parseOptions } from '../../src/options.js';
import { feedEveryWay, feedPieces, splitRandomly } from '../support/feed.js';

/** A 26-char sentence pair, the shape of gemini-cli issue #13322. */
const CHANT = "I'll do it. I'll execute. ";
const PROSE = 'Here is the plan for the refactor, step by step:\n\n';
/** The blank after PROSE collapses to the space that also ends each copy: the loop starts there. */
const LOOP_START = PROSE.length - 2;

const loopFindings = (text: string, pieces = 1) =>
  feedPieces(createTextLoopDetector(), pieces <= 1 ? [text] : splitRandomly(text, pieces, 40));

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('text-loop options', () => {
  it('fills in defaults: every channel, drift on, periods up to 2,600', () => {
    expect(parseOptions(TextLoopOptionsSchema, {}, 'text-loop')).toEqual({
      maxPeriod: DEFAULT_MAX_PERIOD,
      channels: ['text', 'thought'],
      drift: true,
    });
    expect(DEFAULT_MAX_PERIOD).toBe(2600);
  });

  it.each([
    [{ maxPeriod: 2.5 }, ['maxPeriod']],
    [{ maxPeriod: 8 }, ['maxPeriod']],
    [{ maxPeriod: 100_000 }, ['maxPeriod']],
    [{ channels: [] }, ['channels']],
    [{ channels: ['answer'] }, ['channels', 0]],
    [{ drift: 'yes' }, ['drift']],
  ])('rejects %j with an issue at path %j', (options, path) => {
    const error = thrownBy(() => createTextLoopDetector(options as never));
    expect(isInvalidOptionsError(error)).toBe(true);
    if (!isInvalidOptionsError(error)) return;
    expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
    expect(error.message).toContain('text-loop');
  });

  it('rejects unknown keys', () => {
    const error = thrownBy(() => createTextLoopDetector({ period: 10 } as never));
    expect(isInvalidOptionsError(error) && error.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('builds a working detector from its registry definition', () => {
    const options = parseOptions(TextLoopOptionsSchema, {}, 'text-loop');
    const detector = TextLoopDefinition.create(options, {});
    expect(TextLoopDefinition.id).toBe('text-loop');
    expect(feedPieces(detector, [PROSE + CHANT.repeat(10)]).map((finding) => finding.severity)).toEqual([
      'warn',
      'abort',
    ]);
  });
});

describe('text-loop findings', () => {
  it('aborts a chant at three copies and 64 repeated characters, with the loop start and one copy', () => {
    const text = PROSE + CHANT.repeat(40);
    const findings = loopFindings(text);
    expect(findings).toHaveLength(2);
    const [warn, abort] = findings as [Finding, Finding];
    expect(warn.severity).toBe('warn');
    expect(abort).toMatchObject({
      detector: 'text-loop',
      severity: 'abort',
      channel: 'text',
      candidate: 0,
      start: LOOP_START,
      // 64 repeated characters after the first copy; +1 raw unit for the blank's collapsed newline.
      end: LOOP_START + 1 + CHANT.length + 64,
      evidence: ` ${CHANT.trimEnd()}`,
      remediations: ['no-repetition', 'raise-temperature', 'drop-thinking-instructions'],
      data: { period: CHANT.length, exact: true, channel: 'text' },
    });
    expect(abort.data?.copies).toBeCloseTo((64 + CHANT.length) / CHANT.length, 0);
    expect(warn.start).toBe(abort.start);
    expect(warn.end).toBeLessThan(abort.end);
  });

  it('returns the abort from the push whose piece holds the triggering character', () => {
    const detector = createTextLoopDetector();
    const text = PROSE + CHANT.repeat(40);
    let offset = 0;
    for (const piece of splitRandomly(text, 9, 30)) {
      const found = detector.push({ type: 'text-delta', candidate: 0, text: piece, offset });
      const abort = found.find((finding) => finding.severity === 'abort');
      if (abort) {
        expect(abort.end).toBeGreaterThan(offset);
        expect(abort.end).toBeLessThanOrEqual(offset + piece.length);
        return;
      }
      offset += piece.length;
    }
    throw new Error('no abort');
  });

  it('reports each loop once per level, and a new loop after other text again', () => {
    const other = '\n\nThat was a mistake. Now something else entirely, with new words.\n\n';
    const text = PROSE + CHANT.repeat(200) + other + 'Stop now please. '.repeat(60);
    const findings = loopFindings(text, 3);
    expect(findings.map((finding) => `${finding.severity}:${finding.data?.period}`)).toEqual([
      'warn:26',
      'abort:26',
      'warn:17',
      'abort:17',
    ]);
  });

  it('reports loops in thought text on the thought channel, with thought remediations', () => {
    const findings = feedPieces(createTextLoopDetector(), [PROSE + CHANT.repeat(10)], 'thought');
    expect(findings.at(-1)).toMatchObject({
      severity: 'abort',
      channel: 'thought',
      data: { channel: 'thought' },
      remediations: ['drop-thinking-instructions', 'thought-recap', 'no-repetition', 'raise-temperature'],
    });
  });

  it('tracks answer and thought text separately', () => {
    const detector = createTextLoopDetector();
    const found: Finding[] = [];
    const sentence = 'The build succeeded and every test passed on the first try. ';
    for (let copy = 0; copy < 8; copy += 1) {
      const type = copy % 2 === 0 ? 'text-delta' : 'thought-delta';
      const offset = Math.floor(copy / 2) * sentence.length;
      found.push(...detector.push({ type, candidate: 2, text: sentence, offset }));
    }
    found.push(...detector.end());
    // Four copies each, interleaved: each channel alone passes three copies.
    expect(found.filter((finding) => finding.severity === 'abort').map((finding) => finding.channel)).toEqual(
      ['text', 'thought'],
    );
    expect(found.every((finding) => finding.candidate === 2)).toBe(true);
  });

  it('does not mix channels: two copies in each channel are not a loop', () => {
    const detector = createTextLoopDetector();
    const sentence = 'The build succeeded and every test passed on the first try. ';
    const found: Finding[] = [];
    for (let copy = 0; copy < 4; copy += 1) {
      const type = copy % 2 === 0 ? 'text-delta' : 'thought-delta';
      found.push(
        ...detector.push({ type, candidate: 0, text: sentence, offset: (copy >> 1) * sentence.length }),
      );
    }
    expect([...found, ...detector.end()].filter((finding) => finding.severity === 'abort')).toEqual([]);
  });

  it('watches only the configured channels', () => {
    const detector = createTextLoopDetector({ channels: ['text'] });
    const findings = feedPieces(detector, [PROSE + CHANT.repeat(10)], 'thought');
    expect(findings).toEqual([]);
  });

  it('ignores events that carry no text', () => {
    const detector = createTextLoopDetector();
    const finish = {
      type: 'finish',
      candidate: 0,
      reason: 'STOP',
      safetyRatings: [],
      citations: [],
    } as const;
    expect(detector.push({ ...finish, textLength: 0, thoughtLength: 0 })).toEqual([]);
    expect(detector.push({ type: 'user-turn', candidate: 0 })).toEqual([]);
    expect(detector.end()).toEqual([]);
  });

  it('ignores malformed hand-built events instead of throwing', () => {
    const detector = createTextLoopDetector();
    const broken = { type: 'text-delta', candidate: 0, text: undefined, offset: 0 } as unknown as GuardEvent;
    expect(detector.push(broken)).toEqual([]);
    const odd = {
      type: 'text-delta',
      candidate: 0,
      text: PROSE + CHANT.repeat(10),
      offset: -5,
    } as GuardEvent;
    expect(detector.push(odd).at(-1)).toMatchObject({ severity: 'abort', start: LOOP_START });
  });

  it('forgets everything on reset and finds the same loops again', () => {
    const detector = createTextLoopDetector();
    const text = PROSE + CHANT.repeat(12);
    const first = feedPieces(detector, [text]);
    detector.reset();
    expect(feedPieces(detector, [text])).toEqual(first);
  });

  it('gives identical findings however the text is split', () => {
    const text = `${PROSE}${CHANT.repeat(9)}\n\n- item one\n- item two\n\n${'own '.repeat(50)}`;
    const ways = feedEveryWay(() => createTextLoopDetector(), text);
    const whole = ways.whole;
    expect(whole?.length).toBeGreaterThan(0);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(whole);
  });
});

describe('text-loop properties', () => {
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
  const edgyUnit = fc.constantFrom(
    ' ',
    '\n',
    '|',
    '`',
    '\\',
    'n',
    'u',
    '0',
    'a',
    '.',
    '-',
    '│',
    '"',
    '\t',
    '>',
  );
  const text = fc.string({ unit: fc.oneof(anyUnit, edgyUnit), maxLength: 400 });

  it('never throws on arbitrary UTF-16, lone surrogates included', () => {
    fc.assert(
      fc.property(text, (input) => {
        const findings = feedPieces(createTextLoopDetector(), [input]);
        for (const finding of findings) expect(finding.end).toBeGreaterThanOrEqual(finding.start);
      }),
    );
  });

  it('finds the same thing whole and at random splits, for arbitrary and loop-shaped text', () => {
    const loopShaped = fc
      .tuple(text, fc.string({ unit: fc.oneof(anyUnit, edgyUnit), minLength: 1, maxLength: 40 }), fc.nat(60))
      .map(([head, unit, copies]) => head + unit.repeat(copies));
    fc.assert(
      fc.property(fc.oneof(text, loopShaped), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const whole = feedPieces(createTextLoopDetector(), [input]);
        const split = feedPieces(createTextLoopDetector(), splitRandomly(input, seed, 9));
        expect(split).toEqual(whole);
      }),
    );
  });
});
