import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createSchemaInvalidDetector,
  SchemaInvalidDefinition,
  SchemaInvalidOptionsSchema,
} from '../../detectors/schema-invalid.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { Finding } from '../../src/finding.js';
import type { WorkMeter } from '../../src/registry.js';
import { feedEveryWay, feedPieces, splitEvery } from '../support/feed.js';
import { cuts, hostileText, splitAt } from './json-fixtures.js';

type Options = Parameters<typeof createSchemaInvalidDetector>[0];

const personSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    tags: { type: 'array', items: { enum: ['a', 'b'] } },
  },
  required: ['name', 'age'],
};
const run = (text: string, schema: unknown = personSchema, options: Options = {}) =>
  feedPieces(createSchemaInvalidDetector(options, { schema }), [text]);
const reasons = (findings: readonly Finding[]) =>
  findings.map((finding) => [finding.severity, finding.data?.reason]);

describe('schema-invalid: validation', () => {
  it('finds nothing in a document that fits', () => {
    expect(run('{"name": "Ann", "age": 30, "tags": ["a"]}')).toEqual([]);
  });

  it('reports a missing required field at the root, with ajv path and message', () => {
    const text = '{"name": "Ann"}';
    const [finding, ...rest] = run(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      detector: 'schema-invalid',
      severity: 'warn',
      start: 0,
      end: text.length,
      evidence: text,
      remediations: ['require-all-fields', 'set-property-ordering'],
      data: { reason: 'invalid', instancePath: '', keyword: 'required', params: { missingProperty: 'age' } },
    });
    expect(finding?.message).toBe(
      "The answer does not fit the schema: the root value must have required property 'age'.",
    );
  });

  it('points at the offending value for a wrong type and an enum miss', () => {
    const text = '  {"name": "Ann", "age": 30.5, "tags": ["a", "zzz"]}';
    const [finding] = run(text);
    expect(finding).toMatchObject({ start: 25, end: 29, evidence: '30.5' });
    expect(finding?.data).toMatchObject({ instancePath: '/age', message: 'must be integer', errorCount: 2 });
    expect(finding?.data?.errors).toEqual([
      { instancePath: '/age', message: 'must be integer', keyword: 'type' },
      { instancePath: '/tags/1', message: 'must be equal to one of the allowed values', keyword: 'enum' },
    ]);
    expect(finding?.message).toContain('/age must be integer (and 1 more)');
    const capped = run(text, personSchema, { maxErrors: 1 });
    expect(capped[0]?.data?.errors).toHaveLength(1);
  });

  it('converts a Gemini responseSchema first: upper-case types, nullable, string maxItems', () => {
    const gemini = {
      type: 'OBJECT',
      properties: { title: { type: 'STRING', nullable: true }, list: { type: 'ARRAY', maxItems: '2' } },
      required: ['title'],
      propertyOrdering: ['title', 'list'],
    };
    expect(run('{"title": null, "list": [1, 2]}', gemini)).toEqual([]);
    expect(run('{"title": "x", "list": [1, 2, 3]}', gemini)[0]?.data).toMatchObject({
      instancePath: '/list',
      keyword: 'maxItems',
    });
    expect(run('{"title": 5}', gemini)[0]?.data?.message).toBe('must be string,null');
  });

  it('validates JSON Schema drafts 2020-12 and 07, and zod schemas', () => {
    const modern = { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } };
    expect(run('["a", 1, 2]', modern)).toEqual([]);
    expect(run('["a", 1, "b"]', modern)[0]?.data?.instancePath).toBe('/2');
    const seven = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { id: { type: 'integer' } },
      type: 'object',
      properties: { id: { $ref: '#/definitions/id' } },
    };
    expect(run('{"id": "x"}', seven)[0]?.data?.instancePath).toBe('/id');
    const zodSchema = z.object({ name: z.string(), scores: z.array(z.number()) });
    expect(run('{"name": "a", "scores": [1, "2"]}', zodSchema)[0]?.data?.instancePath).toBe('/scores/1');
    expect(run('{"name": "a", "scores": [], "extra": 1}', zodSchema)[0]?.data?.keyword).toBe(
      'additionalProperties',
    );
  });

  it('validates a fenced document and ignores the prose after the closing fence', () => {
    expect(run('```json\n{"name": "Ann", "age": 1}\n```\nHope this helps!')).toEqual([]);
    expect(run('```json\n{"name": "Ann"}\n```')[0]).toMatchObject({ start: 8, end: 23 });
  });
});

