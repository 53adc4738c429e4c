import { describe, expect, it } from 'vitest';
import { createTextLoopDetector } from '../../detectors/text-loop.js';
import type { WorkMeter } from '../../src/registry.js';
import { feedPieces } from '../support/feed.js';

describe('text-loop work', () => {
  const adversarial: Record<string, (size: number) => string> = {
    'one repeated character': (size) => 'a'.repeat(size),
    'a two-character period': (size) => 'ab'.repeat(size / 2),
    'a short word loop': (size) => 'no '.repeat(Math.ceil(size / 3)).slice(0, size),
    'near-periodic text': (size) => nearPeriodic(size),
    'long blocks with a few changes': (size) => longBlocks(size),
    'random text': (size) => randomText(size, 7),
    'a tiny vocabulary': (size) => randomWords(size, ['a', 'of', 'the', 'to', 'it']),
    'a drifting template': (size) => drifting(size),
  };

  it.each(Object.keys(adversarial))('grows at most 12x for 10x input on %s', (name) => {
    const generate = adversarial[name] as (size: number) => string;
    const units = (size: number) => {
      const meter: WorkMeter = { units: 0 };
      feedPieces(createTextLoopDetector({}, { meter }), chunked(generate(size)));
      return meter.units;
    };
    const small = units(100_000);
    expect(small).toBeGreaterThanOrEqual(100_000);
    expect(units(1_000_000) / small).toBeLessThanOrEqual(12);
  });
});

function chunked(text: string): string[] {
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += 64) pieces.push(text.slice(offset, offset + 64));
  return pieces;
}

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function randomText(size: number, seed: number): string {
  const next = generator(seed);
  const parts: string[] = [];
  for (let length = 0; length < size; length += 1)
    parts.push(next() < 0.18 ? ' ' : String.fromCharCode(97 + Math.floor(next() * 26)));
  return parts.join('');
}

function randomWords(size: number, words: readonly string[]): string {
  const next = generator(11);
  const parts: string[] = [];
  for (let length = 0; length < size; ) {
    const word = `${words[Math.floor(next() * words.length)]} `;
    parts.push(word);
    length += word.length;
  }
  return parts.join('').slice(0, size);
}

/** A 54-char sentence repeated with one random letter changed in every copy. */
function nearPeriodic(size: number): string {
  const next = generator(5);
  const unit = 'I will also try to find an example of how to get it. ';
  const parts: string[] = [];
  for (let length = 0; length < size; length += unit.length) {
    const at = Math.floor(next() * unit.length);
    parts.push(unit.slice(0, at) + String.fromCharCode(65 + Math.floor(next() * 26)) + unit.slice(at + 1));
  }
  return parts.join('').slice(0, size);
}

function drifting(size: number): string {
  const parts: string[] = [];
  for (let index = 0, length = 0; length < size; index += 1) {
    const line = `The app crashes when the user denies item${index % 97} permissions.\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('').slice(0, size);
}

/** A 2,400-char block of random words repeated with three characters changed in every copy. */
function longBlocks(size: number): string {
  const next = generator(9);
  const block = randomText(2400, 3);
  const parts: string[] = [];
  for (let length = 0; length < size; length += block.length) {
    const copy = block.split('');
    for (let change = 0; change < 3; change += 1) copy[Math.floor(next() * copy.length)] = 'X';
    parts.push(copy.join(''));
  }
  return parts.join('').slice(0, size);
}
