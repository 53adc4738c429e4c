import { describe, expect, it } from 'vitest';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import { guard } from '../../src/guard/guard.js';
import { DEFAULT_HOLDBACK_CHARS, resolveGuardSettings } from '../../src/guard/guard-options.js';

const client = { models: {} } as never;

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isInvalidOptionsError(error)) return error.issues.map((issue) => issue.path.join('.'));
    throw error;
  }
  throw new Error('expected InvalidOptionsError');
}

describe('guard options', () => {
  it('fill in the documented defaults', () => {
    const settings = resolveGuardSettings();
    expect(settings).toMatchObject({
      maxAttempts: 3,
      onDegenerate: 'reask',
      onExhausted: 'degraded',
      reaskOn: 'abort',
      holdbackChars: DEFAULT_HOLDBACK_CHARS,
      continuation: undefined,
    });
  });

  it('are checked once, at creation, naming every bad field', () => {
    const paths = issuesOf(() =>
      guard(client, { maxAttempts: 0, tokenBudget: -5, onDegenerate: 'retry' as never, holdbackChars: 1.5 }),
    );
    expect(paths.sort()).toEqual(['holdbackChars', 'maxAttempts', 'onDegenerate', 'tokenBudget']);
  });

  it('reject unknown options, unknown detectors and bad retry options', () => {
    expect(issuesOf(() => guard(client, { maxAtempts: 2 } as never))).toEqual(['']);
    expect(issuesOf(() => guard(client, { detectors: { 'no-such': false } as never }))).toEqual([
      'detectors.no-such',
    ]);
    expect(issuesOf(() => guard(client, { retry: { maxRetries: -1 } }))).toEqual(['retry.maxRetries']);
  });

  it('read continuation as on with defaults, or with its own minimum', () => {
    expect(resolveGuardSettings({ continuation: true }).continuation).toEqual({
      minPrefixChars: 2000,
      instruction: undefined,
    });
    expect(resolveGuardSettings({ continuation: { minPrefixChars: 10 } }).continuation?.minPrefixChars).toBe(
      10,
    );
  });
});
