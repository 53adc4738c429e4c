/**
 * The state machine behind `schema-order`: a JSON tokenizer whose events feed the key-order,
 * duplicate-key and repeat trackers, turned into findings. One scanner reads one candidate's answer.
 */
import type { z } from 'zod';
import { clipEvidence, type Finding } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import type { JsonContainerKind, JsonHandler, JsonScalarKind } from './json-events.js';
import { ExcerptWindow } from './json-excerpt.js';
import { KeyTracker } from './json-keys.js';
import { ItemRepeatTracker, type RunHit, WordRepeatTracker } from './json-repeats.js';
import { DEFAULT_MAX_DEPTH, JsonTokenizer } from './json-tokenizer.js';
import { KeyOrderTracker } from './schema-key-order.js';
import { normalizeSchema } from './schema-normalize.js';
import type { SchemaOrderOptionsSchema } from './schema-order.js';
import { type ObjectShape, shapesFor } from './schema-shape.js';
import { makeFinding } from './support.js';

/** What a `schema-order` finding is about (`data.reason`). */
export type OrderFindingKind =
  | 'out-of-order'
  | 'duplicate-key'
  | 'repeating-items'
  | 'repeating-word'
  | 'runaway-number'
  | 'syntax';

type ParsedOptions = z.output<typeof SchemaOrderOptionsSchema>;

/**
 * Arrays nested deeper than this are not checked for repeats (legit JSON nests at most 10 deep;
 * the loops seen sit at level 1 to 3). About 300 bytes per level.
 */
const REPEAT_LEVELS = 16;
/**
 * Distinct keys tracked per object, and in all open objects together, for duplicate checks
 * (12 bytes each). The widest object in the legit JSON corpus has 89 keys.
 */
const KEYS_PER_OBJECT = 128;
const KEYS_TOTAL = 512;

/** The guide's fix for structured-output loops: no field order in the prompt, every field required. */
const ORDER_FIXES: readonly RemediationId[] = [
  'set-property-ordering',
  'require-all-fields',
  'drop-field-order-instruction',
];
/** A word or digit loop inside one value is plain repetition: the text-loop fixes apply. */
const REPETITION_FIXES: readonly RemediationId[] = [
  'no-repetition',
  'raise-temperature',
  'require-all-fields',
];

/**
 * Reads one answer; {@link SchemaOrderScanner.read} returns the findings each piece completes.
 * The other public methods are the tokenizer's event handlers (see `JsonHandler`).
 */
export class SchemaOrderScanner implements JsonHandler {
  private readonly tokenizer: JsonTokenizer;
  private readonly window = new ExcerptWindow();
  private readonly items: ItemRepeatTracker;
  private readonly words: WordRepeatTracker;
  private readonly keys: KeyTracker;
  private readonly order: KeyOrderTracker | undefined;
  private readonly hasSchema: boolean;
  private readonly warned = new Set<OrderFindingKind>();
  private readonly brokenShapes = new Set<ObjectShape>();
  private found: Finding[] = [];
  private candidate = 0;
  private aborted = false;

  constructor(
    private readonly options: ParsedOptions,
    schema: unknown,
  ) {
    this.tokenizer = new JsonTokenizer(this);
    this.items = new ItemRepeatTracker(barsOf(options.items), options.maxPeriod, REPEAT_LEVELS);
    this.words = new WordRepeatTracker(barsOf(options.words), (hit) => this.wordHit(hit));
    this.keys = new KeyTracker(KEYS_PER_OBJECT, KEYS_TOTAL, DEFAULT_MAX_DEPTH);
    const normalized = normalizeSchema(schema);
    this.hasSchema = normalized !== undefined;
    const shapes = normalized?.ok && options.checkOrder ? shapesFor(normalized.schema) : undefined;
    this.order = shapes ? new KeyOrderTracker(shapes) : undefined;
  }

  /** Work units so far. */
  get units(): number {
    return this.tokenizer.units + this.items.units + this.words.units + this.keys.units;
  }

  /** Read one piece of answer text at absolute `offset`. */
  read(text: string, offset: number, candidate: number): Finding[] {
    if (this.aborted || this.tokenizer.idle) return [];
    this.candidate = candidate;
    this.found = [];
    this.window.begin(text, offset);
    this.tokenizer.write(text, offset);
    this.window.finish();
    return this.found;
  }

  containerStart(kind: JsonContainerKind, _start: number, level: number): void {
    if (kind === 'object') this.keys.open(level);
    else this.items.begin(level);
    this.order?.enter(kind, level, this.tokenizer.kindAt(level - 1), this.tokenizer.indexAt(level - 1));
  }

  containerEnd(kind: JsonContainerKind, start: number, end: number, hash: number, level: number): void {
    if (kind === 'object') this.keys.close(level);
    this.itemDone(level - 1, hash, start, end);
  }

  key(text: string, start: number, end: number, hash: number, level: number, length: number): void {
    const count = this.keys.add(level, hash, length);
    if (count === 2 || count === this.options.duplicateKeyAbort)
      this.duplicateKey(text, start, end, level, count);
    const broken = count === 1 ? this.order?.key(level, text) : undefined;
    if (!broken || this.brokenShapes.has(broken.shape)) return;
    this.brokenShapes.add(broken.shape);
    const message = `Key "${text}" came after "${broken.after}", but the schema puts it first: the answer does not follow the schema's field order.`;
    const path = this.tokenizer.pointer(level);
    const data = { path, key: text, after: broken.after, expectedOrder: broken.shape.order.slice(0, 50) };
    this.report('warn', 'out-of-order', message, start, end, data, ORDER_FIXES, false);
  }

