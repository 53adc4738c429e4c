import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The shared corpus folder (`$GUARD_CORPUS` or `../shared/corpus`), if present. */
export const BENCH_CORPUS: string | undefined = [
  process.env.GUARD_CORPUS,
  resolve(here, '../../shared/corpus'),
].find((dir): dir is string => Boolean(dir) && existsSync(dir as string));

/** Every file under a corpus folder, recursively, as text (index.json files excluded). */
export function corpusTexts(folder: string, filter: (name: string) => boolean = () => true): string[] {
  if (!BENCH_CORPUS) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'index.json' && filter(name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(BENCH_CORPUS, folder));
  return out;
}

/** Repeat `pieces` (joined by blank lines) until the text is at least `size` UTF-16 units long. */
export function inflate(pieces: readonly string[], size: number): string {
  if (pieces.length === 0) throw new Error('nothing to inflate');
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < size; index = (index + 1) % pieces.length) {
    const piece = pieces[index] as string;
    parts.push(piece);
    length += piece.length + 2;
  }
  return parts.join('\n\n').slice(0, size);
}

/** Deterministic pseudo-random prose, used when the corpus is absent. */
export function syntheticProse(size: number, seed = 7): string {
  const words = [
    'model',
    'stream',
    'table',
    'answer',
    'schema',
    'token',
    'guard',
    'output',
    'request',
    'loop',
  ];
  let state = seed;
  const out: string[] = [];
  let length = 0;
  while (length < size) {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    const word = words[state % words.length] as string;
    out.push(state % 13 === 0 ? `${word}.\n` : word);
    length += word.length + 1;
  }
  return out.join(' ').slice(0, size);
}
