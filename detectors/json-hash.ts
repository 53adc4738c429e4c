/**
 * 32-bit hashes of a JSON token stream, used to compare array items and keys without keeping
 * them. Each scalar is hashed unit by unit (FNV-1a over UTF-16 units, escapes decoded); a
 * container folds its children's hashes in order. Whitespace never enters a hash, so two items
 * that differ only in layout hash alike. Callers also compare lengths, which keeps the chance of
 * a false match (about 1 in 4 billion per pair) out of any decision that needs several matches.
 */

const FNV_PRIME = 0x01000193;
/** Multiplier of the fold step (the 32-bit golden ratio), spreads child hashes over all bits. */
const FOLD_MULTIPLIER = 0x9e3779b1;

/** Seeds keep kinds apart: the string `"1"`, the number `1` and the key `"1"` hash differently. */
export const SEED_STRING = 0x811c9dc5 | 0;
export const SEED_NUMBER = 0x050c5d1f;
export const SEED_LITERAL = 0x2c1b3c6d;
export const SEED_KEY = 0x297a2d39;
export const SEED_OBJECT = 0x5bd1e995;
export const SEED_ARRAY = 0x1b873593;

/** Add one UTF-16 unit to a scalar's hash. */
export function hashUnit(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** Fold a child's hash into its container's hash (order-sensitive). */
export function mixHash(accumulator: number, value: number): number {
  const mixed = Math.imul(accumulator ^ value, FOLD_MULTIPLIER);
  return mixed ^ (mixed >>> 15);
}
