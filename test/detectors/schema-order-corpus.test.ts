import { describe, expect, it } from 'vitest';
import { createSchemaOrderDetector } from '../../detectors/schema-order.js';
import type { Finding } from '../../src/finding.js';
import type { WorkMeter } from '../../src/registry.js';
import { listCorpus, readCorpus, reportMissingCorpus } from '../support/corpus.js';
import { feedEveryWay, feedPieces, splitEvery } from '../support/feed.js';
import { legitDocsJsonBlocks } from './json-fixtures.js';

const aborts = (findings: readonly Finding[]) => findings.filter((finding) => finding.severity === 'abort');
const feed = (text: string, size?: number) =>
  feedPieces(createSchemaOrderDetector(), size === undefined ? [text] : splitEvery(text, size));

describe.runIf(reportMissingCorpus('schema-order on legit content'))('schema-order on legit content', () => {
  it('never aborts on corpus/legit, fed whole and in 1-, 7-, 64- and 512-char pieces', () => {
    const files = listCorpus('legit');
    expect(files.filter((file) => file.endsWith('.json')).length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const text = readCorpus(file);
      for (const size of [undefined, 1, 7, 64, 512])
        expect(aborts(feed(text, size)), `${file} / ${size}`).toEqual([]);
    }
  });

  it('never aborts on corpus/legit-docs, fed whole and in 64-char pieces', () => {
    for (const file of listCorpus('legit-docs')) {
      const text = readCorpus(file);
      expect(aborts(feed(text)), file).toEqual([]);
      expect(aborts(feed(text, 64)), file).toEqual([]);
    }
  });

  it('never aborts on the ```json blocks of legit-docs read as answers', () => {
    const blocks = legitDocsJsonBlocks();
    expect(blocks.length).toBeGreaterThan(100);
    for (const { file, text } of blocks) {
      for (const size of [undefined, 1, 64]) expect(aborts(feed(text, size)), file).toEqual([]);
    }
  });

  it('finds the same in the legit JSON files however they are split', () => {
    for (const file of listCorpus('legit').filter((path) => path.endsWith('.json'))) {
      const ways = feedEveryWay(() => createSchemaOrderDetector(), readCorpus(file));
      for (const [label, findings] of Object.entries(ways))
        expect(findings, `${file} / ${label}`).toEqual(ways.whole);
    }
  });
});

describe.runIf(reportMissingCorpus('schema-order on degenerate JSON'))(
  'schema-order on degenerate JSON',
  () => {
    it('aborts on the shape degenerate/015 reports: "AI" repeated in the entities array', () => {
      const repr = readCorpus('degenerate/015-kompl7-entities-ai-json-loop.txt');
      // Only pydantic's repr of the output survives, which is not JSON itself.
      expect(feed(repr)).toEqual([]);
      const [prefix, unit] = ['{"entities":[', '"AI",'];
      expect(repr).toContain(`${prefix}..."AI","AI","AI","AI",`);
      // Rebuilt from the repr: the log says parsing hit the end of input at column 64119.
      const rebuilt = prefix + unit.repeat(Math.floor((64_119 - prefix.length) / unit.length));
      const [abort, ...rest] = aborts(feed(rebuilt, 64));
      expect(rest).toEqual([]);
      expect(abort?.data).toMatchObject({ reason: 'repeating-items', path: '/entities', period: 1 });
      expect(abort?.end).toBeLessThan(4096);
    });

    it('aborts on degenerate/016, a string value repeating "own"', () => {
      const found = aborts(feed(readCorpus('degenerate/016-ollama15502-gemma4-own-token-json.json'), 7));
      expect(found.map((finding) => [finding.data?.reason, finding.data?.path])).toEqual([
        ['repeating-word', '/description'],
      ]);
      expect(found[0]?.message).toContain('"own"');
    });

    it('warns on degenerate/017, "guests" repeated in an array; the paste stops before the abort bar', () => {
      const found = feed(readCorpus('degenerate/017-xgrammar174-guests-property-loop.txt'), 1);
      expect(found.map((finding) => [finding.severity, finding.data?.reason, finding.data?.path])).toEqual([
        ['warn', 'repeating-items', '/guests'],
      ]);
      expect(found[0]?.evidence).toContain('"guests"');
    });

    it('leaves the sentence loops inside string values of degenerate/018-022 to text-loop', () => {
      const files = listCorpus('degenerate').filter((file) => /\/0(1[89]|2[0-2])-/.test(file));
      expect(files).toHaveLength(5);
      for (const file of files) expect(feed(readCorpus(file), 64), file).toEqual([]);
    });
  },
);

describe('schema-order work', () => {
  const lenient = { items: { abortCopies: 100_000, abortChars: 10_000_000 }, duplicateKeyAbort: 100_000 };
  const schema = { type: 'object', properties: { z: {}, y: {}, x: {} } };
  /** Adversarial answers that never abort, each built to `size` characters. */
  const inputs: Record<string, (size: number) => string> = {
    'deep nesting': (size) => {
      const block = (index: number) => `${'['.repeat(250)}${index}${']'.repeat(250)}`;
      let text = '[';
      for (let index = 0; text.length < size; index++) text += `${block(index)},`;
      return text;
    },
    'identical items': (size) => `[${'{"x": "same", "y": [1, 2]}, '.repeat(Math.ceil(size / 28))}`,
    'huge string': (size) => `["${'ab cd \\u0041\\n '.repeat(Math.ceil(size / 16))}`,
    'many keys': (size) => {
      const object = `{${Array.from({ length: 300 }, (_, key) => `"k${key}": ${key}`).join(', ')}}`;
      return `[${`${object}, `.repeat(Math.ceil(size / (object.length + 2)))}`;
    },
    'out-of-order keys': (size) => `[${'{"x": 1, "y": 2, "z": 3}, '.repeat(Math.ceil(size / 26))}`,
  };

  it('grows linearly: 1 MB of adversarial JSON costs at most 12 times 100 KB', () => {
    for (const [name, make] of Object.entries(inputs)) {
      const units = (size: number) => {
        const meter: WorkMeter = { units: 0 };
        const text = make(size);
        feedPieces(
          createSchemaOrderDetector(lenient, { meter, schema: { ...schema } }),
          splitEvery(text, 64),
        );
        expect(aborts(feedPieces(createSchemaOrderDetector(lenient), [text.slice(0, 20_000)])), name).toEqual(
          [],
        );
        return meter.units / text.length;
      };
      const small = units(100_000) * 100_000;
      const large = units(1_000_000) * 1_000_000;
      expect(large / small, name).toBeLessThanOrEqual(12);
      expect(large / small, name).toBeGreaterThanOrEqual(8);
    }
  });
});
