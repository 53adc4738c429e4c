import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createSchemaOrderDetector,
  SchemaOrderDefinition,
  SchemaOrderOptionsSchema,
} from '../../detectors/schema-order.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { Finding } from '../../src/finding.js';
import type { DetectorContext } from '../../src/registry.js';
import { feedEveryWay, feedPieces } from '../support/feed.js';
import { cuts, hostileText, splitAt } from './json-fixtures.js';

type Options = Parameters<typeof createSchemaOrderDetector>[0];

const run = (text: string, options: Options = {}, context: DetectorContext = {}) =>
  feedPieces(createSchemaOrderDetector(options, context), [text]);
const summary = (findings: readonly Finding[]) =>
  findings.map((finding) => [finding.severity, finding.data?.reason, finding.start, finding.end]);
const defaults = SchemaOrderOptionsSchema.parse({});

const geminiSchema = {
  type: 'OBJECT',
  properties: { summary: { type: 'STRING' }, title: { type: 'STRING' }, score: { type: 'NUMBER' } },
  propertyOrdering: ['title', 'summary', 'score'],
};

describe('schema-order: key order', () => {
  it('warns on a key that comes before a key the Gemini propertyOrdering puts first', () => {
    const text = '{"title": "T", "score": 1, "summary": "S"}';
    const [finding, ...rest] = run(text, {}, { schema: geminiSchema });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      detector: 'schema-order',
      severity: 'warn',
      start: 27,
      end: 36,
      evidence: '"summary"',
      remediations: ['set-property-ordering', 'require-all-fields', 'drop-field-order-instruction'],
      data: { reason: 'out-of-order', path: '/summary', key: 'summary', after: 'score' },
    });
    expect(run('{"title": "T", "summary": "S", "score": 1}', {}, { schema: geminiSchema })).toEqual([]);
  });

  it('follows the declaration order of a JSON Schema, through $ref, arrays and anyOf', () => {
    const schema = {
      $defs: { Item: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string' } } } },
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/$defs/Item' } },
        extra: { anyOf: [{ type: 'null' }, { type: 'object', properties: { b: {}, a: {} } }] },
      },
    };
    const good = '{"items": [{"id": 1, "label": "x"}], "extra": {"b": 1, "a": 2}}';
    expect(run(good, {}, { schema })).toEqual([]);
    const bad = '{"items": [{"id": 1, "label": "x"}, {"label": "y", "id": 2}], "extra": {"a": 2, "b": 1}}';
    expect(run(bad, {}, { schema }).map((finding) => finding.data?.path)).toEqual([
      '/items/1/id',
      '/extra/b',
    ]);
  });

  it('warns once per object schema, however many objects break it', () => {
    const schema = { type: 'array', items: { type: 'object', properties: { a: {}, b: {} } } };
    const text = JSON.stringify(Array.from({ length: 20 }, (_, index) => ({ b: index, a: 2 })));
    expect(summary(run(text, {}, { schema }))).toEqual([['warn', 'out-of-order', 8, 11]]);
  });

  it('reads the order of a zod schema converted with z.toJSONSchema', () => {
    const schema = z.object({
      name: z.string(),
      age: z.number(),
      address: z.object({ city: z.string(), zip: z.string() }),
    });
    const text = '{"name": "A", "address": {"zip": "1", "city": "B"}, "age": 3}';
    expect(run(text, {}, { schema }).map((finding) => finding.data?.key)).toEqual(['city', 'age']);
  });

  it('ignores keys the schema does not order, skipped optional keys, and order when switched off', () => {
    const schema = { type: 'object', properties: { a: {}, b: {}, c: {} } };
    expect(run('{"c": 1, "x": 2, "a": 3}', {}, { schema }).length).toBe(1);
    expect(run('{"x": 0, "a": 1, "c": 3}', {}, { schema })).toEqual([]);
    expect(run('{"c": 1, "a": 3}', { checkOrder: false }, { schema })).toEqual([]);
    expect(run('{"c": 1, "a": 3}')).toEqual([]);
  });
});

