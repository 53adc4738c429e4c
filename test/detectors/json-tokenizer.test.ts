import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonHandler } from '../../detectors/json-events.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_KEY_LENGTH, JsonTokenizer } from '../../detectors/json-tokenizer.js';
import { splitEvery, splitRandomly } from '../support/feed.js';
import { cuts, hostileText, jsonDocument, splitAt } from './json-fixtures.js';

/** Run `pieces` through a fresh tokenizer; returns the event log and the tokenizer. */
function tokenize(pieces: readonly string[], options = {}) {
  const log: string[] = [];
  let tokenizer: JsonTokenizer;
  const handler: JsonHandler = {
    containerStart: (kind, start, level) => log.push(`${kind}( ${start} L${level}`),
    containerEnd: (kind, start, end, hash, level) => log.push(`)${kind} ${start}-${end} L${level} #${hash}`),
    key: (text, start, end, hash, level, length) =>
      log.push(
        `key ${JSON.stringify(text)} ${start}-${end} L${level} n${length} #${hash} ${tokenizer.pointer(level)}`,
      ),
    scalarStart: (kind, start, parent) => log.push(`${kind}< ${start} P${parent}`),
    scalarEnd: (kind, start, end, hash, parent) =>
      log.push(`>${kind} ${start}-${end} P${parent} #${hash} ${tokenizer.pointer(parent)}`),
    stringWord: (hash, length, start, end) => log.push(`word ${start}-${end} n${length} #${hash}`),
    error: (offset, reason) => log.push(`error @${offset} ${reason}`),
  };
  tokenizer = new JsonTokenizer(handler, options);
  let offset = 0;
  for (const piece of pieces) {
    tokenizer.write(piece, offset);
    offset += piece.length;
  }
  return { log, tokenizer };
}

