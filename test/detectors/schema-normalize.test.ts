import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isZodSchema, normalizeSchema } from '../../detectors/schema-normalize.js';

/** The schema of a usable result, or a failure. */
function usable(input: unknown) {
  const result = normalizeSchema(input);
  if (!result?.ok) throw new Error(`expected a usable schema, got ${JSON.stringify(result)}`);
  return result;
}

describe('normalizeSchema', () => {
  it('returns nothing when there is no schema', () => {
    expect(normalizeSchema(undefined)).toBeUndefined();
    expect(normalizeSchema(null)).toBeUndefined();
  });

  it('rewrites a Gemini responseSchema to JSON Schema', () => {
    const gemini = {
      type: 'OBJECT',
      properties: {
        name: { type: 'STRING', nullable: true },
        tags: {
          type: 'ARRAY',
          items: { type: 'STRING', enum: ['OBJECT', 'b'] },
          minItems: '1',
          maxItems: '3',
        },
        anything: { type: 'TYPE_UNSPECIFIED' },
        level: { type: 'INTEGER', nullable: true, enum: [1, 2] },
        either: { anyOf: [{ type: 'NUMBER' }], nullable: true },
        solid: { type: 'BOOLEAN', nullable: false },
      },
      required: ['name'],
      propertyOrdering: ['name', 'tags'],
    };
    const { schema, draft, source } = usable(gemini);
    expect([draft, source]).toEqual(['2020-12', 'object']);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        name: { type: ['string', 'null'] },
        tags: { type: 'array', items: { type: 'string', enum: ['OBJECT', 'b'] }, minItems: 1, maxItems: 3 },
        anything: {},
        level: { type: ['integer', 'null'], enum: [1, 2, null] },
        either: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        solid: { type: 'boolean' },
      },
      required: ['name'],
      propertyOrdering: ['name', 'tags'],
    });
    expect(gemini.properties.name).toEqual({ type: 'STRING', nullable: true });
  });

  it('passes a JSON Schema through unchanged and picks the ajv dialect from $schema', () => {
    const modern = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      prefixItems: [],
    };
    expect(usable(modern)).toMatchObject({ schema: modern, draft: '2020-12' });
    const seven = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { a: { type: 'string' } },
    };
    expect(usable(seven)).toMatchObject({ schema: seven, draft: 'draft-07' });
    expect(usable({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' })).toEqual({
      ok: true,
      schema: { type: 'string' },
      draft: 'draft-07',
      source: 'object',
      container: false,
    });
    expect(usable({ $schema: 'https://example.com/custom', type: 'string' }).schema).toEqual({
      type: 'string',
    });
    expect(usable(true)).toMatchObject({ schema: true, draft: '2020-12' });
  });

  it('converts a zod 4 schema with z.toJSONSchema, keeping declaration order', () => {
    const schema = z.object({ zeta: z.string(), alpha: z.number().int(), when: z.date().optional() });
    expect(isZodSchema(schema)).toBe(true);
    expect(isZodSchema({ _zod: 1 })).toBe(false);
    const result = usable(schema);
    expect(result.source).toBe('zod');
    expect(Object.keys((result.schema as { properties: object }).properties)).toEqual([
      'zeta',
      'alpha',
      'when',
    ]);
  });

  it('unwraps a request config that holds the schema', () => {
    const inner = { type: 'object', properties: { a: { type: 'string' } } };
    expect(usable({ responseMimeType: 'application/json', responseJsonSchema: inner }).schema).toEqual(inner);
    expect(usable({ responseSchema: { type: 'STRING' } }).schema).toEqual({ type: 'string' });
  });

  it('explains, without throwing, why a schema cannot be used', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic };
    const cases: [unknown, RegExp][] = [
      ['object', /must be an object, got string/],
      [{ properties: { a: 'string' } }, /schema at "\/properties\/a" is not an object/],
      [cyclic, /deeper than 64 levels/],
      [{ safeParse: () => 0, _def: {} }, /zod 3 schemas are not supported/],
      [{ _zod: { def: { type: 'from-a-newer-zod' } } }, /z\.toJSONSchema could not convert/],
    ];
    for (const [input, reason] of cases) {
      const result = normalizeSchema(input);
      expect(result?.ok, String(reason)).toBe(false);
      expect(result && !result.ok ? result.reason : '').toMatch(reason);
    }
  });

  it('knows when the root schema allows only scalars, so the answer need not be JSON text', () => {
    expect(usable({ type: 'STRING', enum: ['POSITIVE', 'NEGATIVE'] }).container).toBe(false);
    expect(usable({ type: ['integer', 'null'] }).container).toBe(false);
    expect(usable({ type: ['object', 'null'] }).container).toBe(true);
    expect(usable({ type: 'string', anyOf: [{ type: 'array' }] }).container).toBe(true);
    expect(usable({ properties: {} }).container).toBe(true);
  });

  it('converts a subschema shared by many parents once, however often it is reached', () => {
    let node: Record<string, unknown> = { type: 'STRING' };
    for (let level = 0; level < 40; level++)
      node = { type: 'OBJECT', properties: { left: node, right: node } };
    const converted = usable(node).schema as { properties: { left: unknown; right: unknown } };
    expect(converted.properties.left).toBe(converted.properties.right);
  });

  it('caches the result per schema object', () => {
    const schema = { type: 'OBJECT' };
    expect(normalizeSchema(schema)).toBe(normalizeSchema(schema));
  });
});
