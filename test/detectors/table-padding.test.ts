import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABORT_EMPTY_CELLS,
  ABORT_REPEAT,
  ABORT_SPACES,
  createTablePaddingDetector,
  TablePaddingDefinition,
  type TablePaddingOptions,
} from '../../detectors/table-padding.js';
import type { Finding } from '../../src/finding.js';
import type { WorkMeter } from '../../src/registry.js';
import { legitAborts, listCorpus, readCorpus, reportMissingCorpus } from '../support/corpus.js';
import { feedEveryWay, feedPieces, feedTracked, splitEvery, streamChunks } from '../support/feed.js';
import { rejectedPaths } from '../support/options.js';

const table = '| Model | Notes |\n|---|---|\n';
const rowStart = table.length;

describe('table-padding', () => {
  it('aborts a cell padded with thousands of spaces, 640 spaces after the padding began', () => {
    const text = `${table}| Flash${' '.repeat(5000)}| fast |\n`;
    const tracked = feedTracked(createTablePaddingDetector(), streamChunks(text, 11));
    expect(tracked).toHaveLength(1);
    const [{ finding, pieceStart, pieceEnd }] = tracked as [(typeof tracked)[number]];
    expect(finding).toMatchObject({
      detector: 'table-padding',
      severity: 'abort',
      start: rowStart + 7,
      end: rowStart + 7 + ABORT_SPACES,
      remediations: ['table-heading-pipe', 'table-format', 'raise-temperature'],
      data: { kind: 'spaces', length: ABORT_SPACES, line: 3, column: 7, cell: 1 },
    });
    expect(finding.end).toBeGreaterThan(pieceStart);
    expect(finding.end).toBeLessThanOrEqual(pieceEnd);
    expect(finding.evidence).toContain('|---|---|\n| Flash   ');
  });

  it('aborts cells padded with a repeated token within 256 units plus one token', () => {
    const cases: [string, string][] = [
      ['&nbsp;', '&nbsp;'],
      ['&nbsp; ', '&nbsp;'],
      ['padding ', 'padding'],
      ['<br>', '<br>'],
      ['- ', '-'],
      ['\u00a0', '\u00a0'],
      ['.', '.'],
    ];
    for (const [unit, token] of cases) {
      const text = `${table}| Flash | ${unit.repeat(Math.ceil(4000 / unit.length))}|\n`;
      const findings = feedPieces(createTablePaddingDetector(), streamChunks(text, 5));
      expect(findings, unit).toHaveLength(1);
      const [finding] = findings as [Finding];
      expect(finding, unit).toMatchObject({ severity: 'abort', data: { token } });
      expect(finding.start, unit).toBe(rowStart + 10);
      expect(finding.end - finding.start, unit).toBeGreaterThanOrEqual(ABORT_REPEAT);
      expect(finding.end - finding.start, unit).toBeLessThanOrEqual(ABORT_REPEAT + unit.length);
    }
  });

  it('aborts a row that runs away into empty cells at the 64th one', () => {
    for (const cell of ['| ', '|', '|   ']) {
      const text = `${table}| Flash ${cell.repeat(2000)}\n`;
      const findings = feedPieces(createTablePaddingDetector(), streamChunks(text, 13));
      expect(findings, cell).toMatchObject([
        { severity: 'abort', start: rowStart + 8, data: { kind: 'empty-cells', length: ABORT_EMPTY_CELLS } },
      ]);
      expect(findings[0]?.end, cell).toBe(rowStart + 9 + cell.length * ABORT_EMPTY_CELLS);
    }
  });

  it('warns once per table, when the first padded run ends, for a visually aligned table', () => {
    const aligned = [
      '| Model            | Context | Notes          |',
      '|------------------|---------|----------------|',
      '| gemini-2.5-flash | 1M      | fast and cheap |',
      '| gemini-2.5-pro   | 2M      | best reasoning |',
      '',
      '| a | b |',
      '|---|---|',
      '| x      | y |',
      '',
    ].join('\n');
    const findings = feedPieces(createTablePaddingDetector(), [aligned]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warn',
        start: 7,
        end: 19,
        data: { kind: 'spaces', length: 12, token: ' ', line: 1, column: 7, cell: 1 },
      }),
      expect.objectContaining({ severity: 'warn', data: expect.objectContaining({ line: 8, length: 6 }) }),
    ]);
    expect(findings[0]?.message).toContain('one space around each cell');
  });

  it('gives a mildly padded row a warn and no abort', () => {
    const text = `${table}| Flash${' '.repeat(353)}| x |\n| Pro | ${'&nbsp;'.repeat(12)} |\n`;
    expect(feedPieces(createTablePaddingDetector(), splitEvery(text, 16)).map((f) => f.severity)).toEqual([
      'warn',
    ]);
  });

  it('stays silent on compact tables, separators, prose and code fences', () => {
    const clean = [
      '| Model | Context |\n|---|---|\n| Flash | 1M |\n| Pro | 2M |\n',
      '| a | b | c |\n|:---|:---:|---:|\n| 1 | 2 | 3 |\n',
      `| ${'--- | '.repeat(60)}\n`,
      `Prose with a pipe | and ${' '.repeat(800)} far apart.\n`,
      `\`\`\`text\n| Flash${' '.repeat(900)}|\n| ${'&nbsp;'.repeat(100)} |\n\`\`\`\n`,
      `    indented code | ${'x'.repeat(20)}\n`,
      '| yes | yes | yes |\n|---|---|---|\n| ✓ | ✓ | ✓ |\n',
    ];
    for (const text of clean) expect(feedPieces(createTablePaddingDetector(), [text]), text).toEqual([]);
  });

  it('leaves separator rows and hyphen runs to table-hyphens', () => {
    const text = `${table}|${'-'.repeat(3000)}|\n| x |${'-|'.repeat(500)}\n`;
    // The separator row is silent here; the `-` cells of a data row are padding.
    expect(feedPieces(createTablePaddingDetector(), [text])).toMatchObject([
      { severity: 'abort', data: { kind: 'repeated-token', token: '-' }, start: text.indexOf('| x |') + 5 },
    ]);
  });

  it('ignores thoughts and reports the candidate of the text', () => {
    const detector = createTablePaddingDetector({ warnSpaces: 2, abortSpaces: 8 });
    expect(
      detector.push({ type: 'thought-delta', candidate: 0, text: `| a${' '.repeat(50)}`, offset: 0 }),
    ).toEqual([]);
    const found = detector.push({ type: 'text-delta', candidate: 3, text: `| a${' '.repeat(9)}`, offset: 0 });
    expect(found.map((finding) => [finding.candidate, finding.severity])).toEqual([[3, 'abort']]);
  });

  it('forgets everything on reset', () => {
    const detector = createTablePaddingDetector();
    detector.push({ type: 'text-delta', candidate: 0, text: `| a${' '.repeat(600)}`, offset: 0 });
    detector.reset();
    expect(feedPieces(detector, [' '.repeat(100)])).toEqual([]);
  });

  it('lets a pipe after an even run of backslashes make a table row, and not after an odd run', () => {
    const base = '| a | b |\n|---|---|\n';
    const escaped = `${base}x \\|${' '.repeat(700)}|\n`;
    const doubled = `${base}x \\\\|${' '.repeat(700)}|\n`;
    const escapedWays = feedEveryWay(() => createTablePaddingDetector(), escaped);
    expect(escapedWays.whole).toEqual([]);
    for (const [label, findings] of Object.entries(escapedWays)) expect(findings, label).toEqual([]);
    const doubledWays = feedEveryWay(() => createTablePaddingDetector(), doubled);
    expect(doubledWays.whole).toMatchObject([
      {
        severity: 'abort',
        start: doubled.indexOf('|  ') + 1,
        data: { kind: 'spaces', length: ABORT_SPACES },
      },
    ]);
    for (const [label, findings] of Object.entries(doubledWays)) {
      expect(findings, label).toEqual(doubledWays.whole);
    }
  });

  it('counts padding spaces exactly across piece ends when low bars fall mid-run', () => {
    const options = { warnSpaces: 3, abortSpaces: 9 };
    const text = `| a |\n|---|\n| b${'  x'.repeat(5)}   y |\n| c${' '.repeat(20)}|\n`;
    const ways = feedEveryWay(() => createTablePaddingDetector(options), text);
    expect(ways.whole).toMatchObject([
      { severity: 'warn', start: text.indexOf('   y'), data: { kind: 'spaces', length: 3 } },
      { severity: 'abort', start: text.indexOf('c ') + 1, data: { kind: 'spaces', length: 9 } },
    ]);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it('finds the same things however the text is split', () => {
    const text = [
      '| Model    | Notes |\n|---|---|\n| Flash    | x |\n\n',
      `| a | b |\n|---|---|\n| c${' '.repeat(700)}|\n`,
      `| d | ${'&nbsp;'.repeat(60)} |\n`,
      `| e ${'| '.repeat(70)}\n`,
      `\`\`\`\n| f${' '.repeat(700)}\n\`\`\`\n`,
      `| g | ${'word '.repeat(70)}`,
    ].join('');
    const ways = feedEveryWay(() => createTablePaddingDetector(), text);
    expect(ways.whole?.map((finding) => finding.severity)).toEqual([
      'warn',
      'abort',
      'abort',
      'abort',
      'abort',
    ]);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it('never throws and splits never matter, on arbitrary text', () => {
    const unit = fc.oneof(
      fc.constantFrom('|', ' ', '  ', '-', '\n', '&nbsp;', ';', '>', '`', '\\', 'ab ', '|---|', '\t'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const text = fc.array(unit, { maxLength: 300 }).map((units) => units.join(''));
    const options = {
      warnSpaces: 2,
      abortSpaces: 8,
      warnRepeat: 8,
      abortRepeat: 16,
      warnEmptyCells: 2,
      abortEmptyCells: 4,
    };
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (sample, size) => {
        const whole = feedPieces(createTablePaddingDetector(options), [sample]);
        expect(feedPieces(createTablePaddingDetector(options), splitEvery(sample, size))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad options with issues that name the option', () => {
    const cases: [unknown, string][] = [
      [{ abortSpaces: 4 }, 'abortSpaces'],
      [{ warnSpaces: 1.5 }, 'warnSpaces'],
      [{ warnRepeat: 300 }, 'warnRepeat'],
      [{ abortEmptyCells: -1 }, 'abortEmptyCells'],
      [{ warnEmptyCells: '3' }, 'warnEmptyCells'],
      [{ padding: true }, ''],
    ];
    for (const [options, path] of cases) {
      const label = JSON.stringify(options);
      expect(
        rejectedPaths(() => createTablePaddingDetector(options as TablePaddingOptions), label),
        label,
      ).toContain(path);
    }
  });

  it('does linear work on adversarial input', () => {
    for (const unit of [' ', '| ', '|-', '\n', '&nbsp;', 'x']) {
      const work = (size: number) => {
        const meter: WorkMeter = { units: 0 };
        const detector = TablePaddingDefinition.create(TablePaddingDefinition.optionsSchema.parse({}), {
          meter,
        });
        feedPieces(detector, splitEvery(`| a |${unit.repeat(Math.ceil(size / unit.length))}`, 64));
        return meter.units;
      };
      const small = work(100_000);
      expect(small).toBeGreaterThan(0);
      expect(work(1_000_000) / small).toBeLessThanOrEqual(12);
    }
  });

  describe.runIf(reportMissingCorpus('table-padding legit corpus'))('on the legit corpus', () => {
    it('never aborts on legit/ files, whole or in 1-, 7-, 64- and 512-unit pieces', () => {
      expect(listCorpus('legit').length).toBeGreaterThan(20);
      expect(legitAborts(() => createTablePaddingDetector())).toEqual([]);
    });

    it('never aborts on legit-docs/ files, whole or in 64-unit pieces, and splits agree', () => {
      const files = listCorpus('legit-docs');
      expect(files.length).toBeGreaterThan(900);
      const kinds = new Set<unknown>();
      for (const file of files) {
        const text = readCorpus(file);
        const whole = feedPieces(createTablePaddingDetector(), [text]);
        expect(
          whole.filter((finding) => finding.severity === 'abort'),
          file,
        ).toEqual([]);
        expect(feedPieces(createTablePaddingDetector(), splitEvery(text, 64)), file).toEqual(whole);
        for (const finding of whole) kinds.add(finding.data?.kind);
      }
      // Human tables pad with spaces (a warn by design); no legit table repeats a token or empties cells.
      expect([...kinds]).toEqual(['spaces']);
    });
  });
});
