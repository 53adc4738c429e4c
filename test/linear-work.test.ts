import { describe, expect, it } from 'vitest';
import { createInspector } from '../src/inspector.js';
import type { WorkMeter } from '../src/registry.js';

/** Work units the whole default set spends on `text` fed in 64-char chunks. */
function workFor(text: string): number {
  const meter: WorkMeter = { units: 0 };
  const inspector = createInspector({ meter });
  for (let offset = 0; offset < text.length; offset += 64) {
    inspector.push({ type: 'text-delta', candidate: 0, text: text.slice(offset, offset + 64), offset });
  }
  inspector.end();
  return meter.units;
}

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Near-periodic text: a period of 37 chars where one char in each copy changes. */
function nearPeriodic(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let copy = 0; length < size; copy += 1) {
    const piece = `the model repeats itself ${String.fromCharCode(97 + (copy % 26))} again. `;
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, size);
}

const ADVERSARIAL: Record<string, (size: number) => string> = {
  'one repeated character': (size) => repeatTo('a', size),
  'one repeated hyphen': (size) => repeatTo('-', size),
  'a separator row pattern': (size) => repeatTo('|---', size),
  'newlines only': (size) => repeatTo('\n', size),
  'a two-character period': (size) => repeatTo('ab', size),
  'a seven-character period': (size) => repeatTo('Other; ', size),
  'near-periodic text': nearPeriodic,
  'deeply nested JSON': (size) => `${repeatTo('[', size / 2)}${repeatTo(']', size / 2)}`,
  'a JSON array of one repeated item': (size) => `[${repeatTo('"AI",', size - 1)}`,
};

describe('the default detector set does linear work', () => {
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    it(`spends at most 12 times the work on 10 times the input (${name})`, () => {
      const small = workFor(make(100_000));
      const large = workFor(make(1_000_000));
      expect(small).toBeGreaterThan(0);
      expect(large / small).toBeLessThanOrEqual(12);
    });
  }
});