describe('schema-order: duplicate keys', () => {
  it('warns on the first duplicate key and aborts when one key repeats to the bar, not before', () => {
    const object = (times: number) => `{"guests": [], ${'"name": "x", '.repeat(times)}"end": 1}`;
    const below = run(object(defaults.duplicateKeyAbort - 1));
    const second = '{"guests": [], "name": "x", '.length;
    expect(summary(below)).toEqual([['warn', 'duplicate-key', second, second + '"name"'.length]]);
    expect(below[0]?.data).toMatchObject({ path: '/name', key: 'name', count: 2 });
    const at = run(object(defaults.duplicateKeyAbort));
    expect(at.map((finding) => finding.severity)).toEqual(['warn', 'abort']);
    expect(at[1]).toMatchObject({ evidence: '"name"', data: { count: defaults.duplicateKeyAbort } });
    expect(at[1]?.message).toContain('looping');
  });

  it('counts keys per object, so the same key in sibling objects is fine', () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({ id: index, nested: { id: index } }));
    expect(run(JSON.stringify(rows))).toEqual([]);
  });
});

describe('schema-order: repeating items', () => {
  /** `{"entities":[` then `"AI",` items: the shape of degenerate/015's parser repr. */
  const entities = (count: number) => `{"entities":[${'"AI",'.repeat(count)}`;
  /** The first item count at which both abort bars hold, from the bar definitions. */
  const firstAbortCount = () => {
    for (let count = 2; ; count++) {
      const runLength = 5 * (count - 1) + 4;
      if (count >= defaults.items.abortCopies && runLength >= defaults.items.abortChars) return count;
    }
  };

  it('aborts on identical items exactly at the bar, not one item earlier', () => {
    const bar = firstAbortCount();
    expect(run(entities(bar - 1)).map((finding) => finding.severity)).toEqual(['warn']);
    const found = run(entities(bar));
    expect(summary(found).at(-1)).toEqual(['abort', 'repeating-items', 13, 13 + 5 * (bar - 1) + 4]);
    expect(found.at(-1)?.data).toMatchObject({ path: '/entities', period: 1, copies: bar });
    expect(found.at(-1)?.evidence).toBe(
      entities(bar).slice(13 + 5 * (bar - 1) + 4 - 200, 13 + 5 * (bar - 1) + 4),
    );
  });

  it('aborts sooner on long items: 8 identical objects of 300 characters', () => {
    const item = JSON.stringify({ name: 'Monica Padman', role: 'guest', note: 'x'.repeat(250) });
    expect(item.length * defaults.items.abortCopies).toBeGreaterThan(defaults.items.abortChars);
    const copies = (count: number) => `[${new Array(count).fill(item).join(',')},`;
    expect(run(copies(defaults.items.abortCopies - 1)).some((finding) => finding.severity === 'abort')).toBe(
      false,
    );
    expect(run(copies(defaults.items.abortCopies)).at(-1)?.severity).toBe('abort');
  });

  it('aborts on a cycle of several items', () => {
    const found = run(`{"tags": [${'"red", "green", "blue", '.repeat(120)}`);
    expect(found.at(-1)?.data).toMatchObject({ reason: 'repeating-items', period: 3 });
    expect(found.at(-1)?.severity).toBe('abort');
  });

  it('leaves data series and blank grids alone, with at most a warning', () => {
    const zeros = `{"series": [${new Array(365).fill(0).join(', ')}]}`;
    expect(run(zeros).map((finding) => finding.severity)).toEqual(['warn']);
    const row = JSON.stringify(new Array(16).fill(0));
    expect(
      run(`{"grid": [${new Array(16).fill(row).join(',')}]}`).map((finding) => finding.severity),
    ).toEqual(['warn']);
    expect(run(`{"grid": [${new Array(3).fill(row).join(',')}]}`)).toEqual([]);
  });
});

