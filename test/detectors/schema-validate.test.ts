import { describe, expect, it } from 'vitest';
import { locateValue, validatorFor } from '../../detectors/schema-validate.js';

describe('validatorFor', () => {
  it('compiles once per schema and validates with ajv', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      propertyOrdering: ['a'],
      properties: { a: { format: 'email' } },
    };
    const result = validatorFor(schema);
    expect(validatorFor(schema)).toBe(result);
    if (!result?.ok) throw new Error('the schema compiles');
    expect(result.validate({ a: 'not checked: formats are off' })).toEqual([]);
    expect(result.validate({})).toEqual([
      {
        instancePath: '',
        schemaPath: '#/required',
        keyword: 'required',
        message: "must have required property 'a'",
        params: { missingProperty: 'a' },
      },
    ]);
  });

  it('keeps schemas with the same $id apart', () => {
    const first = validatorFor({ $id: 'https://example.com/s', type: 'string' });
    const second = validatorFor({ $id: 'https://example.com/s', type: 'number' });
    expect(first?.ok && first.validate('x')).toEqual([]);
    expect(second?.ok && second.validate(1)).toEqual([]);
  });

  it('has nothing without a schema and explains a schema ajv cannot compile', () => {
    expect(validatorFor(undefined)).toBeUndefined();
    const result = validatorFor({ type: 'object', properties: { a: { type: 'no-such-type' } } });
    expect(result?.ok).toBe(false);
  });
});

describe('locateValue', () => {
  const text = '{"a": [1, {"b/c": "x", "~": [true]}], "d": {}}';

  it('finds the span of the value a JSON Pointer names', () => {
    const at = (pointer: string) => {
      const span = locateValue(text, pointer);
      return span && text.slice(span[0], span[1]);
    };
    expect(at('')).toBe(text);
    expect(at('/a')).toBe('[1, {"b/c": "x", "~": [true]}]');
    expect(at('/a/0')).toBe('1');
    expect(at('/a/1/b~1c')).toBe('"x"');
    expect(at('/a/1/~0/0')).toBe('true');
    expect(at('/d')).toBe('{}');
  });

  it('returns undefined for a path that is not there', () => {
    expect(locateValue(text, '/a/7')).toBeUndefined();
    expect(locateValue(text, '/zzz')).toBeUndefined();
  });
});
