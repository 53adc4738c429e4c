import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABORT_NEWLINES,
  ABORT_TABS,
  createNewlineFloodDetector,
  LAYOUT_ABORT_NEWLINES,
  NewlineFloodDefinition,
  type NewlineFloodOptions,
  STRING_ABORT_NEWLINES,
} from '../../detectors/newline-flood.js';
import type { Finding } from '../../src/finding.js';
import type { DetectorContext, WorkMeter } from '../../src/registry.js';
import { legitAborts, listCorpus, readCorpus, reportMissingCorpus } from '../support/corpus.js';
import { feedEveryWay, feedPieces, feedTracked, splitEvery, streamChunks } from '../support/feed.js';
import { rejectedPaths } from '../support/options.js';

const flood = (text: string, context: DetectorContext = {}, options: NewlineFloodOptions = {}) =>
  feedPieces(createNewlineFloodDetector(options, context), streamChunks(text, 17));
const severities = (findings: readonly Finding[]) => findings.map((finding) => finding.severity);

describe('newline-flood', () => {
  it('aborts a raw newline flood in prose at the 16th line break, mid-stream', () => {
    const text = `Here is the summary.${'\n'.repeat(5000)}`;
    const tracked = feedTracked(createNewlineFloodDetector(), streamChunks(text, 3));
    expect(tracked).toHaveLength(1);
    const [{ finding, pieceStart, pieceEnd }] = tracked as [(typeof tracked)[number]];
    expect(finding).toMatchObject({
      detector: 'newline-flood',
      severity: 'abort',
      channel: 'text',
      start: 20,
      end: 20 + ABORT_NEWLINES,
      remediations: ['escape-policy', 'rewrite-escapes'],
      data: { kind: 'newlines', context: 'prose', length: ABORT_NEWLINES, escaped: 0, line: 1, column: 20 },
    });
    expect(finding.end).toBeGreaterThan(pieceStart);
    expect(finding.end).toBeLessThanOrEqual(pieceEnd);
    expect(finding.evidence.startsWith('Here is the summary.\n')).toBe(true);
  });

  it('aborts a flood of escaped \\n inside a JSON string at the 8th one', () => {
    const text = `{"answer": "Done.${'\\n'.repeat(3000)}`;
    const tracked = feedTracked(createNewlineFloodDetector(), streamChunks(text, 4));
    expect(tracked.map((entry) => entry.finding)).toMatchObject([
      {
        severity: 'abort',
        start: 17,
        end: 17 + 2 * STRING_ABORT_NEWLINES,
        data: { context: 'string', newlines: STRING_ABORT_NEWLINES, escaped: STRING_ABORT_NEWLINES },
      },
    ]);
    const [{ finding, pieceStart, pieceEnd }] = tracked as [(typeof tracked)[number]];
    expect(finding.end).toBeGreaterThan(pieceStart);
    expect(finding.end).toBeLessThanOrEqual(pieceEnd);
  });

  it('reads \\\\n as an escaped backslash and a letter, not a line break', () => {
    expect(flood(`{"path": "${'C:\\\\new'.repeat(50)}", "b": "${'\\\\n'.repeat(200)}"}`)).toEqual([]);
    expect(flood(`Use ${'\\\\n'.repeat(100)} in prose too.`)).toEqual([]);
  });

  it('reports the line and column where the run began, counting lines after a backslash too', () => {
    expect(flood(`one\\\ntwo\nthree   ${'\n'.repeat(20)}`)).toMatchObject([
      { severity: 'abort', start: 14, data: { line: 3, column: 5, newlines: ABORT_NEWLINES } },
    ]);
  });

  it('counts a CRLF pair as one line break, raw or escaped', () => {
    expect(flood(`a${'\r\n'.repeat(15)}b`)).toMatchObject([{ severity: 'warn', data: { newlines: 15 } }]);
    expect(flood(`a${'\r\n'.repeat(16)}b`)).toMatchObject([{ severity: 'abort', data: { newlines: 16 } }]);
    expect(flood(`{"a": "x${'\\r\\n'.repeat(7)}y"}`)).toMatchObject([
      { severity: 'warn', data: { newlines: 7 } },
    ]);
    expect(flood(`{"a": "x${'\\r\\n'.repeat(100)}`)).toMatchObject([
      { severity: 'abort', data: { newlines: 8 } },
    ]);
  });

  it('aborts runs of tabs, raw or escaped, at the 32nd', () => {
    expect(flood(`x${'\t'.repeat(500)}y`)).toMatchObject([
      { severity: 'abort', start: 1, end: 1 + ABORT_TABS, data: { kind: 'tabs', length: ABORT_TABS } },
    ]);
    expect(flood(`{"code": "${'\\t'.repeat(500)}`)).toMatchObject([
      { severity: 'abort', start: 10, end: 10 + 2 * ABORT_TABS, data: { kind: 'tabs', context: 'string' } },
    ]);
    expect(flood('x\t\t\t\t\t\t\t\t\ty')).toMatchObject([
      { severity: 'warn', data: { kind: 'tabs', tabs: 9 } },
    ]);
  });

  it('counts whitespace-only lines of varying width between JSON tokens with the layout bars', () => {
    const text = `{\n  "age":${'   \n \n      \n\t\n'.repeat(50)}30}`;
    expect(flood(text)).toMatchObject([
      { severity: 'abort', start: 10, data: { context: 'layout', newlines: LAYOUT_ABORT_NEWLINES, line: 2 } },
    ]);
  });

  it('treats whitespace after the complete JSON value as a flood', () => {
    expect(flood(`{"a": [1, 2]}${'\n'.repeat(50)}`)).toMatchObject([
      { severity: 'abort', start: 13, end: 17, data: { context: 'trailing', newlines: 4 } },
    ]);
    expect(flood('{"a": 1}\n')).toEqual([]);
    expect(flood('[1, 2]\n\n')).toMatchObject([{ severity: 'warn', data: { context: 'trailing' } }]);
  });

  it('uses the structured bars from the first unit when a schema is set', () => {
    const text = ' \n\n\n\n{"a": 1}';
    expect(flood(text, { schema: { type: 'object' } })).toMatchObject([
      { severity: 'abort', start: 0, data: { context: 'layout' } },
    ]);
    expect(flood(text)).toEqual([]);
    expect(flood(text, {}, { mode: 'structured' })).toMatchObject([{ severity: 'abort' }]);
    expect(flood('{"a": 1,\n\n\n\n"b": 2}', {}, { mode: 'prose' })).toEqual([]);
  });

  it('keeps the prose bars for Markdown that opens with a bracket', () => {
    expect(flood('[![build](badge.svg)](ci)\n\n\n\nText')).toEqual([]);
    expect(flood('[link](x)\n\n\n\nText')).toEqual([]);
    expect(flood('{{ template }}\n\n\n\nText')).toEqual([]);
    expect(severities(flood('[\n\n\n\n1]'))).toEqual(['abort']);
  });

  it('stays silent on ordinary prose, Markdown and pretty-printed JSON', () => {
    const clean = [
      '# Title\n\nA paragraph.\n\n\n\nAfter three blank lines.\n',
      '```json\n{\n  "a": "x\\ny"\n}\n```\n',
      JSON.stringify({ a: [1, 2, { b: 'line one\nline two\n\nline four' }], c: 'tab\there' }, null, 2),
      JSON.stringify({ poem: 'verse one\n\nverse two\n\nverse three' }, null, '\t'),
      JSON.stringify({ language: 'python', code: 'def a():\n    pass\n\n\ndef b():\n    pass\n' }),
    ];
    for (const text of clean) expect(flood(text), text).toEqual([]);
  });

  it('watches thoughts apart from the answer and names the channel', () => {
    const detector = createNewlineFloodDetector();
    const found = [
      ...detector.push({ type: 'text-delta', candidate: 1, text: 'Answer\n\n\n', offset: 0 }),
      ...detector.push({
        type: 'thought-delta',
        candidate: 1,
        text: `Thinking${'\n'.repeat(20)}`,
        offset: 0,
      }),
      ...detector.push({ type: 'text-delta', candidate: 1, text: '\n\n\nmore', offset: 9 }),
      ...detector.end(),
    ];
    expect(
      found.map((finding) => [finding.channel, finding.severity, finding.candidate, finding.start]),
    ).toEqual([
      ['thought', 'abort', 1, 8],
      ['text', 'warn', 1, 6],
    ]);
  });

  it('forgets everything on reset', () => {
    const detector = createNewlineFloodDetector();
    detector.push({ type: 'text-delta', candidate: 0, text: `{"a": "${'\\n'.repeat(5)}`, offset: 0 });
    detector.reset();
    expect(feedPieces(detector, [`plain ${'\\n'.repeat(5)} text`])).toMatchObject([{ severity: 'warn' }]);
  });

  it('starts a run at the spaces before its first line break, in prose, JSON strings and layout', () => {
    const prose = `some words   ${'\n'.repeat(20)}more`;
    const string = `{"a": "some words   ${'\\n'.repeat(12)}"}`;
    const layout = `{"a": 1,   ${'\n'.repeat(6)}"b": 2}`;
    for (const text of [prose, string, layout]) {
      const ways = feedEveryWay(() => createNewlineFloodDetector(), text);
      expect(ways.whole, text).toMatchObject([{ severity: 'abort', start: text.indexOf('   ') }]);
      for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
    }
  });

  it('finds the same things however the text is split', () => {
    const texts = [
      `Intro\n\n\n\n\n\nBody ${'\\n'.repeat(6)} and ${'\r\n'.repeat(40)}${'\t'.repeat(40)}end`,
      `{"a": "x${'\\n\\n'.repeat(3)}", "b": "${'\\\\n'.repeat(9)}",\n\n"c": "${'\\r\\n'.repeat(30)}"}${'\n \n'.repeat(9)}`,
    ];
    for (const text of texts) {
      const ways = feedEveryWay(() => createNewlineFloodDetector(), text);
      expect(ways.whole?.length).toBeGreaterThanOrEqual(3);
      for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
    }
  });

  it('never throws and splits never matter, on arbitrary text', () => {
    const unit = fc.oneof(
      fc.constantFrom('\n', '\r', '\t', ' ', '\\', '\\n', '\\t', '\\r', '"', '{', '[', '}', ']', 'a', '\\\\'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const text = fc.array(unit, { maxLength: 300 }).map((units) => units.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), fc.boolean(), (sample, size, schema) => {
        const context = schema ? { schema: {} } : {};
        const whole = feedPieces(createNewlineFloodDetector({}, context), [sample]);
        expect(feedPieces(createNewlineFloodDetector({}, context), splitEvery(sample, size))).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('rejects bad options with issues that name the option', () => {
    const cases: [unknown, string][] = [
      [{ abortNewlines: 1 }, 'abortNewlines'],
      [{ warnNewlines: 20 }, 'warnNewlines'],
      [{ layoutWarnNewlines: 4 }, 'layoutWarnNewlines'],
      [{ stringAbortNewlines: 2.5 }, 'stringAbortNewlines'],
      [{ mode: 'json' }, 'mode'],
      [{ abortTabs: null }, 'abortTabs'],
      [{ newlines: 4 }, ''],
    ];
    for (const [options, path] of cases) {
      const label = JSON.stringify(options);
      expect(
        rejectedPaths(() => createNewlineFloodDetector(options as NewlineFloodOptions), label),
        label,
      ).toContain(path);
    }
  });

  it('does linear work on adversarial input', () => {
    for (const [head, unit] of [
      ['', '\n'],
      ['', 'x'],
      ['{"a": "', '\\n'],
      ['{"a": "', '\\\\'],
      ['', ' \n\t'],
    ] as const) {
      const work = (size: number) => {
        const meter: WorkMeter = { units: 0 };
        const detector = NewlineFloodDefinition.create(NewlineFloodDefinition.optionsSchema.parse({}), {
          meter,
        });
        feedPieces(detector, splitEvery(head + unit.repeat(Math.ceil(size / unit.length)), 64));
        return meter.units;
      };
      const small = work(100_000);
      expect(small).toBeGreaterThan(0);
      expect(work(1_000_000) / small).toBeLessThanOrEqual(12);
    }
  });

  describe.runIf(reportMissingCorpus('newline-flood corpus'))('on the corpus', () => {
    it('aborts the two real newline floods: 023 at its 4th trailing newline, 024 inside the object', () => {
      const trailing = feedPieces(createNewlineFloodDetector(), [
        readCorpus('degenerate/023-ollama2577-qwen-json-trailing-newlines.txt'),
      ]);
      expect(trailing).toMatchObject([
        { severity: 'abort', start: 55, end: 59, data: { context: 'trailing' } },
      ]);
      // 024 is 22 bytes: `{`, a whitespace-only line, `"age":`, then 3 whitespace-only lines.
      const guided = feedPieces(createNewlineFloodDetector(), [
        readCorpus('degenerate/024-vllm4093-llama2-json-newlines.txt'),
      ]);
      expect(severities(guided)).toEqual(['warn', 'abort']);
      expect(guided[1]).toMatchObject({ start: 10, end: 19, data: { context: 'layout', newlines: 4 } });
    });

    it('never aborts on legit/ files, whole or in 1-, 7-, 64- and 512-unit pieces', () => {
      expect(listCorpus('legit').length).toBeGreaterThan(20);
      expect(legitAborts(() => createNewlineFloodDetector())).toEqual([]);
    });

    it('never aborts on legit-docs/ files, whole or in 64-unit pieces, and splits agree', () => {
      const files = listCorpus('legit-docs');
      expect(files.length).toBeGreaterThan(900);
      for (const file of files) {
        const text = readCorpus(file);
        const whole = feedPieces(createNewlineFloodDetector(), [text]);
        // At most 3 blank lines in a row in legit-docs: below even the prose warn bar.
        expect(whole, file).toEqual([]);
        expect(feedPieces(createNewlineFloodDetector(), splitEvery(text, 64)), file).toEqual(whole);
      }
    });
  });
});