describe('schema-order: words and numbers', () => {
  it('aborts on a string value that keeps repeating one word', () => {
    const found = run(`{"description": "a path of amber ${'own '.repeat(40)}`);
    expect(summary(found)).toEqual([
      ['warn', 'repeating-word', 33, 33 + 4 * defaults.words.warnCopies - 1],
      ['abort', 'repeating-word', 33, 33 + 4 * 17 - 1],
    ]);
    expect(found[1]?.message).toContain('"own"');
    expect(run('{"chorus": "na na na na na na na na, hey hey hey, goodbye"}')).toEqual([]);
  });

  it('warns, then aborts, on a number literal that keeps growing', () => {
    const found = run(`{"ratio": 0.${'3'.repeat(400)}`);
    expect(summary(found)).toEqual([
      ['warn', 'runaway-number', 10, 10 + defaults.numberWarnChars],
      ['abort', 'runaway-number', 10, 10 + defaults.numberAbortChars],
    ]);
  });
});

describe('schema-order: input handling', () => {
  it('reads only answer text that starts like JSON, fenced or not', () => {
    const loop = `{"a": [${'"x", '.repeat(600)}`;
    expect(run(`Here you go: ${loop}`)).toEqual([]);
    expect(run(`\`\`\`json\n${loop}`).at(-1)?.severity).toBe('abort');
    const thought = createSchemaOrderDetector();
    expect(thought.push({ type: 'thought-delta', candidate: 0, text: loop, offset: 0 })).toEqual([]);
  });

  it('reports broken JSON once, as info, only when a schema says the answer should be JSON', () => {
    expect(summary(run('{"a": 1,, "b": [', {}, { schema: geminiSchema }))).toEqual([
      ['info', 'syntax', 8, 9],
    ]);
    expect(run('{"a": 1,, "b": [')).toEqual([]);
    expect(run('[see the docs](https://example.com)')).toEqual([]);
  });

  it('gives identical findings whole, char by char and at random splits', () => {
    const text = `\`\`\`json\n{"score": 2, "title": "x", "title": "y", "notes": "own ${'own '.repeat(30)}", "n": [${'"AI",'.repeat(150)}`;
    const ways = feedEveryWay(() => createSchemaOrderDetector({}, { schema: geminiSchema }), text);
    const whole = ways.whole ?? [];
    expect(whole.map((finding) => finding.data?.reason)).toEqual([
      'out-of-order',
      'duplicate-key',
      'repeating-word',
      'repeating-word',
    ]);
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(whole);
  });

  it('never throws and finds the same whole or split, on arbitrary text', () => {
    const options = {
      items: { warnCopies: 2, warnChars: 1, abortCopies: 3, abortChars: 4 },
      duplicateKeyAbort: 3,
    };
    fc.assert(
      fc.property(hostileText, cuts, (text, points) => {
        const create = () => createSchemaOrderDetector(options, { schema: geminiSchema });
        expect(feedPieces(create(), splitAt(text, points))).toEqual(feedPieces(create(), [text]));
      }),
      { numRuns: 300 },
    );
  });

  it('forgets everything on reset', () => {
    const detector = createSchemaOrderDetector();
    feedPieces(detector, [`{"a": [${'1,'.repeat(400)}`]);
    detector.reset();
    expect(feedPieces(detector, ['{"a": 1}'])).toEqual([]);
  });

  it('rejects bad options with issues naming the path', () => {
    const issuesOf = (options: unknown) => {
      try {
        createSchemaOrderDetector(options as Options);
      } catch (error) {
        if (isInvalidOptionsError(error))
          return [...new Set(error.issues.map((issue) => issue.path.join('.')))];
        throw error;
      }
      return [];
    };
    expect(issuesOf({ items: { abortCopies: 1 } })).toEqual(['items.abortCopies']);
    expect(issuesOf({ items: { warnCopies: 10, abortCopies: 9 } })).toEqual(['items.abortCopies']);
    expect(issuesOf({ words: { abortChars: 2.5 }, maxPeriod: 0 })).toEqual(['words.abortChars', 'maxPeriod']);
    expect(issuesOf({ numberWarnChars: 300 })).toEqual(['numberAbortChars']);
    expect(issuesOf({ colour: 'red' })).toEqual(['']);
  });

  it('is the schema-order entry of the default set, built from parsed options and the context', () => {
    const detector = SchemaOrderDefinition.create(SchemaOrderOptionsSchema.parse({}), {
      schema: geminiSchema,
    });
    expect(detector.id).toBe('schema-order');
    expect(feedPieces(detector, ['{"score": 1, "title": "x"}']).length).toBe(1);
  });
});