  private duplicateKey(text: string, start: number, end: number, level: number, count: number): void {
    const path = this.tokenizer.pointer(level);
    const data = { path, key: text, count };
    if (count === this.options.duplicateKeyAbort) {
      const message = `Key "${text}" has appeared ${count} times in one object: the output is looping.`;
      this.report('abort', 'duplicate-key', message, start, end, data, ORDER_FIXES);
    } else if (!this.warned.has('duplicate-key')) {
      const message = `Key "${text}" appears twice in the object at "${parentOf(path)}".`;
      this.report('warn', 'duplicate-key', message, start, end, data, ORDER_FIXES);
    }
  }

  scalarStart(kind: JsonScalarKind): void {
    if (kind === 'string') this.words.begin();
  }

  scalarEnd(_kind: JsonScalarKind, start: number, end: number, hash: number, parent: number): void {
    this.itemDone(parent, hash, start, end);
  }

  stringWord(hash: number, length: number, start: number, end: number): void {
    this.words.word(hash, length, start, end);
  }

  numberRun(start: number, from: number, to: number): void {
    // Report at the character that makes the number as long as a bar, wherever the piece ends.
    const { numberWarnChars, numberAbortChars } = this.options;
    if (from - start < numberWarnChars && to - start >= numberWarnChars)
      this.longNumber(start, numberWarnChars, 'warn');
    if (from - start < numberAbortChars && to - start >= numberAbortChars)
      this.longNumber(start, numberAbortChars, 'abort');
  }

  private longNumber(start: number, length: number, severity: 'warn' | 'abort'): void {
    const message = `A number literal has grown to ${length} characters: the output is ${severity === 'abort' ? 'looping' : 'likely looping'}.`;
    const data = { path: this.tokenizer.pointer(), length };
    this.report(severity, 'runaway-number', message, start, start + length, data, REPETITION_FIXES);
  }

  error(offset: number, reason: string): void {
    if (!this.hasSchema) return;
    const message = `The answer stopped being valid JSON at offset ${offset}: ${reason}.`;
    this.report(
      'info',
      'syntax',
      message,
      offset,
      offset + 1,
      { path: this.tokenizer.pointer(), detail: reason },
      [],
    );
  }

  private itemDone(level: number, hash: number, start: number, end: number): void {
    if (this.tokenizer.kindAt(level) !== 'array') return;
    const hit = this.items.item(level, hash, start, end);
    if (!hit) return;
    const path = this.tokenizer.pointer(level - 1);
    const unit = hit.period === 1 ? 'the same item' : `a cycle of ${hit.period} items`;
    const tail = hit.severity === 'abort' ? ': the output is looping' : '';
    const message = `The array at "${path || '/'}" repeats ${unit} ${hit.copies} times in a row${tail}.`;
    const data = { path, period: hit.period, copies: hit.copies, runLength: hit.end - hit.start };
    this.report(hit.severity, 'repeating-items', message, hit.start, hit.end, data, ORDER_FIXES);
  }

  private wordHit(hit: RunHit): void {
    const word = clipWord(this.window.excerpt(hit.lastStart, hit.end));
    const tail = hit.severity === 'abort' ? ': the output is looping' : '';
    const message = `A string value repeats the word "${word}" ${hit.copies} times in a row${tail}.`;
    const data = { path: this.tokenizer.pointer(), copies: hit.copies, runLength: hit.end - hit.start };
    this.report(hit.severity, 'repeating-word', message, hit.start, hit.end, data, REPETITION_FIXES);
  }

  /** Add a finding: at most one warn (or info) per kind unless `once` is false, one abort in all. */
  private report(
    severity: 'info' | 'warn' | 'abort',
    kind: OrderFindingKind,
    message: string,
    start: number,
    end: number,
    data: Record<string, unknown>,
    remediations: readonly RemediationId[],
    once = true,
  ): void {
    if (this.aborted) return;
    if (severity === 'abort') this.aborted = true;
    else if (once && this.warned.has(kind)) return;
    else if (once) this.warned.add(kind);
    this.found.push(
      makeFinding({
        detector: 'schema-order',
        severity,
        message,
        candidate: this.candidate,
        start,
        end,
        evidence: this.window.excerpt(start, end),
        remediations,
        data: { reason: kind, ...data },
      }),
    );
  }
}

function barsOf(bars: ParsedOptions['items']) {
  return {
    warn: { copies: bars.warnCopies, chars: bars.warnChars },
    abort: { copies: bars.abortCopies, chars: bars.abortChars },
  };
}

/** Words quoted in messages are cut to this many units. */
const MAX_QUOTED_WORD = 40;

function clipWord(word: string): string {
  return clipEvidence(word, MAX_QUOTED_WORD);
}

function parentOf(pointer: string): string {
  const cut = pointer.lastIndexOf('/');
  return cut <= 0 ? '/' : pointer.slice(0, cut);
}
