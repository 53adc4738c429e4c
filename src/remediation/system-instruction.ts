import type { ContentUnion, Part } from '@google/genai';

/** Blank line between the caller's instruction and each snippet in a string instruction. */
const SEPARATOR = '\n\n';

/**
 * The text of a system instruction in any form the SDK accepts (string, Part, Content, or an
 * array of strings, Parts or Contents), parts joined by blank lines. Non-text parts are skipped.
 */
export function systemInstructionText(instruction: unknown): string {
  return partsOf(instruction)
    .flatMap((part) => (typeof part.text === 'string' && part.thought !== true ? [part.text] : []))
    .join(SEPARATOR);
}

/**
 * A new system instruction with `texts` added at its END, in order, in the same form as the
 * original where the form allows it:
 * - none → the texts joined as one string;
 * - a string → the string, a blank line, then the texts;
 * - a Content → a copy with one text part per snippet appended (role kept);
 * - a Part or an array of strings and Parts → an array with one text part per snippet appended;
 * - an array holding Contents → one Content with every part in order, then the snippets.
 * Texts already present in the instruction are not added twice. The input is never mutated.
 */
export function appendToSystemInstruction(
  instruction: ContentUnion | undefined,
  texts: readonly string[],
): ContentUnion | undefined {
  const present = systemInstructionText(instruction);
  const added = texts.filter(
    (text, index) => text !== '' && !present.includes(text) && texts.indexOf(text) === index,
  );
  if (added.length === 0) return instruction;
  const newParts: Part[] = added.map((text) => ({ text }));
  if (instruction === undefined || instruction === null) return added.join(SEPARATOR);
  if (typeof instruction === 'string') {
    return instruction.trim() === '' ? added.join(SEPARATOR) : [instruction, ...added].join(SEPARATOR);
  }
  if (Array.isArray(instruction)) {
    const firstContent = (instruction as unknown[]).find(isContent);
    if (firstContent !== undefined) {
      const role = firstContent.role;
      return { ...(role === undefined ? {} : { role }), parts: [...partsOf(instruction), ...newParts] };
    }
    return [...instruction, ...newParts];
  }
  if (isContent(instruction)) return { ...instruction, parts: [...(instruction.parts ?? []), ...newParts] };
  return [instruction as Part, ...newParts];
}

/** Every part of an instruction, in order, strings turned into text parts. */
function partsOf(instruction: unknown): Part[] {
  if (instruction === undefined || instruction === null) return [];
  if (typeof instruction === 'string') return [{ text: instruction }];
  if (Array.isArray(instruction)) return instruction.flatMap((item) => partsOf(item));
  if (isContent(instruction)) return (instruction.parts ?? []).flatMap((part) => partsOf(part));
  if (typeof instruction === 'object') return [instruction as Part];
  return [];
}

function isContent(value: unknown): value is { parts?: Part[]; role?: string } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}
