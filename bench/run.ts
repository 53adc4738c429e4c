// `npm run bench`: throughput of the default detector set on streamed input (64-char chunks),
// beside a naive baseline measured in the same run, and retained memory per inspector.
// Figures are printed, never asserted: timing belongs here, not in tests.
import { performance } from 'node:perf_hooks';
import { DEFAULT_DETECTORS } from '../detectors/index.js';
import type { BuiltInDetectorId } from '../src/finding.js';
import { createInspector } from '../src/inspector.js';
import { BENCH_CORPUS, corpusTexts, inflate, syntheticProse } from './corpus.js';

const CHUNK = 64;
const SIZE = 8 * 1024 * 1024;
/** The naive baseline is quadratic: it is measured on this much of each input. */
const NAIVE_SLICE = 32 * 1024;

/** One streamed text-delta event: what the inspector receives for each chunk of a stream. */
interface TextEvent {
  readonly type: 'text-delta';
  readonly candidate: 0;
  readonly text: string;
  readonly offset: number;
}

/**
 * Cut `text` into the events of a stream of `chunk`-char pieces, before any timing. Each piece is
 * a flat string of its own, as a chunk decoded from the wire is (`JSON.parse` of one SSE line),
 * not a view on the whole input, so the loop below times the detectors and nothing else.
 */
function streamEvents(text: string, chunk = CHUNK): TextEvent[] {
  const events: TextEvent[] = [];
  for (let offset = 0; offset < text.length; offset += chunk) {
    const piece = JSON.parse(JSON.stringify(text.slice(offset, offset + chunk))) as string;
    events.push({ type: 'text-delta', candidate: 0, text: piece, offset });
  }
  return events;
}

function feed(events: readonly TextEvent[], only?: BuiltInDetectorId[]): number {
  const inspector = createInspector(only ? { only } : {});
  let found = 0;
  for (const event of events) found += inspector.push(event).length;
  return found + inspector.end().length;
}

/**
 * The naive way a guard is often written: append each chunk to the accumulated text and re-run
 * regexes over all of it. Quadratic in the input, so it is measured on a smaller slice.
 */
const NAIVE_PATTERNS = [/-{200,}/, / {200,}/, /\n{8,}/, /(?:\\n){8,}/, /(.{8,120}?)\1{4,}/s];
function feedNaive(events: readonly TextEvent[]): number {
  let seen = '';
  let found = 0;
  for (const event of events) {
    seen += event.text;
    for (const pattern of NAIVE_PATTERNS) if (pattern.test(seen)) found += 1;
  }
  return found;
}

function megabytesPerSecond(bytes: number, run: () => unknown, repeats = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < repeats; round += 1) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return bytes / (1024 * 1024) / (best / 1000);
}

/**
 * The least a per-character detector can do: hash each character and store it in a ring. Its speed
 * says how fast this machine is, so figures from other machines can be compared through the ratio.
 */
function referenceLoop(events: readonly TextEvent[]): number {
  const ring = new Uint16Array(4096);
  let hash = 0;
  let count = 0;
  for (const event of events) {
    const text = event.text;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      hash = (Math.imul(hash, 0x01000193) + code) | 0;
      ring[count & 4095] = code;
      count += 1;
    }
  }
  return hash ^ count;
}

function inputs(): Record<string, string> {
  if (!BENCH_CORPUS) {
    console.log('corpus not found ($GUARD_CORPUS or ../shared/corpus): using synthetic prose only');
    return { prose: syntheticProse(SIZE) };
  }
  const prose = corpusTexts('legit', (name) => name.includes('tinyshakespeare'));
  const markdown = corpusTexts('legit-docs', (name) => name.endsWith('.md'));
  const json = corpusTexts('legit', (name) => name.endsWith('.json'));
  return { prose: inflate(prose, SIZE), markdown: inflate(markdown, SIZE), json: inflate(json, SIZE) };
}

function retainedBytesPerInspector(text: string): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  const count = 8;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let index = 0; index < count; index += 1) {
    const inspector = createInspector();
    // Fresh pieces for each inspector, so whatever it keeps of them counts against it.
    for (const event of streamEvents(text)) inspector.push(event);
    kept.push(inspector);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

const rows: string[][] = [
  [
    'input',
    'size',
    'guard MB/s',
    'naive MB/s',
    'naive slice',
    'speed-up',
    '512-char MB/s',
    'cost vs bare loop',
  ],
];
const all = inputs();
for (const [name, text] of Object.entries(all)) {
  const bytes = Buffer.byteLength(text);
  const events = streamEvents(text);
  const guard = megabytesPerSecond(bytes, () => feed(events));
  const wideEvents = streamEvents(text, 512);
  const wide = megabytesPerSecond(bytes, () => feed(wideEvents));
  const reference = megabytesPerSecond(bytes, () => referenceLoop(events));
  const slice = text.slice(0, NAIVE_SLICE);
  const naiveEvents = streamEvents(slice);
  const naive = megabytesPerSecond(Buffer.byteLength(slice), () => feedNaive(naiveEvents), 1);
  rows.push([
    name,
    `${(bytes / 1024 / 1024).toFixed(1)} MB`,
    guard.toFixed(1),
    naive.toPrecision(2),
    `${NAIVE_SLICE / 1024} KB`,
    `${(guard / naive).toFixed(0)}x`,
    wide.toFixed(1),
    `${(reference / guard).toFixed(1)}x`,
  ]);
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
console.log(`\nDefault detector set, ${CHUNK}-char chunks (best of 3; the goal is 50 MB/s or more):`);
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
console.log(
  '512-char MB/s: the same set fed 512-char chunks, which shows how much of the cost comes per chunk.\n' +
    'cost vs bare loop: how many times slower the set is than a loop that only hashes each character and\n' +
    'stores it in a ring (the least any per-character detector does); use it to compare machines.',
);

const perDetector: string[][] = [['detector', ...Object.keys(all).map((name) => `${name} MB/s`)]];
for (const definition of DEFAULT_DETECTORS) {
  const cells = Object.values(all).map((text) => {
    const slice = text.slice(0, 2 * 1024 * 1024);
    const events = streamEvents(slice);
    return megabytesPerSecond(Buffer.byteLength(slice), () => feed(events, [definition.id]), 2).toFixed(0);
  });
  perDetector.push([definition.id, ...cells]);
}
const detectorWidths = perDetector[0]!.map((_, column) =>
  Math.max(...perDetector.map((row) => row[column]!.length)),
);
console.log(`\nEach detector alone, ${CHUNK}-char chunks, 2 MB of each input (best of 2):`);
for (const row of perDetector)
  console.log(row.map((cell, column) => cell.padEnd(detectorWidths[column]!)).join('  '));

const memoryInput = inflate(Object.values(all), 10 * 1024 * 1024);
const retained = retainedBytesPerInspector(memoryInput);
console.log(
  Number.isNaN(retained)
    ? '\nretained heap: run with --expose-gc to measure'
    : `\nretained heap per inspector after 10 MB of input: ${(retained / 1024).toFixed(1)} KiB (budget 256 KiB)`,
);
