import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detector } from '../../src/finding.js';
import { feedPieces, splitEvery } from './feed.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where the shared corpus lives: `$GUARD_CORPUS`, else `../shared/corpus` beside the project.
 * Undefined when neither exists; tests then skip the corpus part and print why.
 */
export const CORPUS_DIR: string | undefined = (() => {
  const candidates = [process.env.GUARD_CORPUS, resolve(here, '../../../shared/corpus')];
  return candidates.find((dir): dir is string => Boolean(dir) && existsSync(dir as string));
})();

/** Why corpus tests are skipped, printed once per test file that needs the corpus. */
export function reportMissingCorpus(what: string): boolean {
  if (CORPUS_DIR) return true;
  console.warn(`[corpus] ${what}: skipped, no corpus at $GUARD_CORPUS or ../shared/corpus`);
  return false;
}

/** Read a corpus file (path relative to the corpus root) as UTF-8. */
export function readCorpus(relativePath: string): string {
  if (!CORPUS_DIR) throw new Error('corpus not available');
  return readFileSync(join(CORPUS_DIR, relativePath), 'utf8');
}

/** Read and parse a corpus JSON file. */
export function readCorpusJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readCorpus(relativePath)) as T;
}

/** Every file below a corpus folder (recursively), relative to the corpus root, index files excluded. */
export function listCorpus(folder: string): string[] {
  if (!CORPUS_DIR) return [];
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(CORPUS_DIR as string, relative)).sort()) {
      const path = join(relative, name);
      if (statSync(join(CORPUS_DIR as string, path)).isDirectory()) walk(path);
      else if (name !== 'index.json') out.push(path);
    }
  };
  walk(folder);
  return out;
}

/**
 * Feed every file of `legit/` to fresh detectors from `create`, whole and in 1-, 7-, 64- and
 * 512-unit pieces, and return one line per abort finding (`file (pieces of N): message`).
 */
export function legitAborts(create: () => Detector): string[] {
  const failures: string[] = [];
  for (const file of listCorpus('legit')) {
    const text = readCorpus(file);
    for (const size of [0, 1, 7, 64, 512]) {
      const pieces = size === 0 ? [text] : splitEvery(text, size);
      for (const finding of feedPieces(create(), pieces)) {
        if (finding.severity === 'abort')
          failures.push(`${file} (pieces of ${size || 'whole'}): ${finding.message}`);
      }
    }
  }
  return failures;
}
