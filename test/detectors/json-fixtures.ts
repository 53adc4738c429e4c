/**
 * Test inputs shared by the JSON tokenizer and the schema detectors' tests: fast-check arbitraries
 * for JSON-ish text (valid, broken and hostile, lone surrogates included), a splitter, and the
 * legit JSON material of the corpus.
 */
import fc from 'fast-check';
import { listCorpus, readCorpus } from '../support/corpus.js';

/** Any UTF-16 units, lone surrogates and control characters included. */
export const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((codes) => String.fromCharCode(...codes));

/** Characters that drive the tokenizer into every state, plus a lone surrogate of each half. */
const JSON_ALPHABET = [...'{}[]":,\\/ubfnrt0123456789-+.eE aln\n\t`', '\ud800', '\udc00', 'é'];

/** Text made of JSON punctuation and fragments: mostly broken JSON, sometimes fine. */
export const jsonishText = fc
  .array(fc.constantFrom(...JSON_ALPHABET, '"AI",', '{"a":', '[1,', 'true', 'null', '```json\n'), {
    maxLength: 120,
  })
  .map((parts) => parts.join(''));

/** A valid JSON document whose root is an object or an array, compact or indented. */
export const jsonDocument = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), fc.constantFrom(0, 2))
  .map(([value, asArray, indent]) => JSON.stringify(asArray ? [value] : { value }, null, indent));

/** Any of the above. */
export const hostileText = fc.oneof(anyUnits, jsonishText, jsonDocument);

/** Cut points for {@link splitAt}. */
export const cuts = fc.array(fc.nat(), { maxLength: 12 });

/** Split `text` at the given points (taken modulo its length, sorted, duplicates dropped). */
export function splitAt(text: string, points: readonly number[]): string[] {
  if (text.length === 0) return [];
  const sorted = [...new Set(points.map((point) => point % text.length))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const point of [...sorted, text.length]) {
    if (point > last) pieces.push(text.slice(last, point));
    last = Math.max(last, point);
  }
  return pieces;
}

/** Legit JSON of the corpus: every `.json` file of legit/ (index files excluded). */
export function legitJsonFiles(): string[] {
  return listCorpus('legit').filter((path) => path.endsWith('.json'));
}

/** Every ```json block of legit-docs, with the file it came from. */
export function legitDocsJsonBlocks(): { file: string; text: string }[] {
  const blocks: { file: string; text: string }[] = [];
  for (const file of listCorpus('legit-docs')) {
    if (!file.endsWith('.md')) continue;
    for (const match of readCorpus(file).matchAll(/^[ \t]*```json[^\n]*\n([\s\S]*?)^[ \t]*```/gm)) {
      blocks.push({ file, text: match[1] ?? '' });
    }
  }
  return blocks;
}
