/** The events the JSON tokenizer emits, and the kinds they name. */

/** The two container kinds. */
export type JsonContainerKind = 'object' | 'array';
/** Scalar kinds: `literal` is `true`, `false` or `null`. */
export type JsonScalarKind = 'string' | 'number' | 'literal';
/**
 * Where the tokenizer stands. `waiting`: only whitespace (or a fence line) so far; `open`: inside
 * the root value (at the end of input this means the document is truncated); `complete`: the root
 * value closed; `not-json`: the answer does not start like JSON; `error`: it stopped being JSON.
 */
export type JsonStatus = 'waiting' | 'not-json' | 'open' | 'complete' | 'error';

/**
 * Receives structural events. Offsets are absolute UTF-16 offsets; `end` is exclusive. `level` is
 * the nesting level of a container (the root is 1); `parent` is the level of the container that
 * holds a value (0 for the root). Hashes cover the canonical token stream (see `json-hash.ts`).
 * Every method is optional.
 */
export interface JsonHandler {
  containerStart?(kind: JsonContainerKind, start: number, level: number): void;
  containerEnd?(kind: JsonContainerKind, start: number, end: number, hash: number, level: number): void;
  /**
   * A complete key of the object at `level`. `text` is decoded and cut at the key cap; `hash` and
   * `length` cover the whole key.
   */
  key?(text: string, start: number, end: number, hash: number, level: number, length: number): void;
  scalarStart?(kind: JsonScalarKind, start: number, parent: number): void;
  scalarEnd?(kind: JsonScalarKind, start: number, end: number, hash: number, parent: number): void;
  /**
   * One whitespace-separated word inside a string value (never a key), from `start` to `end` in
   * the text; `hash` and `length` cover its decoded units. Escaped whitespace (`\n`) separates
   * words too. Words are cut only when the handler has this method (it costs a little).
   */
  stringWord?(hash: number, length: number, start: number, end: number): void;
  /** More characters of the number that started at `start`: those at `[from, to)`. */
  numberRun?(start: number, from: number, to: number): void;
  /** The input stopped being JSON at `offset`. Called at most once. */
  error?(offset: number, reason: string): void;
}
