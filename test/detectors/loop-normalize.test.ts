import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBulkUnit } from '../../detectors/loop-anchors.js';
import { BLOCK_LIST, BLOCK_PROSE, BLOCK_TABLE, type BlockKind } from '../../detectors/loop-markdown.js';
import { LoopNormalizer } from '../../detectors/loop-normalize.js';
import { splitRandomly } from '../support/feed.js';

interface Taken {
  readonly char: string;
  readonly offset: number;
  readonly kind: BlockKind;
  readonly unitEnds: boolean;
}

/** Records what the normaliser emits; takes plain runs one character at a time. */
class Recorder extends LoopNormalizer {
  readonly taken: Taken[] = [];

  feed(text: string, offset: number): void {
    this.normalize(text, offset);
  }

  end(): void {
    this.flush();
  }

  protected take(code: number, offset: number, kind: BlockKind, unitEnds: boolean): void {
    this.taken.push({ char: String.fromCharCode(code), offset, kind, unitEnds });
  }

  protected takeRun(text: string, from: number, base: number, kind: BlockKind): number {
    let index = from;
    while (index < text.length && isBulkUnit(text.charCodeAt(index))) {
      this.take(text.charCodeAt(index), base + index, kind, false);
      index += 1;
    }
    return index;
  }
}

function normalized(pieces: readonly string[]): Taken[] {
  const recorder = new Recorder();
  let offset = 0;
  for (const piece of pieces) {
    recorder.feed(piece, offset);
    offset += piece.length;
  }
  recorder.end();
  return recorder.taken;
}

const textOf = (taken: readonly Taken[]) => taken.map((entry) => entry.char).join('');

describe('loop normalisation', () => {
  it('collapses every whitespace run to one space and drops leading and trailing blanks', () => {
    const taken = normalized(['  \tI will\u00a0 \u3000try\n\n   again.  \n']);
    expect(textOf(taken)).toBe('I will try again.');
    expect(taken.filter((entry) => entry.char === ' ').map((entry) => entry.offset)).toEqual([4, 9, 15]);
  });

  it('drops box-drawing characters of terminal panels', () => {
    expect(textOf(normalized(['╭──────╮\n│ loop │\n╰──────╯']))).toBe('loop');
  });

  it('keeps original offsets for every character', () => {
    const text = 'a  b\n\n  c';
    for (const entry of normalized([text]).filter((item) => item.char !== ' ')) {
      expect(text[entry.offset]).toBe(entry.char);
    }
  });

  it('reads JSON string escapes: \\n, \\r and \\t are blanks, \\uXXXX is its character', () => {
    const taken = normalized(['"one\\ntwo\\tthree\\r\\nfour \\u00e9t\\u00E9"']);
    expect(textOf(taken)).toBe('"one two three four été"');
    expect(taken.find((entry) => entry.char === 'é')?.offset).toBe(25);
  });

  it('keeps other escapes, an escaped backslash and unfinished escapes as written', () => {
    expect(textOf(normalized(['say \\"hi\\" \\\\n \\x41 \\u12g \\u00']))).toBe(
      'say \\"hi\\" \\n \\x41 \\u12g \\u00',
    );
    expect(textOf(normalized(['end\\']))).toBe('end\\');
  });

  it('marks unit ends after a sentence terminator and at line breaks', () => {
    const taken = normalized(['First one. "Quoted!" And a line\nnext, e.g. this']);
    const ends = taken.filter((entry) => entry.unitEnds).map((entry) => entry.offset);
    expect(ends).toEqual([10, 20, 31, 42]);
    expect(
      taken.filter((entry) => entry.char === ' ' && !entry.unitEnds).map((entry) => entry.offset),
    ).toEqual([5, 24, 26, 37]);
  });

  it('passes the Markdown kind, and gives a line break the kind its line ended with', () => {
    const taken = normalized(['- item one\n│ a │ b │\nprose']);
    expect(taken.find((entry) => entry.char === 'i')?.kind).toBe(BLOCK_LIST);
    const breaks = taken.filter((entry) => entry.unitEnds);
    expect(breaks.map((entry) => entry.kind)).toEqual([BLOCK_LIST, BLOCK_TABLE]);
    expect(taken.at(-1)?.kind).toBe(BLOCK_PROSE);
  });

  it('emits the same characters, offsets and marks however the text is split', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom(' ', '\n', '\\', 'n', 'u', '0', 'e', '.', '"', '│', '|', '-', '`', '\t'),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), fc.integer({ min: 1, max: 500 }), (text, seed) => {
        expect(normalized(splitRandomly(text, seed, 6))).toEqual(normalized([text]));
      }),
    );
  });
});
