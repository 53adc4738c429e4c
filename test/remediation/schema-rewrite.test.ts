import { describe, expect, it } from 'vitest';
import {
  hasOptionalFields,
  requireAllFields,
  setPropertyOrdering,
} from '../../src/remediation/schema-rewrite.js';
import { deepFreeze } from './support.js';

/** The value at `path` inside nested objects and arrays (undefined when the path is missing). */
function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

const GEMINI_SCHEMA = deepFreeze({
  type: 'OBJECT',
  properties: {
    title: { type: 'STRING' },
    author: { type: 'OBJECT', properties: { name: { type: 'STRING' }, email: { type: 'STRING' } } },
    chapters: {
      type: 'ARRAY',
      items: {
        type: 'OBJECT',
        properties: { heading: { type: 'STRING' }, pages: { type: 'INTEGER' } },
        required: ['pages'],
      },
    },
  },
  required: ['title'],
});

describe('requireAllFields', () => {
  it('requires every property at every depth, in declaration order', () => {
    const result = requireAllFields(GEMINI_SCHEMA);
    expect(dig(result, 'required')).toEqual(['title', 'author', 'chapters']);
    expect(dig(result, 'properties', 'author', 'required')).toEqual(['name', 'email']);
    expect(dig(result, 'properties', 'chapters', 'items', 'required')).toEqual(['heading', 'pages']);
    expect(hasOptionalFields(result)).toBe(false);
  });

  it('walks JSON Schema $defs, anyOf and tuple items too', () => {
    const schema = deepFreeze({
      $defs: { point: { type: 'object', properties: { x: {}, y: {} } } },
      anyOf: [{ type: 'object', properties: { a: {} } }],
      items: [{ type: 'object', properties: { b: {} } }],
      type: 'object',
      properties: { p: { $ref: '#/$defs/point' } },
    });
    const result = requireAllFields(schema);
    expect(dig(result, '$defs', 'point', 'required')).toEqual(['x', 'y']);
    expect(dig(result, 'anyOf', 0, 'required')).toEqual(['a']);
    expect(dig(result, 'items', 0, 'required')).toEqual(['b']);
    expect(dig(result, 'required')).toEqual(['p']);
  });

  it('keeps extra names the schema already required', () => {
    const result = requireAllFields({ properties: { a: {} }, required: ['legacy'] }) as {
      required: string[];
    };
    expect(result.required).toEqual(['a', 'legacy']);
  });

  it('survives a schema that refers to itself', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).self = node;
    const result = requireAllFields(node) as { required: string[] };
    expect(result.required).toEqual(['self']);
  });

  it('leaves values that are not schemas alone', () => {
    expect(requireAllFields(undefined)).toBeUndefined();
    expect(requireAllFields('text')).toBe('text');
  });
});

describe('setPropertyOrdering', () => {
  it('sets the declaration order on every object schema', () => {
    const result = setPropertyOrdering(GEMINI_SCHEMA);
    expect(dig(result, 'propertyOrdering')).toEqual(['title', 'author', 'chapters']);
    expect(dig(result, 'properties', 'author', 'propertyOrdering')).toEqual(['name', 'email']);
    expect(dig(result, 'properties', 'chapters', 'items', 'propertyOrdering')).toEqual(['heading', 'pages']);
  });

  it("keeps the caller's ordering and appends missing properties", () => {
    const result = setPropertyOrdering({
      properties: { a: {}, b: {}, c: {} },
      propertyOrdering: ['c', 'gone', 'a'],
    });
    expect((result as { propertyOrdering: string[] }).propertyOrdering).toEqual(['c', 'a', 'b']);
  });
});

describe('hasOptionalFields', () => {
  it('is true when any nested object leaves a property optional', () => {
    expect(hasOptionalFields(GEMINI_SCHEMA)).toBe(true);
    expect(hasOptionalFields({ properties: { a: {} }, required: ['a'] })).toBe(false);
  });
});
