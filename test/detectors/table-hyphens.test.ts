import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABORT_HYPHENS,
  ABORT_SEPARATOR_CELLS,
  createTableHyphensDetector,
  TableHyphensDefinition,
  type TableHyphensOptions,
} from '../../detectors/table-hyphens.js';
import type { WorkMeter } from '../../src/registry.js';
import { legitAborts, listCorpus, readCorpus, reportMissingCorpus } from '../support/corpus.js';
import { feedEveryWay, feedPieces, feedTracked, splitEvery, streamChunks } from '../support/feed.js';
import { rejectedPaths } from '../support/options.js';

const create =
  (options: TableHyphensOptions = {}) =>
  () =>
    createTableHyphensDetector(options);

const header = 'Here is the comparison:\n\n| Model | Context window |\n';

describe('table-hyphens', () => {
  it('aborts a runaway separator cell mid-stream, 640 hyphens after the run began', () => {
    const text = `${header}|${'-'.repeat(6000)}|\n`;
    const runStart = header.length + 1;
    const pieces = streamChunks(text, 7);
    expect(Math.min(...pieces.slice(0, -1).map((piece) => piece.length))).toBeGreaterThanOrEqual(8);
    const tracked = feedTracked(createTableHyphensDetector(), pieces);
    expect(tracked.map((entry) => entry.finding.severity)).toEqual(['abort']);
    const [{ finding, pieceStart, pieceEnd }] = tracked as [(typeof tracked)[number]];
    expect(finding).toMatchObject({
      detector: 'table-hyphens',
      channel: 'text',
      start: runStart,
      end: runStart + ABORT_HYPHENS,
      remediations: ['table-format', 'raise-temperature'],
      data: { kind: 'separator-cell', length: ABORT_HYPHENS, line: 4, column: 1, cell: 1 },
    });
    // Returned by the push that carried the 640th hyphen, long before the run's 6,000th.
    expect(finding.end).toBeGreaterThan(pieceStart);
    expect(finding.end).toBeLessThanOrEqual(pieceEnd);
    expect(finding.end - finding.start).toBeLessThanOrEqual(1000);
    expect(finding.evidence).toContain('| Model | Context window |\n|---');
    expect(finding.evidence.length).toBeLessThanOrEqual(200);
  });

  it('aborts a bare hyphen run before it is recognisable as a separator row', () => {
    const bare = `${header}|${'-'.repeat(2500)}`;
    expect(feedPieces(createTableHyphensDetector(), streamChunks(bare, 3))).toMatchObject([
      { severity: 'abort', start: header.length + 1, data: { kind: 'separator-cell', length: 640 } },
    ]);
    const prose = `Output:\nsee ${'-'.repeat(1200)}> end`;
    expect(feedPieces(createTableHyphensDetector(), streamChunks(prose, 4))).toMatchObject([
      { severity: 'abort', start: 12, end: 12 + 640, data: { kind: 'hyphen-run', length: 640 } },
    ]);
  });

  it('counts the hyphens of a cell even when the model spaces them out', () => {
    const text = `${header}| ${'- '.repeat(1000)}|\n`;
    const [finding] = feedPieces(createTableHyphensDetector(), streamChunks(text, 5));
    expect(finding).toMatchObject({ severity: 'abort', data: { kind: 'separator-cell', length: 640 } });
  });

  it('aborts a separator row whose cells run away, at the 128th pipe', () => {
    for (const cell of ['---|', '-|', ':---:|']) {
      const text = `${header}|${cell.repeat(3000)}\n`;
      const findings = feedPieces(createTableHyphensDetector(), streamChunks(text, 9));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        severity: 'abort',
        start: header.length,
        end: header.length + 1 + cell.length * (ABORT_SEPARATOR_CELLS - 1),
        data: { kind: 'separator-cells', length: ABORT_SEPARATOR_CELLS },
      });
    }
  });

  it('warns once, at the end of the row, when a separator uses more hyphens than needed', () => {
    const text = `${header}|-------|----------------|\n| Flash | 1M |\n| Pro | 2M |\n`;
    const separatorStart = header.length;
    const findings = feedPieces(createTableHyphensDetector(), [text]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warn',
        start: separatorStart + 9,
        end: separatorStart + 25,
        evidence: expect.stringContaining('|-------|----------------|'),
        data: { kind: 'separator-cell', length: 16, cell: 2, line: 4, column: 9 },
      }),
    ]);
    expect(findings[0]?.message).toContain('16 hyphens where 3 are enough');
  });

  it('gives a mildly long separator a warn and no abort', () => {
    const text = `${header}|${'-'.repeat(366)}|${'-'.repeat(40)}|\n| a | b |\n`;
    expect(
      feedPieces(createTableHyphensDetector(), splitEvery(text, 16)).map((finding) => finding.severity),
    ).toEqual(['warn']);
  });

  it('stays silent on well-formed tables, rules, headings, front matter and diffs', () => {
    const clean = [
      '| a | b |\n|---|---|\n| 1 | 2 |\n',
      '| Left | Centre | Right |\n|:---|:---:|---:|\n| 1 | 2 | 3 |\n',
      'a | b\n--- | ---\n1 | 2\n',
      '| a |\n| --- |\n| 1 |',
      'Title\n---\n\nText\n\n---\n\n***\n',
      '---\ntitle: Notes\ntags: [a, b]\n---\n# Notes\n',
      '--- a/src/x.ts\n+++ b/src/x.ts\n@@ -1,3 +1,3 @@\n-const a = 1;\n+const a = 2;\n',
      'Setext heading\n==============\n\nAnother\n---------------------------------------------\n',
      '```\n| a | b |\n|--------|--------|\n```\n',
    ];
    for (const text of clean) expect(feedPieces(createTableHyphensDetector(), [text]), text).toEqual([]);
  });

  it('does not warn inside code fences but still aborts a runaway there', () => {
    const fenced = '~~~markdown\n| a | b |\n|----------|----------|\n~~~\n| c | d |\n|---|---|\n';
    expect(feedPieces(createTableHyphensDetector(), [fenced])).toEqual([]);
    const runaway = `\`\`\`text\n${'-'.repeat(700)}\n\`\`\`\n`;
    expect(feedPieces(createTableHyphensDetector(), [runaway]).map((finding) => finding.severity)).toEqual([
      'abort',
    ]);
  });

  it('ignores thoughts and reports the candidate of the text', () => {
    const detector = createTableHyphensDetector({ abortHyphens: 8, warnCellHyphens: 4 });
    expect(detector.push({ type: 'thought-delta', candidate: 0, text: '-'.repeat(50), offset: 0 })).toEqual(
      [],
    );
    const found = detector.push({ type: 'text-delta', candidate: 2, text: '-'.repeat(9), offset: 0 });
    expect(found.map((finding) => [finding.candidate, finding.severity])).toEqual([[2, 'abort']]);
  });

  it('forgets everything on reset', () => {
    const detector = createTableHyphensDetector();
    detector.push({ type: 'text-delta', candidate: 0, text: `${header}|${'-'.repeat(600)}`, offset: 0 });
    detector.reset();
    expect(feedPieces(detector, ['-'.repeat(100)])).toEqual([]);
  });

  it('catches a hyphen run after escaped pipes and long words, however the text is split', () => {
    const text = `${'plain words and more words '.repeat(4)}a \\| b \\\\| c ${'-'.repeat(700)}\n`;
    const ways = feedEveryWay(() => createTableHyphensDetector(), text);
    expect(ways.whole).toMatchObject([
      { severity: 'abort', start: text.indexOf('--'), end: text.indexOf('--') + ABORT_HYPHENS },
    ]);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it('finds the same things however the text is split', () => {
    const text = [
      header,
      '|-------|:------:|\n| a | b |\n\n',
      '```\n|----------|\n```\n',
      `| x | y |\n|${'-'.repeat(700)}|\n`,
      `| p | q |\n|${'-|'.repeat(200)}\n`,
      `trailing ${'-'.repeat(650)}`,
    ].join('');
    const ways = feedEveryWay(create(), text);
    expect(ways.whole?.map((finding) => finding.severity)).toEqual(['warn', 'abort', 'abort', 'abort']);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
  });

  it('never throws and splits never matter, on arbitrary text', () => {
    const unit = fc.oneof(
      fc.constantFrom('|', '-', ':', ' ', '\n', '`', '~', '\\', '|---|', '```\n', '\r'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const text = fc.array(unit, { maxLength: 300 }).map((units) => units.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (sample, size) => {
        const options = { warnCellHyphens: 4, abortHyphens: 8, abortSeparatorCells: 16 };
        const whole = feedPieces(createTableHyphensDetector(options), [sample]);
        const split = feedPieces(createTableHyphensDetector(options), splitEvery(sample, size));
        expect(split).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad options with issues that name the option', () => {
    const cases: [unknown, string][] = [
      [{ abortHyphens: 2 }, 'abortHyphens'],
      [{ abortHyphens: 10.5 }, 'abortHyphens'],
      [{ warnCellHyphens: 3 }, 'warnCellHyphens'],
      [{ warnCellHyphens: 900 }, 'warnCellHyphens'],
      [{ abortSeparatorCells: 'many' }, 'abortSeparatorCells'],
      [{ hyphens: 3 }, ''],
    ];
    for (const [options, path] of cases) {
      const label = JSON.stringify(options);
      expect(
        rejectedPaths(() => createTableHyphensDetector(options as TableHyphensOptions), label),
        label,
      ).toContain(path);
    }
    expect(TableHyphensDefinition.optionsSchema.parse({})).toEqual({
      warnCellHyphens: 4,
      abortHyphens: ABORT_HYPHENS,
      abortSeparatorCells: ABORT_SEPARATOR_CELLS,
    });
  });

  it('does linear work on adversarial input', () => {
    const inputs = [() => '-', () => '|-', () => '\n', () => '| --- '];
    for (const unit of inputs) {
      const work = (size: number) => {
        const meter: WorkMeter = { units: 0 };
        const detector = TableHyphensDefinition.create(TableHyphensDefinition.optionsSchema.parse({}), {
          meter,
        });
        feedPieces(detector, splitEvery(unit().repeat(Math.ceil(size / unit().length)), 64));
        return meter.units;
      };
      const small = work(100_000);
      expect(small).toBeGreaterThan(0);
      expect(work(1_000_000) / small).toBeLessThanOrEqual(12);
    }
  });

  describe.runIf(reportMissingCorpus('table-hyphens legit corpus'))('on the legit corpus', () => {
    it('never aborts on legit/ files, whole or in 1-, 7-, 64- and 512-unit pieces', () => {
      expect(listCorpus('legit').length).toBeGreaterThan(20);
      expect(legitAborts(() => createTableHyphensDetector())).toEqual([]);
    });

    it('never aborts on legit-docs/ files, whole or in 64-unit pieces, and splits agree', () => {
      const files = listCorpus('legit-docs');
      expect(files.length).toBeGreaterThan(900);
      let warned = 0;
      for (const file of files) {
        const text = readCorpus(file);
        const whole = feedPieces(createTableHyphensDetector(), [text]);
        expect(
          whole.filter((finding) => finding.severity === 'abort'),
          file,
        ).toEqual([]);
        expect(feedPieces(createTableHyphensDetector(), splitEvery(text, 64)), file).toEqual(whole);
        if (whole.length > 0) warned += 1;
      }
      // Most human tables pad their separators: the prevention warn is expected to fire on them.
      expect(warned).toBeGreaterThan(100);
    });
  });
});
