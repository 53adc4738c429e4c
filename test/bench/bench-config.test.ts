import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_REPEATS,
  guardedAttempts,
  parseBenchConfig,
} from '../../src/bench/bench-config.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const example = JSON.parse(readFileSync(join(ROOT, 'bench/variants.example.json'), 'utf8'));

const minimal = {
  models: ['gemini-2.5-flash'],
  cases: [{ id: 'one', prompt: 'Say hello.' }],
  variants: [{ id: 'plain' }],
};

function issuesOf(config: unknown): { path: string; message: string }[] {
  try {
    parseBenchConfig(config);
  } catch (error) {
    if (!isInvalidOptionsError(error)) throw error;
    return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
  throw new Error('expected the config to be refused');
}

describe('parseBenchConfig', () => {
  it('accepts the example: three cases, each with its snippet, and three variants on a 2.5 model', () => {
    const config = parseBenchConfig(example);
    expect(config.cases.map((entry) => [entry.id, entry.snippets])).toEqual([
      ['table-heavy', ['table-format']],
      ['json-extraction', ['escape-policy']],
      ['agent', ['thought-recap']],
    ]);
    expect(config.variants.map((variant) => [variant.caseSnippets, variant.temperature])).toEqual([
      [false, 0.2],
      [true, 0.2],
      [true, 0.8],
    ]);
    expect(config.models.every((model) => model.startsWith('gemini-2.5'))).toBe(true);
  });

  it('fills in the defaults and applies overrides on top of the file', () => {
    const config = parseBenchConfig(minimal);
    expect(config).toMatchObject({
      repeats: DEFAULT_REPEATS,
      concurrency: DEFAULT_CONCURRENCY,
      seed: 1,
      guarded: false,
    });
    expect(guardedAttempts(config)).toBeUndefined();
    const overridden = parseBenchConfig(minimal, { repeats: 3, concurrency: 2, seed: 9, guarded: true });
    expect(overridden).toMatchObject({ repeats: 3, concurrency: 2, seed: 9, guarded: true });
    expect(guardedAttempts(overridden)).toBe(3);
    expect(guardedAttempts(parseBenchConfig({ ...minimal, guarded: { maxAttempts: 5 } }))).toBe(5);
  });

  it('names every problem with its path', () => {
    const issues = issuesOf({
      models: [],
      cases: [
        { id: 'a', prompt: 'x', snippets: ['nope'] },
        { id: 'b', prompt: 'x', contents: [{ role: 'user', parts: [{ text: 'x' }] }] },
      ],
      variants: [{ id: 'v' }, { id: 'v', temperature: 3 }],
      repeats: 0,
      extra: true,
    });
    const paths = issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'models',
        'cases.0.snippets.0',
        'cases.1.prompt',
        'variants.1.id',
        'variants.1.temperature',
        'repeats',
        '',
      ]),
    );
    expect(issues.find((issue) => issue.path === 'variants.1.id')?.message).toMatch(/used twice/);
  });

  it('refuses a config that is not an object, and unknown simulation modes', () => {
    expect(issuesOf([1, 2])).toEqual([{ path: '', message: 'the config must be a JSON object' }]);
    const unknownMode = { ...minimal, cases: [{ id: 'c', prompt: 'x', simulate: { mode: 'melting' } }] };
    expect(issuesOf(unknownMode).map((issue) => issue.path)).toEqual(['cases.0.simulate.mode']);
  });
});
