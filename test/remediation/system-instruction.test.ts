import type { Content, ContentUnion } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  appendToSystemInstruction,
  systemInstructionText,
} from '../../src/remediation/system-instruction.js';
import { deepFreeze } from './support.js';

const A = 'Rule A.';
const B = 'Rule B.';

describe('appendToSystemInstruction', () => {
  it('creates a string instruction when there was none', () => {
    expect(appendToSystemInstruction(undefined, [A, B])).toBe(`${A}\n\n${B}`);
  });

  it('appends to a string after a blank line', () => {
    expect(appendToSystemInstruction('Be helpful.', [A])).toBe(`Be helpful.\n\n${A}`);
  });

  it('appends text parts to a Content, keeping its role and parts', () => {
    const content = deepFreeze({ role: 'user', parts: [{ text: 'Be helpful.' }] }) as Content;
    expect(appendToSystemInstruction(content, [A, B])).toEqual({
      role: 'user',
      parts: [{ text: 'Be helpful.' }, { text: A }, { text: B }],
    });
  });

  it('turns a single Part into a list with the snippets after it', () => {
    const part = deepFreeze({ text: 'Be helpful.' });
    expect(appendToSystemInstruction(part, [A])).toEqual([{ text: 'Be helpful.' }, { text: A }]);
  });

  it('appends to an array of strings and parts', () => {
    const list = deepFreeze(['One.', { text: 'Two.' }]) as ContentUnion;
    expect(appendToSystemInstruction(list, [A])).toEqual(['One.', { text: 'Two.' }, { text: A }]);
  });

  it('merges an array of Contents into one Content with the snippets last', () => {
    const list = deepFreeze([
      { role: 'user', parts: [{ text: 'One.' }] },
      { role: 'user', parts: [{ text: 'Two.' }] },
    ]) as unknown as ContentUnion;
    expect(appendToSystemInstruction(list, [A])).toEqual({
      role: 'user',
      parts: [{ text: 'One.' }, { text: 'Two.' }, { text: A }],
    });
  });

  it('does not add a text that is already in the instruction, nor the same text twice', () => {
    expect(appendToSystemInstruction(`Intro.\n\n${A}`, [A, B, B])).toBe(`Intro.\n\n${A}\n\n${B}`);
    const unchanged = deepFreeze({ parts: [{ text: A }] });
    expect(appendToSystemInstruction(unchanged, [A])).toBe(unchanged);
  });

  it('puts the last text given at the very end of the instruction in every form', () => {
    const forms: (ContentUnion | undefined)[] = [
      undefined,
      'x',
      { text: 'x' },
      { parts: [{ text: 'x' }] },
      ['x'],
    ];
    for (const form of forms) {
      expect(systemInstructionText(appendToSystemInstruction(form, [A, B])).endsWith(B)).toBe(true);
    }
  });
});

describe('systemInstructionText', () => {
  it('reads every form, skipping non-text and thought parts', () => {
    expect(
      systemInstructionText(['a', { text: 'b' }, { inlineData: { data: '' } }, { text: 'c', thought: true }]),
    ).toBe('a\n\nb');
    expect(systemInstructionText(undefined)).toBe('');
  });
});
