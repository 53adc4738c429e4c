import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInvalidOptionsError } from '../src/errors/invalid-options-error.js';
import type { Finding } from '../src/finding.js';
import { createInspector } from '../src/inspector.js';

function findingsFor(pieces: readonly string[]): Finding[] {
  const inspector = createInspector();
  let offset = 0;
  for (const text of pieces) {
    if (text === '') continue;
    inspector.push({ type: 'text-delta', candidate: 0, text, offset });
    offset += text.length;
  }
  inspector.end();
  return [...inspector.findings];
}

/** Cut `text` at the given positions (sorted, deduplicated, clamped). */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => Math.min(text.length, cut)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let previous = 0;
  for (const point of points) {
    pieces.push(text.slice(previous, point));
    previous = point;
  }
  pieces.push(text.slice(previous));
  return pieces;
}

/** Text made of fragments that trigger detectors: table rows, hyphens, newlines, loops, JSON. */
const triggering = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '| a | b |\n',
        '|---|---|\n',
        '-'.repeat(50),
        '\n\n\n',
        '\\n\\n',
        '{"a": 1, ',
        '"AI",',
        'again and again. ',
      ),
      fc.string({ unit: 'binary', maxLength: 20 }),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

describe('the default detector set', () => {
  it('never throws on arbitrary Unicode, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(() => findingsFor([text])).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical findings however the input is split into chunks', () => {
    fc.assert(
      fc.property(triggering, fc.array(fc.nat({ max: 6000 }), { maxLength: 40 }), (text, cuts) => {
        expect(findingsFor(cutAt(text, cuts))).toEqual(findingsFor([text]));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad detector options with issues that name the path', () => {
    const bad = fc.constantFrom<Record<string, unknown>>(
      { 'text-loop': { nonsense: 1 } },
      { 'table-hyphens': { nonsense: true } },
      { 'no-such-detector': {} },
    );
    fc.assert(
      fc.property(bad, (detectors) => {
        let caught: unknown;
        try {
          createInspector({ detectors });
        } catch (error) {
          caught = error;
        }
        expect(isInvalidOptionsError(caught)).toBe(true);
        const paths = (caught as { issues: { path: (string | number)[] }[] }).issues.map((issue) =>
          issue.path.join('.'),
        );
        expect(paths.some((path) => path.startsWith(`detectors.${Object.keys(detectors)[0]}`))).toBe(true);
      }),
    );
  });
});
