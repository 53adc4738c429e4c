import { expect } from 'vitest';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';

/**
 * Run `create`, which must throw an `InvalidOptionsError` (the test fails otherwise, labelled
 * with `label`), and return the paths of its issues, each joined with dots (`''` for the root).
 */
export function rejectedPaths(create: () => unknown, label: string): string[] {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(isInvalidOptionsError(caught), label).toBe(true);
  return isInvalidOptionsError(caught) ? caught.issues.map((issue) => issue.path.join('.')) : [];
}
