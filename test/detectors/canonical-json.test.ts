import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintCall, fingerprintValue, VERBATIM_KEY_LIMIT } from '../../detectors/canonical-json.js';
import { MAX_EVIDENCE_LENGTH } from '../../src/finding.js';

/** A copy of a JSON value with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, item]) => [key, reversedKeys(item)]));
}

describe('fingerprintValue', () => {
  it('gives the same key whatever the order of object keys, at every depth', () => {
    const a = { city: 'Paris', units: { temperature: 'C', wind: 'kmh' }, days: [1, 2] };
    const b = { days: [1, 2], units: { wind: 'kmh', temperature: 'C' }, city: 'Paris' };
    expect(fingerprintValue(a).key).toBe(fingerprintValue(b).key);
    expect(fingerprintValue(a).preview).toBe(
      '{"city":"Paris","days":[1,2],"units":{"temperature":"C","wind":"kmh"}}',
    );
  });

  it('keeps array order significant and tells different values apart', () => {
    expect(fingerprintValue([1, 2]).key).not.toBe(fingerprintValue([2, 1]).key);
    expect(fingerprintValue({ a: 1 }).key).not.toBe(fingerprintValue({ a: '1' }).key);
  });

  it('drops undefined properties and renders unrepresentable values the way JSON does', () => {
    expect(fingerprintValue({ a: 1, b: undefined, c: () => 1 }).preview).toBe('{"a":1}');
    expect(fingerprintValue([undefined, Number.NaN, Symbol('s')]).preview).toBe('[null,null,null]');
    expect(fingerprintValue(10n).preview).toBe('"10n"');
    expect(fingerprintValue(new Date(0)).preview).toBe('"1970-01-01T00:00:00.000Z"');
  });

  it('hashes long values into a short key that still tells them apart', () => {
    const long = 'x'.repeat(10_000);
    const first = fingerprintValue({ text: `${long}a` });
    const second = fingerprintValue({ text: `${long}b` });
    expect(first.key.length).toBeLessThan(40);
    expect(first.key).not.toBe(second.key);
    expect(fingerprintValue({ text: `${long}a` }).key).toBe(first.key);
    expect(first.length).toBe(10_012);
    expect(first.preview.length).toBe(MAX_EVIDENCE_LENGTH + 1);
  });

  it('keeps short canonical texts verbatim as the key', () => {
    const value = { q: 'a'.repeat(VERBATIM_KEY_LIMIT - 8) };
    expect(fingerprintValue(value).key).toBe(JSON.stringify(value));
  });

  it('survives cycles, deep nesting and throwing getters', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(fingerprintValue(cyclic).preview).toBe('{"name":"loop","self":"[circular]"}');
    let deep: unknown = 0;
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(fingerprintValue(deep).preview).toContain('"[too deep]"');
    const hostile = {
      get boom(): never {
        throw new Error('no');
      },
    };
    expect(fingerprintValue(hostile).preview).toContain('[unreadable]');
  });

  it('counts work in proportion to the text it writes', () => {
    const meter = { units: 0 };
    fingerprintValue({ text: 'y'.repeat(5_000) }, meter);
    expect(meter.units).toBeGreaterThanOrEqual(5_000);
    expect(meter.units).toBeLessThan(5_100);
  });

  it('never throws and ignores key order on arbitrary JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(fingerprintValue(reversedKeys(value)).key).toBe(fingerprintValue(value).key);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof fingerprintValue(value).key).toBe('string');
      }),
    );
  });
});

describe('fingerprintCall', () => {
  it('renders the call as name(args) for evidence', () => {
    expect(fingerprintCall('get_weather', { city: 'Paris' }).preview).toBe('get_weather({"city":"Paris"})');
  });

  it('gives calls with equal arguments but different names different keys, short or hashed', () => {
    expect(fingerprintCall('read', { path: 'a' }).key).not.toBe(fingerprintCall('write', { path: 'a' }).key);
    const long = { text: 'z'.repeat(1_000) };
    expect(fingerprintCall('read', long).key).not.toBe(fingerprintCall('write', long).key);
    expect(fingerprintCall('read', long).key).toBe(fingerprintCall('read', { ...long }).key);
  });
});