/** The shape of a log without hashes, for readable expectations. */
const withoutHashes = (log: readonly string[]) => log.map((line) => line.replace(/ #-?\d+/, ''));

describe('JsonTokenizer', () => {
  it('emits structural events with absolute offsets and JSON Pointer paths', () => {
    const { log, tokenizer } = tokenize(['{"a": [1, "x\\u0041", true], "b/~c": {}}']);
    expect(withoutHashes(log)).toEqual([
      'object( 0 L1',
      'key "a" 1-4 L1 n1 /a',
      'array( 6 L2',
      'number< 7 P2',
      '>number 7-8 P2 /a/0',
      'string< 10 P2',
      'word 11-18 n2',
      '>string 10-19 P2 /a/1',
      'literal< 21 P2',
      '>literal 21-25 P2 /a/2',
      ')array 6-26 L2',
      'key "b/~c" 28-34 L1 n4 /b~1~0c',
      'object( 36 L2',
      ')object 36-38 L2',
      ')object 0-39 L1',
    ]);
    expect([tokenizer.status, tokenizer.rootStart, tokenizer.rootEnd]).toEqual(['complete', 0, 39]);
  });

  it('gives the same events whole, one char at a time and at random splits', () => {
    const text = '```json\n{"list": [{"k": -12.5e+3}, "tab\\tand \\"quote\\"", [null, false]], "z": 0}\n```';
    const whole = tokenize([text]).log;
    expect(whole.length).toBeGreaterThan(10);
    expect(tokenize(splitEvery(text, 1)).log).toEqual(whole);
    for (const seed of [1, 2, 3]) expect(tokenize(splitRandomly(text, seed, 6)).log).toEqual(whole);
  });

  it('cuts string values into words at raw and escaped whitespace, hashing decoded units', () => {
    const { log } = tokenize(['{"k e y": "own\\town \\u006fwn\\n\\n own", "n": "\\"\\""}']);
    const words = log.filter((line) => line.startsWith('word'));
    expect(withoutHashes(words)).toEqual([
      'word 11-14 n3',
      'word 16-19 n3',
      'word 20-28 n3',
      'word 33-36 n3',
      'word 45-49 n2',
    ]);
    const hashes = words.slice(0, 4).map((line) => line.split('#')[1]);
    expect(new Set(hashes).size).toBe(1);
  });

  it('hashes by canonical content: layout and escape spelling do not matter, kinds do', () => {
    const hashes = (text: string) =>
      tokenize([text])
        .log.filter((line) => line.startsWith(')'))
        .pop();
    const compact = hashes('[{"a":"A","b":[1,2]}]')?.split('#')[1];
    expect(hashes('[ { "a" : "\\u0041" ,\n "b" : [ 1 , 2 ] } ]')?.split('#')[1]).toBe(compact);
    expect(hashes('[{"a":"A","b":[1,3]}]')?.split('#')[1]).not.toBe(compact);
    expect(hashes('[{"a":"A","b":["1",2]}]')?.split('#')[1]).not.toBe(compact);
    expect(hashes('[{"b":[1,2],"a":"A"}]')?.split('#')[1]).not.toBe(compact);
  });

  it('reports a truncated document as open, with the root start known and no error', () => {
    for (const text of ['{"a": [1, 2', '{"a": "unfinished str', '[1, 2.', '{"a"', '[tr']) {
      const { log, tokenizer } = tokenize([text]);
      expect(tokenizer.status, text).toBe('open');
      expect(tokenizer.rootStart).toBe(0);
      expect(log.some((line) => line.startsWith('error'))).toBe(false);
    }
  });

  it('goes to an error state on garbage and reports it exactly once', () => {
    const cases: [string, number, string][] = [
      ['[1,,2]', 3, 'expected a value'],
      ['{"a" 1}', 5, 'expected ":" after a key'],
      ['{a: 1}', 1, 'expected a quoted key'],
      ['[01]', 2, 'expected "," or a closing bracket'],
      ['[1.]', 3, 'malformed number'],
      ['[-]', 2, 'malformed number'],
      ['[tru]', 4, 'expected true, false or null'],
      ['["\\x"]', 3, 'invalid escape in a string'],
      ['["\\u12G4"]', 6, 'invalid \\u escape in a string'],
      ['[1}', 2, 'closing bracket does not match the open one'],
      ['{"a":1} and more {', 8, 'unexpected text after the JSON value'],
    ];
    for (const [text, offset, reason] of cases) {
      const { log, tokenizer } = tokenize([text, ' ]]] garbage {{{']);
      expect(tokenizer.status, text).toBe('error');
      expect([tokenizer.errorOffset, tokenizer.errorReason], text).toEqual([offset, reason]);
      expect(
        log.filter((line) => line.startsWith('error')),
        text,
      ).toEqual([`error @${offset} ${reason}`]);
    }
  });

  it('reads only answers that start like JSON, after whitespace or a json fence line', () => {
    const status = (text: string) => tokenize([text]).tokenizer.status;
    expect(status('  \n\t')).toBe('waiting');
    expect(status('```json\n')).toBe('waiting');
    expect(status('Here is the JSON: {"a": 1}')).toBe('not-json');
    expect(status('```python\n[1]')).toBe('not-json');
    expect(status('`[1]`')).toBe('not-json');
    expect(status('```json\n```json\n[1]')).toBe('not-json');
    expect(status('\ufeff [1]')).toBe('complete');
    expect(status('```\n[1]')).toBe('complete');
    expect(status('```JSON \r\n{"a": 1}\n```\nThat is all.')).toBe('complete');
    expect(tokenize(['Sure']).tokenizer.notJsonOffset).toBe(0);
  });

  it('accepts raw control characters inside strings, which models emit', () => {
    const { tokenizer } = tokenize(['{"a": "line one\nline two\u0001"}']);
    expect(tokenizer.status).toBe('complete');
  });

  it('caps nesting depth and reports the cap as an error', () => {
    const deep = tokenize(['['.repeat(DEFAULT_MAX_DEPTH + 1)]).tokenizer;
    expect([deep.status, deep.errorOffset, deep.errorReason]).toEqual([
      'error',
      DEFAULT_MAX_DEPTH,
      `nesting deeper than ${DEFAULT_MAX_DEPTH} levels`,
    ]);
    expect(tokenize(['['.repeat(DEFAULT_MAX_DEPTH)]).tokenizer.status).toBe('open');
    expect(tokenize(['[[[1]]]'], { maxDepth: 2 }).tokenizer.errorReason).toBe('nesting deeper than 2 levels');
  });

  it('keeps keys decoded up to the key cap while hashing and counting all of them', () => {
    const long = 'k'.repeat(DEFAULT_MAX_KEY_LENGTH + 50);
    const { log } = tokenize([`{"${long}": 1, "${long}x": 2}`]);
    const keys = log.filter((line) => line.startsWith('key'));
    expect(keys[0]).toContain(`"${'k'.repeat(DEFAULT_MAX_KEY_LENGTH)}"`);
    expect(keys[0]).toContain(`n${DEFAULT_MAX_KEY_LENGTH + 50}`);
    expect(keys[1]).toContain(`n${DEFAULT_MAX_KEY_LENGTH + 51}`);
    expect(keys[0]?.split('#')[1]).not.toBe(keys[1]?.split('#')[1]);
    expect(tokenize(['{"ab\\ncd": 1}'], { maxKeyLength: 3 }).log[1]).toContain('key "ab\\n" 1-9 L1 n5');
  });

  it('reports the open containers, item indexes and keys it is in', () => {
    const { tokenizer } = tokenize(['{"rows": [10, {"cell": ']);
    expect([tokenizer.level, tokenizer.kindAt(1), tokenizer.kindAt(2), tokenizer.kindAt(3)]).toEqual([
      3,
      'object',
      'array',
      'object',
    ]);
    expect([tokenizer.keyAt(1), tokenizer.indexAt(2), tokenizer.keyAt(3), tokenizer.kindAt(4)]).toEqual([
      'rows',
      1,
      'cell',
      undefined,
    ]);
    expect(tokenizer.pointer()).toBe('/rows/1/cell');
    expect(tokenizer.pointer(1)).toBe('/rows');
  });

  it('counts one unit of work per character', () => {
    const text = '[{"a": ["xyz", 12, true, 3.5]}, 7]';
    expect(tokenize(splitEvery(text, 5)).tokenizer.units).toBe(text.length);
    const ignored = 'not json at all, '.repeat(10);
    expect(tokenize(splitEvery(ignored, 7)).tokenizer.units).toBe(ignored.length);
  });

  it('starts over after reset', () => {
    const { tokenizer } = tokenize(['nope']);
    tokenizer.reset();
    tokenizer.write('[1]', 0);
    expect([tokenizer.status, tokenizer.rootEnd, tokenizer.notJsonOffset]).toEqual(['complete', 3, -1]);
  });

  it('never throws on arbitrary text, lone surrogates included', () => {
    fc.assert(
      fc.property(hostileText, cuts, (text, points) => {
        expect(() => tokenize(splitAt(text, points))).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it('gives identical events however arbitrary text is split', () => {
    fc.assert(
      fc.property(hostileText, cuts, (text, points) => {
        expect(tokenize(splitAt(text, points)).log).toEqual(tokenize([text]).log);
      }),
      { numRuns: 400 },
    );
  });

  it('completes every valid JSON document and agrees with JSON.parse on its end', () => {
    fc.assert(
      fc.property(jsonDocument, (text) => {
        const { tokenizer } = tokenize([text]);
        expect(tokenizer.status).toBe('complete');
        expect(tokenizer.rootEnd).toBe(text.length);
      }),
      { numRuns: 300 },
    );
  });
});