describe('schema-invalid: documents that cannot be validated', () => {
  it('reports a truncated document instead of throwing', () => {
    const text = '{"name": "Ann", "tags": ["a", "b';
    const [finding, ...rest] = run(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warn', start: 0, end: text.length, evidence: text });
    expect(finding?.data?.reason).toBe('truncated');
    expect(finding?.remediations).toEqual(['raise-output-budget']);
  });

  it('reports an answer that is not JSON, and says nothing about an empty one', () => {
    expect(reasons(run('Sorry, I cannot help with that.'))).toEqual([['warn', 'not-json']]);
    expect(run('Sorry')[0]?.evidence).toBe('Sorry');
    expect(run('   \n')).toEqual([]);
    expect(run('POSITIVE', { type: 'STRING', enum: ['POSITIVE', 'NEGATIVE'] })).toEqual([]);
  });

  it('reports where the JSON broke, and JSON.parse complaints the tokenizer tolerates', () => {
    const [broken] = run('{"name": "Ann",, "age": 1}');
    expect(broken).toMatchObject({ start: 15, end: 16, evidence: '{"name": "Ann",,' });
    expect(broken?.data).toMatchObject({ reason: 'syntax', offset: 15, detail: 'expected a quoted key' });
    const [control] = run('{"name": "line\nbreak", "age": 1}');
    expect(control?.data?.reason).toBe('syntax');
    expect(control?.message).toContain('does not parse');
  });

  it('validates the document and reports text after it', () => {
    const found = run('{"name": "Ann"} and some words');
    expect(reasons(found)).toEqual([
      ['warn', 'invalid'],
      ['warn', 'trailing-text'],
    ]);
    expect(found[1]).toMatchObject({ start: 16, end: 17 });
  });

  it('skips validation past the document cap and says so once, at the crossing character', () => {
    const text = `{"name": "${'x'.repeat(500)}", "age": 1}`;
    const ways = feedEveryWay(
      () => createSchemaInvalidDetector({ maxDocumentChars: 100 }, { schema: personSchema }),
      text,
    );
    expect(reasons(ways.whole ?? [])).toEqual([['info', 'too-large']]);
    expect(ways.whole?.[0]).toMatchObject({ start: 100, end: 101, evidence: text.slice(0, 101) });
    for (const [label, findings] of Object.entries(ways)) expect(findings, label).toEqual(ways.whole);
    expect(run(text, personSchema, { maxDocumentChars: text.length })).toEqual([]);
  });

  it('reports an unusable schema once, as info, instead of throwing', () => {
    const found = run('{"p": 1}', { type: 'object', properties: { p: { $ref: '#/nowhere' } } });
    expect(reasons(found)).toEqual([['info', 'schema-unusable']]);
    expect(found[0]?.message).toContain("can't resolve reference");
    expect(reasons(run('{"p": 1}', 'not a schema'))).toEqual([['info', 'schema-unusable']]);
  });
});

describe('schema-invalid: detector contract', () => {
  it('does nothing without a schema, and reads only answer text', () => {
    expect(feedPieces(createSchemaInvalidDetector(), ['{"broken": '])).toEqual([]);
    const detector = createSchemaInvalidDetector({}, { schema: personSchema });
    expect(detector.push({ type: 'thought-delta', candidate: 0, text: '{"x": 1}', offset: 0 })).toEqual([]);
    expect(detector.end()).toEqual([]);
  });

  it('gives identical findings whole, char by char and at random splits', () => {
    const texts = [
      '```json\n{"name": "Ann", "age": "old", "tags": ["c"]}\n```',
      '{"name": "Ann", "age": 1',
      '{"name": "Ann", "age": 1}}',
      'plain prose',
    ];
    for (const text of texts) {
      const ways = feedEveryWay(() => createSchemaInvalidDetector({}, { schema: personSchema }), text);
      expect(ways.whole?.length, text).toBeGreaterThan(0);
      for (const [label, findings] of Object.entries(ways))
        expect(findings, `${text} / ${label}`).toEqual(ways.whole);
    }
  });

  it('never throws and finds the same whole or split, on arbitrary text', () => {
    fc.assert(
      fc.property(hostileText, cuts, (text, points) => {
        const create = () => createSchemaInvalidDetector({ maxDocumentChars: 64 }, { schema: personSchema });
        expect(feedPieces(create(), splitAt(text, points))).toEqual(feedPieces(create(), [text]));
      }),
      { numRuns: 300 },
    );
  });

  it('counts work in proportion to the document', () => {
    const work = (count: number) => {
      const meter: WorkMeter = { units: 0 };
      const text = `[${'{"name": "Ann", "age": 1}, '.repeat(count)}{"name": "Bo", "age": 2}]`;
      feedPieces(
        createSchemaInvalidDetector({}, { schema: { type: 'array', items: personSchema }, meter }),
        splitEvery(text, 64),
      );
      return meter.units;
    };
    const ratio = work(30_000) / work(3_000);
    expect(ratio).toBeGreaterThanOrEqual(8);
    expect(ratio).toBeLessThanOrEqual(12);
  });

  it('forgets the document on reset', () => {
    const detector = createSchemaInvalidDetector({}, { schema: personSchema });
    feedPieces(detector, ['{"name": ']);
    detector.reset();
    expect(feedPieces(detector, ['{"name": "Ann", "age": 2}'])).toEqual([]);
  });

  it('rejects bad options with issues naming the path', () => {
    try {
      createSchemaInvalidDetector({ maxDocumentChars: 0, maxErrors: 1.5 });
      expect.unreachable('bad options must throw');
    } catch (error) {
      if (!isInvalidOptionsError(error)) throw error;
      expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['maxDocumentChars', 'maxErrors']);
    }
  });

  it('is the schema-invalid entry of the default set', () => {
    const detector = SchemaInvalidDefinition.create(SchemaInvalidOptionsSchema.parse({}), {
      schema: personSchema,
    });
    expect(reasons(feedPieces(detector, ['{}']))).toEqual([['warn', 'invalid']]);
  });
});
