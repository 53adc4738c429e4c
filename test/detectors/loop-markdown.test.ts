import { describe, expect, it } from 'vitest';
import {
  BLOCK_CODE,
  BLOCK_LIST,
  BLOCK_PROSE,
  BLOCK_TABLE,
  type BlockKind,
  MarkdownContext,
} from '../../detectors/loop-markdown.js';

/** The kind each line has after its last character, and the kind the tracker remembers for it. */
function lineKinds(text: string): { last: BlockKind[]; ended: BlockKind[] } {
  const context = new MarkdownContext();
  const last: BlockKind[] = [];
  const ended: BlockKind[] = [];
  let previous: BlockKind = BLOCK_PROSE;
  for (const char of text) {
    if (char === '\n') last.push(previous);
    context.step(char.charCodeAt(0));
    if (char === '\n') ended.push(context.endedKind);
    previous = context.kind;
  }
  return { last, ended };
}

describe('markdown context', () => {
  it.each([
    ['plain prose', 'The plan has three steps.', BLOCK_PROSE],
    ['a dash bullet', '- first item', BLOCK_LIST],
    ['a star bullet', '* first item', BLOCK_LIST],
    ['a plus bullet', '+ first item', BLOCK_LIST],
    ['an ordered item', '12. twelfth item', BLOCK_LIST],
    ['an ordered item with a parenthesis', '3) third item', BLOCK_LIST],
    ['an indented, quoted item', '  > - quoted item', BLOCK_LIST],
    ['bold text', '**Requires restart:** Yes', BLOCK_PROSE],
    ['a thematic break', '---', BLOCK_PROSE],
    ['a number without a marker', '2024 was a good year.', BLOCK_PROSE],
    ['a pipe table row', '| Name | Value |', BLOCK_TABLE],
    ['a row without a leading pipe', 'a | b | c | d', BLOCK_TABLE],
    ['prose with two pipes', 'use a | b for that', BLOCK_PROSE],
    ['a box-drawn table row', '│ 0 │ Mercury │ planet │', BLOCK_TABLE],
    ['prose inside a TUI border', '│ The term is not directly related. │', BLOCK_PROSE],
  ])('classifies %s', (_label, line, kind) => {
    expect(lineKinds(`${line}\n`).last).toEqual([kind]);
  });

  it('marks fenced code, fence lines included, until a matching fence closes it', () => {
    const text = ['intro', '```js', 'const a = 1;', '~~~', '- not a list', '```', 'after', ''].join('\n');
    expect(lineKinds(text).last).toEqual([
      BLOCK_PROSE,
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_PROSE,
    ]);
  });

  it('opens a fence with tildes and an indent too', () => {
    expect(lineKinds('  ~~~~\nx = 1\n~~~\ntext\n').last).toEqual([
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_CODE,
      BLOCK_PROSE,
    ]);
  });

  it('remembers the kind a line ended with, skipping blank lines', () => {
    const { ended } = lineKinds('│ a │ b │\n\n\n- item\n');
    expect(ended).toEqual([BLOCK_TABLE, BLOCK_TABLE, BLOCK_TABLE, BLOCK_LIST]);
  });

  it('reports the body state so callers may skip ordinary characters', () => {
    const context = new MarkdownContext();
    expect(context.inBody).toBe(false);
    for (const char of '- a') context.step(char.charCodeAt(0));
    expect(context.inBody).toBe(true);
    context.step(0x0a);
    expect([context.inBody, context.atLineStart]).toEqual([false, true]);
  });

  it('forgets an open fence on reset', () => {
    const context = new MarkdownContext();
    for (const char of '```\ncode\n') context.step(char.charCodeAt(0));
    expect(context.kind).toBe(BLOCK_CODE);
    context.reset();
    for (const char of 'text') context.step(char.charCodeAt(0));
    expect(context.kind).toBe(BLOCK_PROSE);
  });
});
