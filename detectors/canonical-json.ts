import { MAX_EVIDENCE_LENGTH } from '../src/finding.js';
import type { WorkMeter } from '../src/registry.js';

/**
 * Bounded fingerprints of JSON-like values (tool-call arguments and results), so two calls can be
 * compared regardless of key order without keeping their full text.
 */

/** What a value (or a call) is reduced to. */
export interface Fingerprint {
  /**
   * Equal for values with equal canonical JSON (object keys sorted). The canonical text itself
   * when it is short, else its length and a 64-bit hash of it.
   */
  readonly key: string;
  /** The start of the canonical text, for evidence: at most one unit past the evidence limit. */
  readonly preview: string;
  /** Length of the full canonical text in UTF-16 units. */
  readonly length: number;
}

/**
 * Canonical texts up to this many units are kept verbatim as keys; longer ones are hashed. Real
 * Gemini tool arguments are short (in the genai-wire recordings the canonical args are 32 to 46
 * characters), and the limit keeps one tracker window entry under about half a kilobyte.
 */
export const VERBATIM_KEY_LIMIT = 96;

/** Evidence needs only this much text: one unit past the limit lets clipEvidence mark the cut. */
const PREVIEW_LIMIT = MAX_EVIDENCE_LENGTH + 1;

/** Nesting deeper than this is rendered as a marker; real arguments nest a handful of levels. */
const MAX_DEPTH = 64;

/** FNV-1a 32-bit offset basis and prime (the published constants of the algorithm). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** A second, independent multiplicative hash (an odd constant) to widen the hash to 64 bits. */
const SECOND_SEED = 0x2545f491;
const SECOND_PRIME = 0x5bd1e995;

/** Collects canonical text: hashes all of it, keeps only a prefix. */
class HashingSink {
  prefix = '';
  length = 0;
  private first = FNV_OFFSET;
  private second = SECOND_SEED;

  constructor(private readonly meter: WorkMeter | undefined) {}

  write(piece: string): void {
    let first = this.first;
    let second = this.second;
    for (let index = 0; index < piece.length; index++) {
      const code = piece.charCodeAt(index);
      first = Math.imul(first ^ code, FNV_PRIME);
      second = Math.imul(second ^ code, SECOND_PRIME);
      second ^= second >>> 13;
    }
    this.first = first;
    this.second = second;
    if (this.prefix.length < PREVIEW_LIMIT) this.prefix += piece.slice(0, PREVIEW_LIMIT - this.prefix.length);
    this.length += piece.length;
    if (this.meter) this.meter.units += piece.length + 1;
  }

  finish(): Fingerprint {
    const verbatim = this.length <= VERBATIM_KEY_LIMIT;
    const hash = `${(this.first >>> 0).toString(16)}.${(this.second >>> 0).toString(16)}`;
    return {
      key: verbatim ? this.prefix : `#${this.length}:${hash}`,
      preview: this.prefix,
      length: this.length,
    };
  }
}

/**
 * Fingerprint any value as canonical JSON: object keys sorted, `undefined`, functions and symbols
 * dropped from objects (null in arrays), non-finite numbers as null, bigints as strings, cycles and
 * excessive depth as markers. Never throws: a value whose properties cannot be read becomes a marker.
 */
export function fingerprintValue(value: unknown, meter?: WorkMeter): Fingerprint {
  const sink = new HashingSink(meter);
  writeSafely(sink, value);
  return sink.finish();
}

/**
 * Fingerprint a call as `name(args)`. The key also carries the name's length, so a name containing
 * brackets can never make two different calls look alike.
 */
export function fingerprintCall(name: string, args: unknown, meter?: WorkMeter): Fingerprint {
  const sink = new HashingSink(meter);
  sink.write(name);
  sink.write('(');
  writeSafely(sink, args);
  sink.write(')');
  const print = sink.finish();
  return { ...print, key: `${name.length}|${print.key}` };
}

function writeSafely(sink: HashingSink, value: unknown): void {
  try {
    writeValue(sink, value, new Set(), 0);
  } catch {
    // A throwing getter or toJSON (possible on SDK objects or proxies): fingerprint what was
    // written plus a marker rather than crash the inspection.
    sink.write('"[unreadable]"');
  }
}

function writeValue(sink: HashingSink, value: unknown, ancestors: Set<object>, depth: number): void {
  if (typeof value === 'object' && value !== null) writeObject(sink, value, ancestors, depth);
  else sink.write(scalarText(value));
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(`${value}n`);
    default:
      // null, undefined, functions and symbols have no other JSON form
      return 'null';
  }
}

function writeObject(sink: HashingSink, value: object, ancestors: Set<object>, depth: number): void {
  if (ancestors.has(value)) {
    sink.write('"[circular]"');
    return;
  }
  if (depth >= MAX_DEPTH) {
    sink.write('"[too deep]"');
    return;
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  const replaced: unknown = typeof toJson === 'function' ? toJson.call(value) : value;
  if (replaced !== value) {
    writeValue(sink, replaced, ancestors, depth + 1);
    return;
  }
  ancestors.add(value);
  if (Array.isArray(value)) writeArray(sink, value, ancestors, depth);
  else writeRecord(sink, value as Record<string, unknown>, ancestors, depth);
  ancestors.delete(value);
}

function writeArray(
  sink: HashingSink,
  value: readonly unknown[],
  ancestors: Set<object>,
  depth: number,
): void {
  sink.write('[');
  for (let index = 0; index < value.length; index++) {
    if (index > 0) sink.write(',');
    writeValue(sink, dropUnrepresentable(value[index]), ancestors, depth + 1);
  }
  sink.write(']');
}

function writeRecord(
  sink: HashingSink,
  record: Record<string, unknown>,
  ancestors: Set<object>,
  depth: number,
): void {
  sink.write('{');
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    sink.write(first ? JSON.stringify(key) : `,${JSON.stringify(key)}`);
    sink.write(':');
    writeValue(sink, item, ancestors, depth + 1);
    first = false;
  }
  sink.write('}');
}

function dropUnrepresentable(item: unknown): unknown {
  return typeof item === 'function' || typeof item === 'symbol' ? null : item;
}
